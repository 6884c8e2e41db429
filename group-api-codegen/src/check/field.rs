//! Rules of fields and their types: names that become identifiers, constraints that fit the type,
//! enums, nested objects and their at-least-one-of groups.

use std::collections::{HashMap, HashSet};

use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;
use crate::names::{is_keyword, is_snake_case, is_upper_camel, upper_camel};

/// Builder methods a field's setter must not shadow.
const RESERVED_SETTERS: &[&str] = &["build", "builder"];
/// Settable fields per struct: the builder's state is a type-level list as long as that, and
/// rustc's default recursion limit (128) bounds how deep its trait resolution may go.
const MAX_SETTABLE_FIELDS: usize = 120;

/// Each field is one struct member and one setter: two with one wire name or one Rust name would
/// collide.
pub fn fields_are_unique(cx: &mut Ctxt, fields: &[Field]) {
    let mut wire: HashSet<&str> = HashSet::new();
    let mut rust: HashMap<String, &str> = HashMap::new();
    for field in fields {
        if !wire.insert(&field.name) {
            let help = Some("remove one of them".to_owned());
            cx.error(
                &field.at,
                format!("field `{}` is listed twice", field.name),
                help,
            );
        } else if let Some(other) = rust.insert(field.member_name(), &field.name) {
            let message = format!(
                "`{other}` and `{}` both become the Rust name `{}`",
                field.name,
                field.member_name()
            );
            cx.error(
                &field.at,
                message,
                Some("give one of them a `rust_name`".into()),
            );
        }
    }
}

/// Every rule of one field (and, through its type, of the fields nested in it).
pub fn check_field(cx: &mut Ctxt, field: &Field, request: bool) {
    let rust = field.member_name();
    if field.name.is_empty() {
        cx.error(&field.at, "a field name cannot be empty", None);
    } else if !is_snake_case(&rust)
        || is_keyword(&rust)
        || RESERVED_SETTERS.contains(&rust.as_str())
    {
        let why = if is_keyword(&rust) {
            "is a Rust keyword"
        } else if RESERVED_SETTERS.contains(&rust.as_str()) {
            "is a builder method"
        } else {
            "is not a valid identifier"
        };
        let message = format!("field `{}` would become `{rust}`, which {why}", field.name);
        let help = Some(format!(
            "add `\"rust_name\": \"{}_value\"` (any snake_case name)",
            rust.trim_matches('_')
        ));
        cx.error(&field.at, message, help);
    }
    if let Some(rust_name) = &field.rust_name
        && !is_snake_case(rust_name)
    {
        cx.error(
            &field.at,
            format!("`rust_name` `{rust_name}` must be snake_case"),
            None,
        );
    }
    let is_string = matches!(field.ty, Type::String);
    for (bound, key) in [
        (&field.min_length, "min_length"),
        (&field.max_length, "max_length"),
    ] {
        if let (Some((_, at)), false) = (bound, is_string) {
            let message = format!(
                "`{key}` applies to strings, but `{}` is {}",
                field.name,
                article(field.ty.describe())
            );
            cx.error(at, message, None);
        }
    }
    if let (Some((min, _)), Some((max, at))) = (&field.min_length, &field.max_length)
        && min > max
    {
        cx.error(
            at,
            format!("`max_length` {max} is below `min_length` {min}"),
            None,
        );
    }
    if let (Some((_, at)), None, None) =
        (&field.violation_error, &field.min_length, &field.max_length)
    {
        cx.error(
            at,
            "`violation_error` names the error of a length bound, but this field has none",
            None,
        );
    }
    if field.const_value.is_some() && !is_string {
        cx.error(
            &field.at,
            "`const` is a fixed string value; the field must be a string",
            None,
        );
    }
    check_type(cx, &field.ty, request);
}

pub fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if an { "an" } else { "a" })
}

fn check_type(cx: &mut Ctxt, ty: &Type, request: bool) {
    match ty {
        Type::Enum(e) => {
            if !request {
                let help = Some("describe the field as a plain string or integer, with the values in its description".into());
                cx.error(&e.at, "enums are supported in requests only", help);
            }
            rust_type_is_a_type_name(cx, &e.rust_type, &e.at);
            let mut variants = HashSet::new();
            let mut values = Vec::new();
            for value in &e.values {
                if !is_upper_camel(&value.variant) {
                    let help = Some(format!("try `{}`", upper_camel(&value.variant)));
                    cx.error(
                        &value.at,
                        format!("enum variant `{}` must be UpperCamelCase", value.variant),
                        help,
                    );
                } else if !variants.insert(&value.variant) {
                    cx.error(
                        &value.at,
                        format!("enum variant `{}` is defined twice", value.variant),
                        Some("give each value its own `variant`".into()),
                    );
                }
                if values.contains(&&value.value) {
                    cx.error(
                        &value.at,
                        format!("enum value {} is listed twice", value.value),
                        None,
                    );
                }
                values.push(&value.value);
            }
        }
        Type::Object(o) => {
            rust_type_is_a_type_name(cx, &o.rust_type, &o.at);
            if request {
                let settable = o.fields.iter().filter(|f| f.const_value.is_none()).count();
                settable_fields_fit_the_typestate(cx, settable, &o.at);
            }
            fields_are_unique(cx, &o.fields);
            for field in &o.fields {
                check_field(cx, field, request);
            }
            if o.complete {
                groups_name_optional_fields(
                    cx,
                    &o.at_least_one_of,
                    &o.fields.iter().collect::<Vec<_>>(),
                    &o.at.path,
                );
            }
        }
        Type::Array(items) => check_type(cx, items, request),
        Type::String | Type::Integer | Type::Boolean => {}
    }
}

