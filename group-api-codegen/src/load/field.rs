//! Fields and their types: scalars, enums, arrays and nested objects.

use jsonc_parser::ast::Value as Node;
use serde_json::Value;

use super::json::{Obj, Reader, found, to_value};
use super::keys;
use crate::diag::did_you_mean;
use crate::model::{
    Constraints, EnumType, EnumValue, Field, ObjectType, SharedRef, Type, UnionType, UnionVariant,
    ViolationError,
};
use crate::names::is_upper_camel;

const TYPES: &[&str] = &[
    "string", "integer", "int32", "int64", "number", "boolean", "array", "object", "union",
];

/// The union form, for the help of a `type` written as a list.
const UNION_HELP: &str = "a value of several shapes is a union: `\"type\": \"union\", \"rust_type\": \"UserIds\", \"one_of\": [{ \"variant\": \"One\", \"type\": \"string\" }, { \"variant\": \"Many\", \"type\": \"array\", \"items\": { \"type\": \"string\" } }]`";

impl Reader<'_> {
    /// A list of fields; a field that cannot be built is left out (and marks the list
    /// incomplete).
    pub(super) fn fields(&mut self, obj: &Obj, key: &str) -> Vec<Field> {
        self.entries(obj, key, Self::field)
    }

    /// One field; nothing is built without its `name` and a readable type.
    fn field(&mut self, node: &Node, path: String) -> Option<Field> {
        let obj = self.object(node, path, keys::FIELD)?;
        let name = self.required(&obj, "name");
        let ty = self.ty(&obj)?;
        let own = self.constraints(&obj);
        let count = |r: &mut Self, key: &str| {
            r.integer(&obj, key, 0, u32::MAX as i64)
                .map(|n| (n as u64, obj.loc(key)))
        };
        let min_items = count(self, "min_items");
        let max_items = count(self, "max_items");
        let separator = self
            .opt_string(&obj, "separator")
            .map(|s| (s, obj.loc("separator")));
        // The entries' rules, read beside their `type` in `items`.
        let items = self.entry_rules.take();
        let violation_error = self.violation_error(&obj);
        let const_value = self.opt_string(&obj, "const");
        self.strings(&obj, "notes");
        let examples = self.example_values(&obj);
        Some(Field {
            at: obj.loc("name"),
            name: name?,
            ty,
            required: self.bool(&obj, "required"),
            description: self.opt_string(&obj, "description").unwrap_or_default(),
            example: obj.get("example").map(to_value),
            examples,
            default: obj.get("default").map(to_value),
            rust_name: self.opt_string(&obj, "rust_name"),
            min_length: own.min_length,
            max_length: own.max_length,
            violation_error,
            const_value,
            secret: self.bool(&obj, "secret"),
            pattern: own.pattern,
            minimum: own.minimum,
            maximum: own.maximum,
            min_items,
            max_items,
            separator,
            items,
        })
    }

    /// Reports entry rules (`items`' `min_length`, `pattern`, ...) read with a type that is not a
    /// field's own: a union's shape, a shared type, a list inside a list. Only a field's entries
    /// are checked, so anywhere else the rules would be dropped without a word.
    pub(super) fn unplaced_entry_rules(&mut self) {
        let Some(rules) = self.entry_rules.take() else {
            return;
        };
        let at = [
            rules.min_length.map(|(_, at)| at),
            rules.max_length.map(|(_, at)| at),
            rules.pattern.map(|(_, at)| at),
            rules.minimum.map(|(_, at)| at),
            rules.maximum.map(|(_, at)| at),
        ]
        .into_iter()
        .flatten()
        .next();
        if let Some(at) = at {
            self.error(
                &at,
                "rules on a list's entries are checked only in a field's own `items`",
                Some(
                    "put the list in a field of its own, or describe the rule in `description`"
                        .into(),
                ),
            );
        }
    }

    /// The value rules of a field or of an `items` object: lengths, pattern, numeric bounds.
    pub(super) fn constraints(&mut self, obj: &Obj) -> Constraints {
        let length = |r: &mut Self, key: &str| {
            r.integer(obj, key, 0, u32::MAX as i64)
                .map(|n| (n as u64, obj.loc(key)))
        };
        let min_length = length(self, "min_length");
        let max_length = length(self, "max_length");
        let pattern = self
            .opt_string(obj, "pattern")
            .map(|p| (p, obj.loc("pattern")));
        let minimum = self.number(obj, "minimum");
        let maximum = self.number(obj, "maximum");
        Constraints {
            min_length,
            max_length,
            pattern,
            minimum,
            maximum,
        }
    }

    /// A number (`minimum`, `maximum`), whole or not.
    fn number(&mut self, obj: &Obj, key: &str) -> Option<(serde_json::Number, crate::diag::Loc)> {
        let node = obj.get(key)?;
        let at = obj.loc(key);
        if let Node::NumberLit(n) = node
            && let Ok(Value::Number(number)) = serde_json::from_str::<Value>(n.value)
        {
            return Some((number, at));
        }
        self.error(
            &at,
            format!("expected a number, found {}", found(node)),
            None,
        );
        None
    }

    /// `violation_error`: one row variant for every rule, or an object naming one per rule.
    fn violation_error(&mut self, obj: &Obj) -> Option<ViolationError> {
        let node = obj.get("violation_error")?;
        let at = obj.loc("violation_error");
        match node {
            Node::StringLit(s) => Some(ViolationError::All(s.value.to_string(), at)),
            Node::Object(_) => {
                let rules =
                    self.object(node, obj.path("violation_error"), keys::VIOLATION_ERROR)?;
                let mut out = Vec::new();
                for prop in rules.props {
                    let rule = prop.name.as_str();
                    if !ViolationError::RULES.contains(&rule) {
                        continue; // reported by `object`
                    }
                    if let Some(variant) = self.opt_string(&rules, rule) {
                        out.push((rule.to_owned(), variant, rules.loc(rule)));
                    }
                }
                Some(ViolationError::PerRule(out))
            }
            other => {
                let help = Some(
                    "name an error row's `variant` (`\"GroupNameInvalid\"`), or one per rule (`{ \"max_length\": \"GroupNameTooLong\" }`)"
                        .to_owned(),
                );
                self.error(
                    &at,
                    format!("expected a string or an object, found {}", found(other)),
                    help,
                );
                None
            }
        }
    }

    /// `examples`: several example values, instead of (not beside) `example`.
    fn example_values(&mut self, obj: &Obj) -> Vec<Value> {
        let values: Vec<Value> = self
            .array(obj, "examples")
            .into_iter()
            .map(|(node, _)| to_value(node))
            .collect();
        if obj.get("examples").is_some() && obj.get("example").is_some() {
            let at = obj.loc("examples");
            let help = Some("move the `example` value into `examples`".into());
            self.error(&at, "give `example` or `examples`, not both", help);
        } else if matches!(obj.get("examples"), Some(Node::Array(a)) if a.elements.is_empty()) {
            let at = obj.loc("examples");
            self.error(
                &at,
                "`examples` lists no value",
                Some("leave it out".into()),
            );
        }
        values
    }

    /// The type described by `type` and its companions (`items`, `fields`, `enum`, `rust_type`) in
    /// a field or an `items` object.
    pub(super) fn ty(&mut self, obj: &Obj) -> Option<Type> {
        if let Some(Node::Array(_)) = obj.get("type") {
            let at = obj.loc("type");
            self.error(
                &at,
                "`type` names one type, not a list of them",
                Some(UNION_HELP.to_owned()),
            );
            return None;
        }
        let ty = self.string(obj, "type", true)?;
        let at = obj.loc("type");
        let misplaced = |r: &mut Self, key: &str, why: &str| {
            if obj.get(key).is_some() {
                let at = obj.loc(key);
                r.error(
                    &at,
                    format!("`{key}` does not go with `\"type\": \"{ty}\"`"),
                    Some(why.to_owned()),
                );
            }
        };
        if ty != "union" {
            misplaced(
                self,
                "one_of",
                "`one_of` lists the shapes of a `\"type\": \"union\"`",
            );
        }
        // Rules between fields belong to an object (for a list of objects, in its `items`).
        if ty != "object" {
            for key in ["at_least_one_of", "rules"] {
                misplaced(self, key, "it is about the fields of an object");
            }
        }
        match ty.as_str() {
            "string" | "integer" | "int32" | "int64" | "number" => {
                misplaced(self, "items", "`items` describes the entries of an array");
                misplaced(
                    self,
                    "fields",
                    "`fields` describes the members of an object",
                );
                if obj.get("enum").is_some() && ty != "number" {
                    return self.enum_type(obj, ty != "string").map(Type::Enum);
                }
                misplaced(
                    self,
                    "enum",
                    "an enum's values are strings or whole numbers",
                );
                // With a misplaced `enum`, its `rust_type` is part of that one mistake.
                if obj.get("enum").is_none() {
                    misplaced(
                        self,
                        "rust_type",
                        "`rust_type` names an enum, an object or a union",
                    );
                }
                Some(match ty.as_str() {
                    "string" => Type::String,
                    "integer" => Type::Integer,
                    "int32" => Type::Int32,
                    "int64" => Type::Int64,
                    _ => Type::Number,
                })
            }
            "union" => {
                for key in ["items", "fields", "enum"] {
                    misplaced(
                        self,
                        key,
                        "a union's shapes, each with its own type, go in `one_of`",
                    );
                }
                let rust_type = self.required(obj, "rust_type");
                if obj.get("one_of").is_none() {
                    self.missing(obj, "one_of");
                    return None;
                }
                let entries = self.array(obj, "one_of");
                let count = entries.len();
                let mut variants = Vec::new();
                for (node, path) in entries {
                    let Some(v) = self.object(node, path, keys::UNION_VARIANT) else {
                        continue;
                    };
                    let variant = self.required(&v, "variant");
                    let ty = self.ty(&v);
                    self.unplaced_entry_rules();
                    self.opt_string(&v, "description");
                    if let (Some(variant), Some(ty)) = (variant, ty) {
                        variants.push(UnionVariant {
                            at: v.loc("variant"),
                            variant,
                            ty,
                        });
                    }
                }
                if count < 2 {
                    let at = obj.loc("one_of");
                    self.error(&at, "a union needs at least two shapes in `one_of`", None);
                    return None;
                }
                if variants.len() != count {
                    return None; // a shape was not read, and was reported
                }
                Some(Type::Union(UnionType {
                    at: obj.loc("rust_type"),
                    rust_type: rust_type?,
                    variants,
                }))
            }
            name if is_upper_camel(name) => {
                for key in ["items", "fields", "enum", "rust_type"] {
                    misplaced(
                        self,
                        key,
                        "the shared type is described once, in the platform file's `types`",
                    );
                }
                Some(Type::Shared(SharedRef {
                    at,
                    name: name.to_owned(),
                    target: None,
                }))
            }
            "boolean" => {
                for key in ["items", "fields", "enum", "rust_type"] {
                    misplaced(self, key, "a boolean has no companions");
                }
                Some(Type::Boolean)
            }
            "array" => {
                misplaced(
                    self,
                    "fields",
                    "`fields` describes an object; for an array of objects put them in `items`",
                );
                misplaced(
                    self,
                    "enum",
                    "for an array of enum values put `enum` in `items`",
                );
                let Some(items) = obj.get("items") else {
                    let help = Some(
                        "add `\"items\": { \"type\": \"string\" }` (or the entries' type)"
                            .to_owned(),
                    );
                    self.error(&obj.at, "an array needs `items`", help);
                    return None;
                };
                let items = self.object(items, obj.path("items"), keys::ITEM_TYPE)?;
                self.opt_string(&items, "description");
                let entries = self.ty(&items)?;
                // A list of lists: the inner list's entry rules have no field to go on.
                self.unplaced_entry_rules();
                let rules = self.constraints(&items);
                self.entry_rules = Some(rules).filter(|r| !r.is_empty());
                Some(Type::Array(Box::new(entries)))
            }
            "object" => {
                misplaced(self, "items", "`items` describes the entries of an array");
                misplaced(self, "enum", "an object cannot be an enum");
                let rust_type = self.required(obj, "rust_type");
                if obj.get("fields").is_none() {
                    self.error(
                        &obj.at,
                        "an object needs `fields` (an empty array for an object with none)",
                        None,
                    );
                }
                let dropped_before = std::mem::take(&mut self.dropped);
                let fields = self.fields(obj, "fields");
                let at_least_one_of = self.groups(obj);
                let rules = self.rules(obj);
                let complete = !self.dropped;
                self.dropped |= dropped_before;
                obj.get("fields")?;
                Some(Type::Object(ObjectType {
                    at: obj.loc("rust_type"),
                    rust_type: rust_type?,
                    fields,
                    at_least_one_of,
                    rules,
                    complete,
                }))
            }
            other => {
                let help = match did_you_mean(other, TYPES.iter().copied()) {
                    Some(m) => format!("did you mean `\"{m}\"`?"),
                    None => format!(
                        "allowed types: {}, or the UpperCamelCase name of one of the platform's shared `types`",
                        TYPES
                            .iter()
                            .map(|t| format!("\"{t}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(&at, format!("unknown type `\"{other}\"`"), Some(help));
                None
            }
        }
    }

    /// An enum; nothing is built without its `rust_type` and every value readable (the examples
    /// are checked against the values).
    fn enum_type(&mut self, obj: &Obj, integer: bool) -> Option<EnumType> {
        let rust_type = self.required(obj, "rust_type");
        let mut values = Vec::new();
        for (node, path) in self.array(obj, "enum") {
            let Some(v) = self.object(node, path, keys::ENUM_VALUE) else {
                continue;
            };
            let value = match (v.get("value"), integer) {
                (Some(Node::NumberLit(n)), true) if n.value.parse::<i64>().is_ok() => {
                    to_value(&Node::NumberLit(n.clone()))
                }
                (Some(Node::StringLit(s)), false) => Value::String(s.value.to_string()),
                (Some(other), _) => {
                    let at = v.loc("value");
                    let want = if integer {
                        "a whole number (the enum's type is integer)"
                    } else {
                        "a string (the enum's type is string)"
                    };
                    self.error(
                        &at,
                        format!("expected {want}, found {}", found(other)),
                        None,
                    );
                    continue;
                }
                (None, _) => {
                    self.missing(&v, "value");
                    continue;
                }
            };
            let Some(variant) = self.required(&v, "variant") else {
                continue;
            };
            let description = self.opt_string(&v, "description").unwrap_or_default();
            values.push(EnumValue {
                at: v.loc("variant"),
                value,
                variant,
                description,
            });
        }
        if matches!(obj.get("enum"), Some(Node::Array(a)) if a.elements.is_empty()) {
            let at = obj.loc("enum");
            self.error(&at, "an enum needs at least one value", None);
        }
        let entries = match obj.get("enum") {
            Some(Node::Array(a)) => a.elements.len(),
            _ => 0,
        };
        if values.len() != entries {
            return None; // a value was not read, and was reported
        }
        Some(EnumType {
            at: obj.loc("rust_type"),
            rust_type: rust_type?,
            integer,
            values,
        })
    }
}
