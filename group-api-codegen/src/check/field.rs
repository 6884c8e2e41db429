//! Rules of fields and their types: names that become identifiers, constraints that fit the type,
//! enums, nested objects and their at-least-one-of groups.

use std::collections::{HashMap, HashSet};

use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;
use crate::names::{is_keyword, is_snake_case, is_upper_camel, upper_camel, variant_problem};

/// Builder methods a field's setter must not shadow.
const RESERVED_SETTERS: &[&str] = &["build", "builder"];
/// Settable fields per struct: the builder's state is a type-level list as long as that, and
/// rustc's default recursion limit (128) bounds how deep its trait resolution may go.
const MAX_SETTABLE_FIELDS: usize = 120;
/// Levels of nested objects: each level's builder, validation and serialization nest one more
/// type inside the last, and rustc's trait resolution (E0275) overflows not far past this.
pub const MAX_OBJECT_DEPTH: usize = 32;

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
pub fn check_field(cx: &mut Ctxt, field: &Field, request: bool, depth: usize) {
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
        // A name with no ASCII letter in it (`名称`) has nothing to build on; one that starts with a
        // digit needs a letter first.
        let stem = match rust.trim_matches('_') {
            "" => "field".to_owned(),
            stem if stem.starts_with(|c: char| c.is_ascii_digit()) => format!("field_{stem}"),
            stem => stem.to_owned(),
        };
        let help = Some(format!(
            "add `\"rust_name\": \"{stem}_value\"` (any snake_case name)"
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
    let ty = field.ty.resolved();
    constraints_fit_the_type(cx, &field.constraints(), ty, &field.name);
    list_rules_fit_an_array(cx, field);
    if let (Some(items), Type::Array(entries)) = (&field.items, ty) {
        constraints_fit_the_type(cx, items, entries.resolved(), &format!("{}[]", field.name));
    }
    if let Some(violation_error) = &field.violation_error {
        violation_error_names_rules_of_the_field(cx, field, violation_error);
    }
    if field.const_value.is_some() && !matches!(ty, Type::String) {
        cx.error(
            &field.at,
            "`const` is a fixed string value; the field must be a string",
            None,
        );
    }
    check_type(cx, &field.ty, request, depth);
}

/// Each value rule fits the type it constrains: lengths and patterns go with strings, bounds with
/// numbers; a pattern is a regular expression the runtime can compile (the same crate compiles it
/// here); a lower bound is not above its upper bound.
fn constraints_fit_the_type(cx: &mut Ctxt, rules: &Constraints, ty: &Type, name: &str) {
    let is_string = matches!(ty, Type::String);
    let wrong = |cx: &mut Ctxt, key: &str, at: &Loc, applies: &str| {
        let message = format!(
            "`{key}` applies to {applies}, but `{name}` is {}",
            article(ty.describe())
        );
        let help = match ty {
            Type::Array(_) => Some(format!(
                "for a rule on each entry, put `{key}` in `items`; a list's count is `min_items`/`max_items`"
            )),
            _ => None,
        };
        cx.error(at, message, help);
    };
    for (bound, key) in [
        (&rules.min_length, "min_length"),
        (&rules.max_length, "max_length"),
    ] {
        if let (Some((_, at)), false) = (bound, is_string) {
            wrong(cx, key, at, "strings");
        }
    }
    if let (Some((min, _)), Some((max, at))) = (&rules.min_length, &rules.max_length)
        && min > max
    {
        cx.error(
            at,
            format!("`max_length` {max} is below `min_length` {min}"),
            None,
        );
    }
    if let Some((pattern, at)) = &rules.pattern {
        if !is_string {
            wrong(cx, "pattern", at, "strings");
        } else if let Err(error) = regex_lite::Regex::new(pattern) {
            cx.error(
                at,
                format!("`pattern` is not a valid regular expression: {error}"),
                Some(
                    "write it in `regex-lite` syntax (Rust `regex` without Unicode classes such as `\\p{..}`), anchored with `^…$` for the whole value"
                        .into(),
                ),
            );
        }
    }
    for (bound, key) in [(&rules.minimum, "minimum"), (&rules.maximum, "maximum")] {
        let Some((n, at)) = bound else { continue };
        if !ty.is_number() {
            wrong(cx, key, at, "numbers");
            continue;
        }
        let fits = match ty {
            Type::Number => true,
            Type::Int32 => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            _ => n.as_i64().is_some(),
        };
        if !fits {
            let message = format!("`{key}` {n} is not {}", article(ty.describe()));
            cx.error(at, message, None);
        }
    }
    if let (Some((min, _)), Some((max, at))) = (&rules.minimum, &rules.maximum)
        && min.as_f64() > max.as_f64()
    {
        cx.error(
            at,
            format!("`maximum` {max} is below `minimum` {min}"),
            None,
        );
    }
}

/// `min_items`, `max_items`, `separator` and entry rules in `items` describe a list.
fn list_rules_fit_an_array(cx: &mut Ctxt, field: &Field) {
    let ty = field.ty.resolved();
    let Type::Array(entries) = ty else {
        for (key, at) in [
            ("min_items", field.min_items.as_ref().map(|(_, at)| at)),
            ("max_items", field.max_items.as_ref().map(|(_, at)| at)),
            ("separator", field.separator.as_ref().map(|(_, at)| at)),
        ] {
            if let Some(at) = at {
                let message = format!(
                    "`{key}` applies to arrays, but `{}` is {}",
                    field.name,
                    article(ty.describe())
                );
                cx.error(at, message, None);
            }
        }
        return;
    };
    if let (Some((min, _)), Some((max, at))) = (&field.min_items, &field.max_items)
        && min > max
    {
        cx.error(
            at,
            format!("`max_items` {max} is below `min_items` {min}"),
            None,
        );
    }
    if let Some((separator, at)) = &field.separator {
        if separator.is_empty() {
            cx.error(at, "`separator` cannot be empty", None);
        }
        let entries = entries.resolved();
        if !(matches!(entries, Type::String) || entries.is_integer()) {
            let message = format!(
                "a `separator` list joins strings or whole numbers, but its entries are {}",
                article(entries.describe())
            );
            cx.error(at, message, None);
        }
    }
}

/// `violation_error` names the row of rules the field has: one for all, or one per rule key.
fn violation_error_names_rules_of_the_field(cx: &mut Ctxt, field: &Field, ve: &ViolationError) {
    let has = |rule: &str| match rule {
        "required" => field.required,
        "min_length" => field.min_length.is_some(),
        "max_length" => field.max_length.is_some(),
        "pattern" => field.pattern.is_some(),
        "minimum" => field.minimum.is_some(),
        "maximum" => field.maximum.is_some(),
        "min_items" => field.min_items.is_some(),
        "max_items" => field.max_items.is_some(),
        "enum" => is_open_enum(&field.ty),
        "items" => field.items.is_some() || matches!(&field.ty, Type::Array(e) if is_open_enum(e)),
        _ => false,
    };
    match ve {
        ViolationError::All(_, at) => {
            if !ViolationError::RULES.iter().any(|r| has(r)) {
                cx.error(
                    at,
                    "`violation_error` names the error of a broken rule, but this field has no rule",
                    None,
                );
            }
        }
        ViolationError::PerRule(rules) => {
            for (rule, _, at) in rules {
                if !has(rule) {
                    let message = format!(
                        "`violation_error` names an error for `{rule}`, but `{}` has no such rule",
                        field.name
                    );
                    cx.error(at, message, None);
                }
            }
        }
    }
}

/// An enum with an `Unknown` variant (a platform's shared enum): a request must not send it.
pub fn is_open_enum(ty: &Type) -> bool {
    matches!(ty, Type::Shared(s) if matches!(s.target.as_deref(), Some(Type::Enum(_))))
}

pub fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if an { "an" } else { "a" })
}

