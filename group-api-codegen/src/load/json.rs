//! A location-tracking reader over the JSON syntax tree: every value it hands out comes with the
//! place it was read from, and every value that is missing or of the wrong shape is reported there
//! (and handed out as absent, never as a made-up default). Knows nothing of the spec format beyond
//! the words it reports with.

use jsonc_parser::ParseOptions;
use jsonc_parser::ast::{Object, ObjectProp, Value as Node};
use jsonc_parser::common::Ranged as _;
use serde_json::Value;

use crate::diag::{Ctxt, Loc, did_you_mean};

/// Strict JSON: no comments, trailing commas or other JSON5 liberties.
pub(super) fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// An object node with its path, its keys checked against the allowed ones.
pub(super) struct Obj<'n, 'a> {
    pub(super) props: &'n [ObjectProp<'a>],
    pub(super) at: Loc,
}

impl<'n, 'a> Obj<'n, 'a> {
    pub(super) fn get(&self, key: &str) -> Option<&'n Node<'a>> {
        self.props
            .iter()
            .find(|p| p.name.as_str() == key)
            .map(|p| &p.value)
    }

    pub(super) fn path(&self, key: &str) -> String {
        if self.at.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.at.path)
        }
    }

    pub(super) fn loc(&self, key: &str) -> Loc {
        match self.get(key) {
            Some(node) => Loc::new(self.at.file, node.range().start, self.path(key)),
            None => self.at.clone(),
        }
    }
}

pub(super) fn found(node: &Node) -> &'static str {
    match node {
        Node::StringLit(_) => "a string",
        Node::NumberLit(_) => "a number",
        Node::BooleanLit(_) => "a boolean",
        Node::Object(_) => "an object",
        Node::Array(_) => "an array",
        Node::NullKeyword(_) => "null",
    }
}

/// Converts a node to a JSON value (for examples and defaults).
pub(super) fn to_value(node: &Node) -> Value {
    match node {
        Node::StringLit(s) => Value::String(s.value.to_string()),
        Node::NumberLit(n) => serde_json::from_str(n.value).unwrap_or(Value::Null),
        Node::BooleanLit(b) => Value::Bool(b.value),
        Node::NullKeyword(_) => Value::Null,
        Node::Array(a) => Value::Array(a.elements.iter().map(to_value).collect()),
        Node::Object(o) => Value::Object(
            o.properties
                .iter()
                .map(|p| (p.name.as_str().to_owned(), to_value(&p.value)))
                .collect(),
        ),
    }
}

pub(super) struct Reader<'c> {
    pub(super) cx: &'c mut Ctxt,
    pub(super) file: usize,
    /// Set when an entry (a field, an error row, an API, ...) was left out of the model because a
    /// part it needs is missing or unreadable: lists it belonged to are then incomplete, and the
    /// checker does not look names up in them.
    pub(super) dropped: bool,
    /// The rules of an array's entries (`items`' `min_length`, `pattern`, ...), read with the
    /// array's type and taken by the field that has it; see `Reader::unplaced_entry_rules`.
    pub(super) entry_rules: Option<crate::model::Constraints>,
}

