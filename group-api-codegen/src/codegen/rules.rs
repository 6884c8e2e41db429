//! The checks `.build()` makes for rules across fields (`rules`) and for at-least-one-of names that
//! are paths into nested objects. Each condition becomes a `bool` expression over the values at its
//! field path: `self.a.iter()` for a field of the level, then one `flat_map` per step into an
//! object (`a.b`) and a `flatten` for each list whose entries a step looks into (`a[].b`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::errors::code_tokens;
use super::types;
use crate::model::{Condition, CrossFieldRule, ErrorRow, Field, FieldPath, Test, Type};

/// An iterator over references to the values at `path`, and the fields along it.
fn path_values<'f>(path: &FieldPath, fields: &[&'f Field]) -> Option<(TokenStream, &'f Field)> {
    let found = path.resolve(fields).ok()?;
    let mut expr = TokenStream::new();
    for (i, field) in found.iter().enumerate() {
        let m = format_ident!("{}", field.member_name());
        expr = if i == 0 {
            quote!(self.#m.iter())
        } else {
            let flatten = path.steps[i - 1].each.then(|| quote!(.flatten()));
            quote!(#expr #flatten .flat_map(|v| v.#m.iter()))
        };
    }
    Some((expr, *found.last()?))
}

/// Whether a value counts as set: a string or list that is not empty, anything else once given.
fn present(ty: &Type, values: TokenStream, rt: &TokenStream) -> TokenStream {
    match ty.resolved() {
        Type::String | Type::Array(_) => {
            quote!(#values.any(|v| #rt::Presence::is_present(v)))
        }
        _ => quote!(#values.next().is_some()),
    }
}

/// `true` when the value `v: &T` equals the spec value `value` of type `ty`.
fn equals(ty: &Type, v: TokenStream, value: &Value) -> TokenStream {
    match (ty.resolved(), value) {
        (Type::String, Value::String(s)) => quote!(#v.as_str() == #s),
        (Type::Integer | Type::Int64, Value::Number(n)) => {
            let n = n.as_i64().unwrap_or_default();
            quote!(*#v == #n)
        }
        (Type::Int32, Value::Number(n)) => {
            let n = n
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .unwrap_or_default();
            quote!(*#v == #n)
        }
        (Type::Number, Value::Number(n)) => {
            let n = n.as_f64().unwrap_or_default();
            quote!(*#v == #n)
        }
        (Type::Boolean, Value::Bool(b)) => quote!(*#v == #b),
        (Type::Enum(e), value) => {
            let name = format_ident!("{}", e.rust_type);
            match e.values.iter().find(|ev| ev.value == *value) {
                Some(ev) => {
                    let variant = format_ident!("{}", ev.variant);
                    quote!(*#v == #name::#variant)
                }
                None => quote!(false),
            }
        }
        // Refused by the checker.
        _ => quote!(false),
    }
}

/// A condition as a `bool` expression over `self`.
fn condition(c: &Condition, fields: &[&Field], rt: &TokenStream) -> TokenStream {
    let Some((values, field)) = path_values(&c.field, fields) else {
        return quote!(true);
    };
    let v = quote!(v);
    match &c.test {
        Test::Present(true) => present(&field.ty, quote!((#values)), rt),
        Test::Present(false) => {
            let any = present(&field.ty, quote!((#values)), rt);
            quote!(!#any)
        }
        Test::Equals(value) => {
            let eq = equals(&field.ty, v.clone(), value);
            quote!((#values).any(|#v| #eq))
        }
        Test::OneOf(list) => {
            let eqs = list.iter().map(|value| equals(&field.ty, v.clone(), value));
            quote!((#values).any(|#v| #(#eqs)||*))
        }
        Test::Contains(value) => {
            let items = match field.ty.resolved() {
                Type::Array(items) => items.as_ref(),
                _ => return quote!(false),
            };
            let eq = equals(items, v.clone(), value);
            quote!((#values).any(|list| list.iter().any(|#v| #eq)))
        }
        Test::ContainsField(other) => {
            let Some((others, _)) = path_values(other, fields) else {
                return quote!(false);
            };
            quote!((#others).any(|o| (#values).any(|list| list.contains(o))))
        }
    }
}

/// The checks of a level's rules: when `when` holds (or always), each `then` must.
pub fn rule_checks(
    rules: &[CrossFieldRule],
    fields: &[&Field],
    errors: &[ErrorRow],
    rt: &TokenStream,
) -> TokenStream {
    let mut out = TokenStream::new();
    for rule in rules {
        let then = rule.then.iter().map(|c| condition(c, fields, rt));
        let then = quote!(#(#then)&&*);
        // The rule holds when its condition does not, or when everything it requires does.
        let holds = match &rule.when {
            Some(c) => {
                let when = condition(c, fields, rt);
                quote!(!(#when) || (#then))
            }
            None => then,
        };
        let field = rule
            .then
            .first()
            .map_or(String::new(), |c| c.field.text.clone());
        let description = &rule.description;
        let row = rule
            .error
            .as_ref()
            .and_then(|(variant, _)| errors.iter().find(|r| r.variant == *variant));
        let code = types::option(row.map(|row| code_tokens(&row.code, rt)), rt);
        out.extend(quote! {
            v.cross_field(#holds, #field, #description, #code);
        });
    }
    out
}

/// Whether the field at an at-least-one-of path is set (in any entry, for a path through a list).
pub fn path_present(path: &FieldPath, fields: &[&Field], rt: &TokenStream) -> TokenStream {
    match path_values(path, fields) {
        Some((values, field)) => present(&field.ty, quote!((#values)), rt),
        None => quote!(false),
    }
}
