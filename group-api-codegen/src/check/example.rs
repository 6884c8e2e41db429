//! Rules of the page's examples: each must be what the spec describes, so the tests that build it
//! with the builder and parse it as the response test the spec, not a typo.

use std::collections::BTreeMap;

use serde_json::Value;

use super::field::article;
use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;

/// An example's request parts and response against the fields they should have. `query_auth` is
/// the query parameter the API's token goes in (`access_token`), which a page's example may show
/// with a placeholder value although it is not a field.
pub fn example_matches_the_spec(
    cx: &mut Ctxt,
    endpoint: &EndpointSpec,
    example: &Example,
    query_auth: Option<&str>,
) {
    let request = &endpoint.request;
    let parts = [
        ("path", &example.path, &request.path),
        ("query", &example.query, &request.query),
        ("body", &example.body, &request.body),
    ];
    let marked: Vec<(String, &Deviation)> = example
        .deviations
        .iter()
        .map(|d| (deviation_path(&example.at.path, &d.pointer), d))
        .collect();
    let mut ex = ExampleCtx {
        example,
        marked: &marked,
        used: Vec::new(),
        query_auth: None,
    };
    for (key, value, fields) in parts {
        if let Some(value) = value {
            let path = format!("{}.request.{key}", example.at.path);
            ex.query_auth = query_auth.filter(|_| key == "query");
            ex.check_value_against(cx, &path, value, fields, true);
        }
    }
    ex.query_auth = None;
    if let Some(response) = &example.response {
        let path = format!("{}.response", example.at.path);
        ex.check_value_against(cx, &path, response, &endpoint.response, false);
    }
    deviations_mark_deviating_values(cx, &ex);
}

/// A deviation marks a value the example has and whose type differs from the table's: a mark on
/// nothing, or on a value that agrees with its table, would hide the next real mistake.
fn deviations_mark_deviating_values(cx: &mut Ctxt, ex: &ExampleCtx) {
    for (path, deviation) in ex.marked {
        if !ex.used.contains(path) {
            let help = Some(
                "`at` is a JSON pointer into the example to a value that contradicts the table, such as `/request/body/type`"
                    .into(),
            );
            cx.error(
                &deviation.at,
                format!(
                    "the deviation at `{}` marks no value that differs from its field's type",
                    deviation.pointer
                ),
                help,
            );
        }
    }
}

/// `/request/body/list/0/x` as the checker's path `examples[0].request.body.list[0].x`.
fn deviation_path(example: &str, pointer: &str) -> String {
    let mut out = example.to_owned();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{segment}]"));
        } else {
            out.push('.');
            out.push_str(&segment);
        }
    }
    out
}

/// What checking one example needs besides the value at hand.
struct ExampleCtx<'e> {
    example: &'e Example,
    /// The deviations by the checker's path of the value they mark.
    marked: &'e [(String, &'e Deviation)],
    /// The marked paths met on a value that deviates.
    used: Vec<String>,
    query_auth: Option<&'e str>,
}

impl ExampleCtx<'_> {
    /// Where the value at `path` is in its file; the example itself when it has no such value.
    fn loc(&self, path: &str) -> Loc {
        self.example
            .value_locs
            .iter()
            .find(|l| l.path == path)
            .cloned()
            .unwrap_or_else(|| Loc {
                path: path.into(),
                ..self.example.at.clone()
            })
    }

    /// An example object against the fields it should have.
    fn check_value_against(
        &mut self,
        cx: &mut Ctxt,
        path: &str,
        value: &Value,
        fields: &[Field],
        request: bool,
    ) {
        let Value::Object(map) = value else {
            cx.error(&self.loc(path), "the example is not a JSON object", None);
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
                            self.check_example_value(cx, &path, &entry, items, request);
                        }
                    }
                }
                Some(field) => self.check_example_value(cx, &here, value, &field.ty, request),
                // The page's placeholder for the API's query token (`access_token=ACCESS_TOKEN`).
                None if self.query_auth == Some(key.as_str()) => {}
                None => {
                    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let help = did_you_mean(key, names.iter().copied())
                        .map(|m| format!("did you mean `{m}`?"));
                    let message =
                        format!("the example has `{key}`, which the spec does not describe");
                    cx.error(&self.loc(&here), message, help);
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
                    cx.error(&self.loc(path), message, None);
                }
            }
        }
    }

    fn check_example_value(
        &mut self,
        cx: &mut Ctxt,
        path: &str,
        value: &Value,
        ty: &Type,
        request: bool,
    ) {
        // A value the example marks as contradicting the table is read as the table's type.
        let read;
        let value = match self.marked.iter().find(|(p, _)| p == path) {
            Some(_) => match read_as_table(value, ty) {
                Some(as_table) => {
                    self.used.push(path.to_owned());
                    read = as_table;
                    &read
                }
                None => value,
            },
            None => value,
        };
        let ok = match (ty, value) {
            (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => true,
            (Type::Integer | Type::Int64, Value::Number(n)) => n.is_i64(),
            (Type::Int32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            (Type::Number, Value::Number(_)) => true,
            // Not found: reported by the checker as an unknown type.
            (Type::Shared(s), v) => match &s.target {
                Some(target) => {
                    self.check_example_value(cx, path, v, target, request);
                    true
                }
                None => true,
            },
            (Type::Union(u), v) => u.variants.iter().any(|shape| fits(&shape.ty, v)),
            (Type::Enum(e), v) => {
                // A value the page's example prints that its own enum does not list (`"all
                // members"` for `all_members`), marked in `deviations`: a response enum keeps it
                // as `Unknown`, and a request could not send it.
                let marked = self.marked.iter().any(|(p, _)| p == path);
                let listed = e.values.iter().any(|ev| ev.value == *v);
                if !listed && marked && !request {
                    self.used.push(path.to_owned());
                } else if !listed {
                    let allowed: Vec<String> =
                        e.values.iter().map(|ev| ev.value.to_string()).collect();
                    let message = format!(
                        "the example's value {v} is not one of the enum's values ({})",
                        allowed.join(", ")
                    );
                    cx.error(&self.loc(path), message, None);
                }
                true
            }
            (Type::Array(items), Value::Array(values)) => {
                for (i, v) in values.iter().enumerate() {
                    self.check_example_value(cx, &format!("{path}[{i}]"), v, items, request);
                }
                true
            }
            (Type::Object(o), v @ Value::Object(_)) => {
                self.check_value_against(cx, path, v, &o.fields, request);
                true
            }
            _ => false,
        };
        if !ok {
            let message = format!(
                "the example's value {value} is not {}",
                article(ty.describe())
            );
            let help = Some(
                "if the page's example really sends it so, keep it and mark it in the example's `deviations`"
                    .into(),
            );
            cx.error(&self.loc(path), message, help);
        }
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
