//! Rules of the page's examples: each must be what the spec describes, so the tests that build it
//! with the builder and parse it as the response test the spec, not a typo.

use std::collections::BTreeMap;

use serde_json::Value;

use super::field::article;
use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;

/// An example's request parts and response against the fields they should have.
pub fn example_matches_the_spec(cx: &mut Ctxt, endpoint: &EndpointSpec, example: &Example) {
    let request = &endpoint.request;
    let parts = [
        ("path", &example.path, &request.path),
        ("query", &example.query, &request.query),
        ("body", &example.body, &request.body),
    ];
    for (key, value, fields) in parts {
        if let Some(value) = value {
            let path = format!("{}.request.{key}", example.at.path);
            check_value_against(cx, &example.at, &path, value, fields, true);
        }
    }
    if let Some(response) = &example.response {
        let path = format!("{}.response", example.at.path);
        check_value_against(cx, &example.at, &path, response, &endpoint.response, false);
    }
}

/// An example object against the fields it should have.
fn check_value_against(
    cx: &mut Ctxt,
    at: &Loc,
    path: &str,
    value: &Value,
    fields: &[Field],
    request: bool,
) {
    let Value::Object(map) = value else {
        cx.error(
            &Loc {
                path: path.into(),
                ..at.clone()
            },
            "the example is not a JSON object",
            None,
        );
        return;
    };
    let map: BTreeMap<&String, &Value> = map.iter().collect();
    for (key, value) in &map {
        let here = format!("{path}.{key}");
        match fields.iter().find(|f| f.name == **key) {
            // A separator list's example is its joined string: each entry is checked.
            Some(field) if field.separator.is_some() && value.is_string() => {
                if let (Some((separator, _)), Value::String(text), Type::Array(items)) =
                    (&field.separator, value, field.ty.resolved())
                    && !text.is_empty()
                {
                    for (i, piece) in text.split(separator.as_str()).enumerate() {
                        let entry = match items.resolved() {
                            ty if ty.is_integer() => piece
                                .parse::<i64>()
                                .map(Value::from)
                                .unwrap_or_else(|_| Value::String(piece.to_owned())),
                            _ => Value::String(piece.to_owned()),
                        };
                        let path = format!("{here}[{i}]");
                        check_example_value(cx, at, &path, &entry, items, request);
                    }
                }
            }
            Some(field) => check_example_value(cx, at, &here, value, &field.ty, request),
            None => {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                let help = did_you_mean(key, names.iter().copied())
                    .map(|m| format!("did you mean `{m}`?"));
                let message = format!("the example has `{key}`, which the spec does not describe");
                cx.error(
                    &Loc {
                        path: here,
                        ..at.clone()
                    },
                    message,
                    help,
                );
            }
        }
    }
    if request {
        for field in fields
            .iter()
            .filter(|f| f.required && f.const_value.is_none())
        {
            if !map.contains_key(&field.name) {
                let message = format!(
                    "the example leaves out `{}`, which the spec marks required",
                    field.name
                );
                cx.error(
                    &Loc {
                        path: path.into(),
                        ..at.clone()
                    },
                    message,
                    None,
                );
            }
        }
    }
}

fn check_example_value(
    cx: &mut Ctxt,
    at: &Loc,
    path: &str,
    value: &Value,
    ty: &Type,
    request: bool,
) {
    let ok = match (ty, value) {
        (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Integer | Type::Int64, Value::Number(n)) => n.is_i64(),
        (Type::Int32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (Type::Number, Value::Number(_)) => true,
        // Not found: reported by the checker as an unknown type.
        (Type::Shared(s), v) => match &s.target {
            Some(target) => {
                check_example_value(cx, at, path, v, target, request);
                true
            }
            None => true,
        },
        (Type::Union(u), v) => u.variants.iter().any(|shape| fits(&shape.ty, v)),
        (Type::Enum(e), v) => {
            if !e.values.iter().any(|ev| ev.value == *v) {
                let allowed: Vec<String> = e.values.iter().map(|ev| ev.value.to_string()).collect();
                let message = format!(
                    "the example's value {v} is not one of the enum's values ({})",
                    allowed.join(", ")
                );
                cx.error(
                    &Loc {
                        path: path.into(),
                        ..at.clone()
                    },
                    message,
                    None,
                );
            }
            true
        }
        (Type::Array(items), Value::Array(values)) => {
            for (i, v) in values.iter().enumerate() {
                check_example_value(cx, at, &format!("{path}[{i}]"), v, items, request);
            }
            true
        }
        (Type::Object(o), v @ Value::Object(_)) => {
            check_value_against(cx, at, path, v, &o.fields, request);
            true
        }
        _ => false,
    };
    if !ok {
        let message = format!(
            "the example's value {value} is not {}",
            article(ty.describe())
        );
        cx.error(
            &Loc {
                path: path.into(),
                ..at.clone()
            },
            message,
            None,
        );
    }
}

/// Whether a value has a union shape's JSON form (scalars and lists of scalars).
fn fits(ty: &Type, value: &Value) -> bool {
    match (ty, value) {
        (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Number, Value::Number(_)) => true,
        (Type::Int32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (ty, Value::Number(n)) if ty.is_integer() => n.is_i64(),
        (Type::Array(items), Value::Array(values)) => values.iter().all(|v| fits(items, v)),
        _ => false,
    }
}
