//! Fields and their types: scalars, enums, arrays and nested objects.

use jsonc_parser::ast::Value as Node;
use serde_json::Value;

use super::json::{Obj, Reader, found, to_value};
use super::keys;
use crate::diag::did_you_mean;
use crate::model::{EnumType, EnumValue, Field, ObjectType, Type};

const TYPES: &[&str] = &["string", "integer", "boolean", "array", "object"];

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
        let length = |r: &mut Self, key: &str| {
            r.integer(&obj, key, 0, u32::MAX as i64)
                .map(|n| (n as u64, obj.loc(key)))
        };
        let min_length = length(self, "min_length");
        let max_length = length(self, "max_length");
        let violation_error = self
            .opt_string(&obj, "violation_error")
            .map(|v| (v, obj.loc("violation_error")));
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
            min_length,
            max_length,
            violation_error,
            const_value,
            secret: self.bool(&obj, "secret"),
        })
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
    fn ty(&mut self, obj: &Obj) -> Option<Type> {
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
        // Rules between fields belong to an object (for a list of objects, in its `items`).
        if ty != "object" {
            for key in ["at_least_one_of", "rules"] {
                misplaced(self, key, "it is about the fields of an object");
            }
        }
        match ty.as_str() {
            "string" | "integer" => {
                misplaced(self, "items", "`items` describes the entries of an array");
                misplaced(
                    self,
                    "fields",
                    "`fields` describes the members of an object",
                );
                if obj.get("enum").is_some() {
                    return self.enum_type(obj, ty == "integer").map(Type::Enum);
                }
                misplaced(self, "rust_type", "`rust_type` names an enum or an object");
                Some(if ty == "string" {
                    Type::String
                } else {
                    Type::Integer
                })
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
                Some(Type::Array(Box::new(self.ty(&items)?)))
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
                    None => {
                        "allowed types: \"string\", \"integer\", \"boolean\", \"array\", \"object\""
                            .to_owned()
                    }
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