impl Reader<'_> {
    pub(super) fn error(&mut self, at: &Loc, message: impl Into<String>, help: Option<String>) {
        self.cx.error(at, message, help);
    }

    pub(super) fn node_loc(&self, node: &Node, path: String) -> Loc {
        Loc::new(self.file, node.range().start, path)
    }

    /// A part of an entry that is required: reports it missing at the object that lacks it.
    pub(super) fn missing(&mut self, obj: &Obj, key: &str) {
        let at = obj.at.clone();
        self.error(&at, format!("missing required key `{key}`"), None);
    }

    /// Records that an entry was left out of the model (see [`Reader::dropped`]) and passes its
    /// absence on.
    pub(super) fn drop_entry<T>(&mut self, entry: Option<T>) -> Option<T> {
        if entry.is_none() {
            self.dropped = true;
        }
        entry
    }

    /// The entries of the array under `key`, each read by `read`; an entry it cannot build is left
    /// out and recorded (see [`Reader::dropped`]).
    pub(super) fn entries<T>(
        &mut self,
        obj: &Obj,
        key: &str,
        mut read: impl FnMut(&mut Self, &Node, String) -> Option<T>,
    ) -> Vec<T> {
        self.array(obj, key)
            .into_iter()
            .filter_map(|(node, path)| {
                let entry = read(self, node, path);
                self.drop_entry(entry)
            })
            .collect()
    }

    /// The root's `kind`, or a report saying what is missing.
    pub(super) fn peek_kind(&mut self, root: &Node) -> Option<String> {
        let at = self.node_loc(root, String::new());
        let Node::Object(object) = root else {
            self.error(
                &at,
                format!("expected a JSON object, found {}", found(root)),
                None,
            );
            return None;
        };
        let kind = object.properties.iter().find(|p| p.name.as_str() == "kind");
        match kind.map(|p| &p.value) {
            Some(Node::StringLit(s)) if matches!(&*s.value, "platform" | "endpoint") => {
                Some(s.value.to_string())
            }
            Some(other) => {
                let at = self.node_loc(other, "kind".into());
                let text = match other {
                    Node::StringLit(s) => format!("`\"{}\"`", s.value),
                    other => found(other).to_owned(),
                };
                let help = match other {
                    Node::StringLit(s) => did_you_mean(&s.value, ["platform", "endpoint"])
                        .map(|m| format!("did you mean `\"{m}\"`?")),
                    _ => None,
                };
                self.error(
                    &at,
                    format!("`kind` must be \"platform\" or \"endpoint\", found {text}"),
                    help,
                );
                None
            }
            None => {
                let help = Some(
                    "add `\"kind\": \"endpoint\"` (or `\"platform\"` for a platform file)"
                        .to_owned(),
                );
                self.error(&at, "missing required key `kind`", help);
                None
            }
        }
    }

    pub(super) fn object<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        path: String,
        allowed: &[&str],
    ) -> Option<Obj<'n, 'a>> {
        let at = self.node_loc(node, path);
        let Node::Object(Object { properties, .. }) = node else {
            self.error(
                &at,
                format!("expected an object, found {}", found(node)),
                None,
            );
            return None;
        };
        let obj = Obj {
            props: properties,
            at,
        };
        for (i, prop) in properties.iter().enumerate() {
            let key = prop.name.as_str();
            let key_at = Loc::new(self.file, prop.range.start, obj.path(key));
            if properties[..i].iter().any(|p| p.name.as_str() == key) {
                self.error(
                    &key_at,
                    format!("key `{key}` appears twice in this object"),
                    None,
                );
            } else if !allowed.contains(&key) {
                let help = match did_you_mean(key, allowed.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("allowed keys here: {}", allowed.join(", ")),
                };
                self.error(&key_at, format!("unknown key `{key}`"), Some(help));
            }
        }
        Some(obj)
    }

    pub(super) fn string(&mut self, obj: &Obj, key: &str, required: bool) -> Option<String> {
        match obj.get(key) {
            // Text says something or is left out (a `const` header value may be empty).
            Some(Node::StringLit(s)) if s.value.is_empty() && key != "const" => {
                let at = obj.loc(key);
                let help = if required {
                    None
                } else {
                    Some(format!("leave `{key}` out where the page gives nothing"))
                };
                self.error(&at, format!("`{key}` is empty"), help);
                None
            }
            Some(Node::StringLit(s)) => Some(s.value.to_string()),
            Some(other) => {
                let at = obj.loc(key);
                self.error(
                    &at,
                    format!("expected a string, found {}", found(other)),
                    None,
                );
                None
            }
            None => {
                if required {
                    self.error(&obj.at, format!("missing required key `{key}`"), None);
                }
                None
            }
        }
    }

    /// A required string: absent (and reported) when missing or not a string.
    pub(super) fn required(&mut self, obj: &Obj, key: &str) -> Option<String> {
        self.string(obj, key, true)
    }

    pub(super) fn opt_string(&mut self, obj: &Obj, key: &str) -> Option<String> {
        self.string(obj, key, false)
    }

    pub(super) fn bool(&mut self, obj: &Obj, key: &str) -> bool {
        match obj.get(key) {
            Some(Node::BooleanLit(b)) => b.value,
            Some(other) => {
                let at = obj.loc(key);
                self.error(
                    &at,
                    format!("expected true or false, found {}", found(other)),
                    None,
                );
                false
            }
            None => false,
        }
    }

    pub(super) fn integer(&mut self, obj: &Obj, key: &str, min: i64, max: i64) -> Option<i64> {
        let node = obj.get(key)?;
        let at = obj.loc(key);
        let parsed = match node {
            Node::NumberLit(n) => n.value.parse::<i64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.error(
                    &at,
                    format!("{n} is out of range: allowed are {min} to {max}"),
                    None,
                );
                None
            }
            None => {
                let what = match node {
                    Node::NumberLit(n) => format!("`{}`", n.value),
                    other => found(other).to_owned(),
                };
                self.error(&at, format!("expected a whole number, found {what}"), None);
                None
            }
        }
    }

    /// A required key naming one body field (`"code"`) or several, in order of preference
    /// (`["code", "Code"]`); absent when it names none.
    pub(super) fn field_names(&mut self, obj: &Obj, key: &str) -> Option<Vec<String>> {
        match obj.get(key) {
            Some(Node::Array(_)) => {
                let names = self.strings(obj, key);
                if names.is_empty() {
                    let at = obj.loc(key);
                    self.error(&at, format!("`{key}` names no field"), None);
                    return None;
                }
                Some(names)
            }
            _ => self.string(obj, key, true).map(|name| vec![name]),
        }
    }

    pub(super) fn strings(&mut self, obj: &Obj, key: &str) -> Vec<String> {
        let Some(node) = obj.get(key) else {
            return Vec::new();
        };
        let path = obj.path(key);
        let Node::Array(array) = node else {
            let at = obj.loc(key);
            self.error(
                &at,
                format!("expected an array of strings, found {}", found(node)),
                None,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, element) in array.elements.iter().enumerate() {
            match element {
                Node::StringLit(s) if s.value.is_empty() => {
                    let at = self.node_loc(element, format!("{path}[{i}]"));
                    self.error(&at, format!("an entry of `{key}` is empty"), None);
                }
                Node::StringLit(s) => out.push(s.value.to_string()),
                other => {
                    let at = self.node_loc(other, format!("{path}[{i}]"));
                    self.error(
                        &at,
                        format!("expected a string, found {}", found(other)),
                        None,
                    );
                }
            }
        }
        out
    }

    /// A required string that must be one of `allowed`.
    pub(super) fn choice<T: Copy>(
        &mut self,
        obj: &Obj,
        key: &str,
        allowed: &[(&str, T)],
    ) -> Option<T> {
        let text = self.string(obj, key, true)?;
        if let Some((_, value)) = allowed.iter().find(|(name, _)| *name == text) {
            return Some(*value);
        }
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        let help = match did_you_mean(&text, names.iter().copied()) {
            Some(m) => format!("did you mean `\"{m}\"`?"),
            None => format!(
                "allowed: {}",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let at = obj.loc(key);
        self.error(
            &at,
            format!("`\"{text}\"` is not a valid `{key}`"),
            Some(help),
        );
        None
    }

    pub(super) fn array<'n, 'a>(
        &mut self,
        obj: &Obj<'n, 'a>,
        key: &str,
    ) -> Vec<(&'n Node<'a>, String)> {
        let Some(node) = obj.get(key) else {
            return Vec::new();
        };
        let path = obj.path(key);
        match node {
            Node::Array(array) => array
                .elements
                .iter()
                .enumerate()
                .map(|(i, e)| (e, format!("{path}[{i}]")))
                .collect(),
            other => {
                let at = obj.loc(key);
                self.error(
                    &at,
                    format!("expected an array, found {}", found(other)),
                    None,
                );
                Vec::new()
            }
        }
    }
}
