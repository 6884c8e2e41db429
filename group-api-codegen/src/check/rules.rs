//! Rules of `rules` (rules across fields) and of field paths in `at_least_one_of`: every name
//! reaches a field of its level, every value fits the field it is compared with, every `error`
//! names a row, so `.build()` checks what the page says and nothing the compiler would refuse.

use serde_json::Value;

use super::field::{article, not_an_error_of_this_endpoint};
use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;

/// Every rule of one level (a request or an object) against the level's fields. `variants` are
/// the endpoint's error rows, which `error` names.
pub fn rules_fit_their_fields(
    cx: &mut Ctxt,
    rules: &[CrossFieldRule],
    fields: &[&Field],
    variants: &[&str],
) {
    for rule in rules {
        for condition in rule.when.iter().chain(&rule.then) {
            condition_fits_its_field(cx, condition, fields);
        }
        if let Some((variant, at)) = &rule.error
            && !variants.contains(&variant.as_str())
        {
            not_an_error_of_this_endpoint(cx, at, "the rule's `error`", variant, variants);
        }
    }
}

/// Rules are checked by `.build()`; a response is read as the server sends it.
pub fn response_has_no_rules(cx: &mut Ctxt, ty: &Type) {
    match ty {
        Type::Object(o) => {
            if let Some(rule) = o.rules.first() {
                cx.error(
                    &rule.at,
                    "`rules` are checked when a request is built; a response object has none",
                    Some("describe the rule in the field's `description`".into()),
                );
            }
            o.fields
                .iter()
                .for_each(|f| response_has_no_rules(cx, &f.ty));
        }
        Type::Array(items) => response_has_no_rules(cx, items),
        _ => {}
    }
}

/// A path names a field of the level, and steps only into objects (`a.b`) and lists of objects
/// (`a[].b`). Reported at `at`; `None` when it does not.
pub fn resolve<'f>(
    cx: &mut Ctxt,
    at: &Loc,
    path: &FieldPath,
    fields: &[&'f Field],
) -> Option<&'f Field> {
    match path.resolve(fields) {
        Ok(found) => found.last().copied(),
        Err(PathError::NoField { name, known }) => {
            let help = did_you_mean(&name, known.iter().map(String::as_str))
                .map(|m| format!("did you mean `{m}`?"))
                .or_else(|| Some(format!("the fields here are: {}", known.join(", "))));
            cx.error(
                at,
                format!("`{}` names no field: there is no `{name}`", path.text),
                help,
            );
            None
        }
        Err(PathError::NotObjects(name)) => {
            cx.error(
                at,
                format!(
                    "`{name}[]` looks into the entries of `{name}`, which is not a list of objects"
                ),
                Some(format!(
                    "`{name}[].x` names the field `x` of each entry of a list of objects"
                )),
            );
            None
        }
        Err(PathError::ListWithoutEach(name)) => {
            cx.error(
                at,
                format!("`{name}` is a list of objects"),
                Some(format!(
                    "write `{}` to look into each entry",
                    path.text.replacen(&name, &format!("{name}[]"), 1)
                )),
            );
            None
        }
        Err(PathError::NotAnObject(name)) => {
            cx.error(
                at,
                format!(
                    "`{}` looks into `{name}`, which is not an object",
                    path.text
                ),
                None,
            );
            None
        }
    }
}

fn condition_fits_its_field(cx: &mut Ctxt, condition: &Condition, fields: &[&Field]) {
    let Some(field) = resolve(cx, &condition.at, &condition.field, fields) else {
        return;
    };
    let name = &condition.field.text;
    match &condition.test {
        Test::Present(_) => {}
        Test::Equals(value) => value_fits(cx, &condition.at, name, value, &field.ty),
        Test::OneOf(values) => {
            for value in values {
                value_fits(cx, &condition.at, name, value, &field.ty);
            }
        }
        Test::Contains(value) => match field.ty.resolved() {
            Type::Array(items) => value_fits(cx, &condition.at, name, value, items),
            other => not_a_list(cx, &condition.at, name, other),
        },
        Test::ContainsField(other) => {
            let items = match field.ty.resolved() {
                Type::Array(items) => Some(items.as_ref()),
                other => {
                    not_a_list(cx, &condition.at, name, other);
                    None
                }
            };
            let Some(target) = resolve(cx, &condition.at, other, fields) else {
                return;
            };
            if let Some(items) = items
                && !same_scalar(items, &target.ty)
            {
                cx.error(
                    &condition.at,
                    format!(
                        "`{name}` holds {}, but `{}` is {}",
                        plural(items),
                        other.text,
                        article(target.ty.describe())
                    ),
                    Some(
                        "`contains` compares a list's entries with a field of the entries' type"
                            .into(),
                    ),
                );
            }
        }
    }
}

fn not_a_list(cx: &mut Ctxt, at: &Loc, name: &str, ty: &Type) {
    cx.error(
        at,
        format!(
            "`contains` tests a list, but `{name}` is {}",
            article(ty.describe())
        ),
        Some("use `equals` or `one_of` for a single value".into()),
    );
}

fn plural(ty: &Type) -> String {
    format!("{} values", ty.describe())
}

/// Whether values of `a` and `b` can be compared: the same scalar type, or the same enum.
fn same_scalar(a: &Type, b: &Type) -> bool {
    match (a.resolved(), b.resolved()) {
        (Type::String, Type::String)
        | (Type::Integer | Type::Int64, Type::Integer | Type::Int64)
        | (Type::Int32, Type::Int32)
        | (Type::Number, Type::Number)
        | (Type::Boolean, Type::Boolean) => true,
        (Type::Enum(x), Type::Enum(y)) => x.rust_type == y.rust_type,
        _ => false,
    }
}

/// A value a rule compares a field with is one the field can hold: of its type, and for an enum
/// one of its documented values (a rule on a value the page does not list could never apply).
fn value_fits(cx: &mut Ctxt, at: &Loc, name: &str, value: &Value, ty: &Type) {
    let fits = match (ty.resolved(), value) {
        (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Integer | Type::Int64, Value::Number(n)) => n.is_i64(),
        (Type::Int32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (Type::Number, Value::Number(_)) => true,
        (Type::Enum(e), v) => {
            if !e.values.iter().any(|ev| ev.value == *v) {
                let allowed: Vec<String> = e.values.iter().map(|ev| ev.value.to_string()).collect();
                cx.error(
                    at,
                    format!("{v} is not a value of `{name}`"),
                    Some(format!("its values are {}", allowed.join(", "))),
                );
            }
            return;
        }
        (
            Type::String | Type::Integer | Type::Int32 | Type::Int64 | Type::Number | Type::Boolean,
            _,
        ) => false,
        (other, _) => {
            cx.error(
                at,
                format!(
                    "a rule compares `{name}`, which is {}, with a value",
                    article(other.describe())
                ),
                Some("rules compare strings, integers, booleans and enum values; test a list with `contains`, any field with `present`".into()),
            );
            return;
        }
    };
    if !fits {
        cx.error(
            at,
            format!(
                "`{name}` is {}, but the rule compares it with {value}",
                article(ty.describe())
            ),
            None,
        );
    }
}