/// See `MAX_SETTABLE_FIELDS`: past it, the builder's typestate overflows rustc's recursion limit.
pub fn settable_fields_fit_the_typestate(cx: &mut Ctxt, settable: usize, at: &Loc) {
    if settable > MAX_SETTABLE_FIELDS {
        cx.error(
            at,
            format!(
                "{settable} settable fields; a request or object can have at most {MAX_SETTABLE_FIELDS}"
            ),
            Some("the builder's typestate grows with the field count; split the fields into nested objects".into()),
        );
    }
}

/// `rust_type` names a generated enum or struct.
fn rust_type_is_a_type_name(cx: &mut Ctxt, name: &str, at: &Loc) {
    // Inside `impl<S> <Name>Builder<S>` a type named `S` would be the state parameter instead.
    if name == "S" {
        cx.error(
            at,
            "`rust_type` `S` is reserved: it is the builders' type parameter",
            Some("choose a longer name, such as the field's name in UpperCamelCase".to_owned()),
        );
        return;
    }
    if !is_upper_camel(name) || name == "Self" {
        let help = Some(format!("try `{}`", upper_camel(name)));
        cx.error(
            at,
            format!("`rust_type` `{name}` must be an UpperCamelCase type name"),
            help,
        );
    }
}

/// A group names fields of its own level, each optional: a required one is always set, so the
/// group would say nothing. (Names are looked up only in a level read whole: `complete`.)
pub fn groups_name_optional_fields(
    cx: &mut Ctxt,
    groups: &[Group],
    fields: &[&Field],
    owner: &str,
) {
    for group in groups {
        if group.fields.is_empty() {
            cx.error(&group.at, "an at-least-one-of group needs fields", None);
        }
        for name in &group.fields {
            // A path into nested objects (`corpGroupUserIds[].userId`): its field may be required
            // in its object, which may itself be left out.
            if name.contains(['.', '[']) {
                match FieldPath::parse(name) {
                    Some(path) => {
                        super::rules::resolve(cx, &group.at, &path, fields);
                    }
                    None => cx.error(
                        &group.at,
                        format!("at-least-one-of names `{name}`, which is not a field path"),
                        Some("`a.b` names a field of the object `a`, `a[].b` a field of each entry of the list `a`".into()),
                    ),
                }
                continue;
            }
            match fields.iter().find(|f| f.name == *name) {
                None => {
                    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let help = did_you_mean(name, names.iter().copied())
                        .map(|m| format!("did you mean `{m}`?"));
                    let owner = if owner.is_empty() {
                        "the object"
                    } else {
                        owner
                    };
                    cx.error(
                        &group.at,
                        format!(
                            "at-least-one-of names `{name}`, which is not a field of `{owner}`"
                        ),
                        help,
                    );
                }
                Some(field) if field.required => {
                    let message =
                        format!("at-least-one-of names `{name}`, which is required anyway");
                    cx.error(
                        &group.at,
                        message,
                        Some("drop it from the group, or make it optional".into()),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

/// `violation_error` names the endpoint's row whose code a broken length bound is reported with.
pub fn violation_error_names_a_row<'f>(
    cx: &mut Ctxt,
    fields: impl Iterator<Item = &'f Field>,
    variants: &[&str],
) {
    for field in fields {
        if let Some((variant, at)) = &field.violation_error
            && !variants.contains(&variant.as_str())
        {
            let help = did_you_mean(variant, variants.iter().copied())
                .map(|m| format!("did you mean `{m}`?"))
                .or_else(|| Some("name the `variant` of one of this endpoint's `errors`".into()));
            cx.error(
                at,
                format!(
                    "`violation_error` names `{variant}`, which is not an error of this endpoint"
                ),
                help,
            );
        }
        if let Some(object) = field.ty.object() {
            violation_error_names_a_row(cx, object.fields.iter(), variants);
        }
    }
}