pub fn check_type(cx: &mut Ctxt, ty: &Type, request: bool, depth: usize) {
    match ty {
        Type::Enum(e) => {
            rust_type_is_a_type_name(cx, &e.rust_type, &e.at);
            let mut variants = HashSet::new();
            let mut values = Vec::new();
            for value in &e.values {
                if let Some((problem, help)) = variant_problem(&value.variant) {
                    cx.error(
                        &value.at,
                        format!("enum variant `{}` {problem}", value.variant),
                        Some(help),
                    );
                } else if value.variant == "Unknown" {
                    cx.error(
                        &value.at,
                        "enum variant `Unknown` is reserved: it holds a value the page does not list",
                        Some("name the documented value's variant after its meaning (`UnknownType`, `NotSet`)".into()),
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
            if depth >= MAX_OBJECT_DEPTH {
                cx.error(
                    &o.at,
                    format!(
                        "objects nest {} levels deep here; at most {MAX_OBJECT_DEPTH} are supported",
                        depth + 1
                    ),
                    Some("rustc's trait resolution overflows on deeper generated types; flatten the nesting".into()),
                );
                return;
            }
            if request {
                let settable = o.fields.iter().filter(|f| f.const_value.is_none()).count();
                settable_fields_fit_the_typestate(cx, settable, &o.at);
            }
            fields_are_unique(cx, &o.fields);
            for field in &o.fields {
                check_field(cx, field, request, depth + 1);
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
        Type::Array(items) => check_type(cx, items, request, depth),
        Type::Union(u) => {
            rust_type_is_a_type_name(cx, &u.rust_type, &u.at);
            let mut variants = HashSet::new();
            for shape in &u.variants {
                if let Some((problem, help)) = variant_problem(&shape.variant) {
                    cx.error(
                        &shape.at,
                        format!("union variant `{}` {problem}", shape.variant),
                        Some(help),
                    );
                } else if !variants.insert(&shape.variant) {
                    cx.error(
                        &shape.at,
                        format!("union variant `{}` is defined twice", shape.variant),
                        Some("give each shape its own `variant`".into()),
                    );
                }
                union_shape_is_a_plain_value(cx, &shape.ty, &shape.at);
            }
        }
        Type::String
        | Type::Integer
        | Type::Int32
        | Type::Int64
        | Type::Number
        | Type::Boolean
        | Type::Shared(_) => {}
    }
}

/// A union's shape is a scalar or a list of scalars: it is told apart from the others by its JSON
/// form alone, and has no builder of its own.
fn union_shape_is_a_plain_value(cx: &mut Ctxt, ty: &Type, at: &Loc) {
    let plain = |ty: &Type| matches!(ty, Type::String | Type::Boolean) || ty.is_number();
    let ok = match ty {
        Type::Array(items) => plain(items),
        other => plain(other),
    };
    if !ok {
        cx.error(
            at,
            format!(
                "a union's shape is a scalar or a list of scalars, not {}",
                article(ty.describe())
            ),
            None,
        );
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

/// `what` (a `violation_error`, a rule's `error`) names `variant`, which is none of `variants`,
/// the endpoint's error rows: one error, with the nearest name as help.
pub fn not_an_error_of_this_endpoint(
    cx: &mut Ctxt,
    at: &Loc,
    what: &str,
    variant: &str,
    variants: &[&str],
) {
    let help = did_you_mean(variant, variants.iter().copied())
        .map(|m| format!("did you mean `{m}`?"))
        .or_else(|| Some("name the `variant` of one of this endpoint's `errors`".into()));
    cx.error(
        at,
        format!("{what} names `{variant}`, which is not an error of this endpoint"),
        help,
    );
}

/// `violation_error` names the endpoint's row whose code a broken length bound is reported with.
pub fn violation_error_names_a_row<'f>(
    cx: &mut Ctxt,
    fields: impl Iterator<Item = &'f Field>,
    variants: &[&str],
) {
    for field in fields {
        let named = field
            .violation_error
            .as_ref()
            .map(ViolationError::variants)
            .unwrap_or_default();
        for (variant, at) in named.into_iter().filter(|(v, _)| !variants.contains(v)) {
            not_an_error_of_this_endpoint(cx, at, "`violation_error`", variant, variants);
        }
        if let Some(object) = field.ty.object() {
            violation_error_names_a_row(cx, object.fields.iter(), variants);
        }
    }
}
