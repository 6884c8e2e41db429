//! Tests from the pages' own examples, for every endpoint of a folder: each request example is
//! built with the generated builder (setter by setter, as a user would write it) and compared with
//! the page's wire form; each response example is parsed into the typed response; each documented
//! error row is read back as its variant. A new spec file gets these tests without new test code.
//!
//! The tests call a small harness the test crate provides (`harness::request_matches`,
//! `harness::response_parses`, `harness::rows_round_trip`); this module only writes the builder
//! calls, which need the spec's types.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::model::{ApiSpec, Auth, EndpointSpec, Example, Field, Location, SpecSet, Type};
use crate::names::upper_camel;

/// The tests for every endpoint of `set`, whose platforms are modules of `krate`
/// (`::group_api::dingtalk`), and a `SKIPPED` list: the request examples no builder call can
/// reproduce, each with the reason (a page example that leaves out a required field).
pub fn example_tests(set: &SpecSet, krate: &TokenStream) -> TokenStream {
    let mut tests = TokenStream::new();
    let mut skipped = Vec::new();
    for endpoint in &set.endpoints {
        let Some(api) = set
            .platforms
            .iter()
            .find(|p| p.platform == endpoint.platform)
            .and_then(|p| p.apis.iter().find(|a| a.name == endpoint.api))
        else {
            continue;
        };
        let module = format_ident!("{}", endpoint.platform);
        let types = quote!(#krate::#module);
        let request = format_ident!("{}Request", upper_camel(&endpoint.name));
        let id = format!("{}.{}", endpoint.platform, endpoint.name);
        for (index, example) in endpoint.examples.iter().enumerate() {
            let stem = format!("{}_{}_example_{index}", endpoint.platform, endpoint.name);
            if has_request(example) {
                match build_request(endpoint, api, example, &types) {
                    Ok(build) => {
                        let name = format_ident!("{stem}_request");
                        tests.extend(quote! {
                            #[test]
                            fn #name() {
                                match #build {
                                    Ok(request) => {
                                        harness::request_matches(&request, #id, #index)
                                    }
                                    Err(error) => harness::breaks_a_documented_rule(#id, #index, error),
                                }
                            }
                        });
                    }
                    Err(reason) => skipped.push(format!("{id} example {index}: {reason}")),
                }
            }
            if example.response.is_some() {
                let name = format_ident!("{stem}_response");
                tests.extend(quote! {
                    #[test]
                    fn #name() {
                        harness::response_parses::<#types::#request>(#id, #index);
                    }
                });
            }
        }
        let name = format_ident!("{}_{}_error_rows", endpoint.platform, endpoint.name);
        tests.extend(quote! {
            #[test]
            fn #name() {
                harness::rows_round_trip::<#types::#request>(#id);
            }
        });
    }
    quote! {
        /// The request examples no builder call can reproduce, with the reason.
        pub const SKIPPED: &[&str] = &[#(#skipped),*];
        #tests
    }
}

fn has_request(example: &Example) -> bool {
    example.path.is_some() || example.query.is_some() || example.body.is_some()
}

/// `Request::builder().a(..).b(..).build()` from the example's path, query and body.
fn build_request(
    endpoint: &EndpointSpec,
    api: &ApiSpec,
    example: &Example,
    types: &TokenStream,
) -> Result<TokenStream, String> {
    let request = format_ident!("{}Request", upper_camel(&endpoint.name));
    // The page's `access_token=ACCESS_TOKEN` is the client's business, not a request field.
    let auth_param = match endpoint.auth.as_ref().unwrap_or(&api.auth) {
        Auth::Query(name) => Some(name.as_str()),
        _ => None,
    };
    let mut calls = TokenStream::new();
    let mut given = Vec::new();
    for (location, part) in [
        (Location::Path, &example.path),
        (Location::Query, &example.query),
        (Location::Body, &example.body),
    ] {
        let Some(part) = part else { continue };
        let Some(entries) = part.as_object() else {
            return Err(format!("its {} is not an object", location.key()));
        };
        for (name, value) in entries {
            if location == Location::Query && Some(name.as_str()) == auth_param {
                continue;
            }
            let field = endpoint
                .request
                .fields(location)
                .iter()
                .find(|f| &f.name == name)
                .ok_or_else(|| format!("`{name}` is not a {} field", location.key()))?;
            calls.extend(setter(field, value, types)?);
            given.push(field.name.as_str());
        }
    }
    for (location, field) in endpoint.request.all() {
        if !field.required || field.const_value.is_some() || given.contains(&field.name.as_str()) {
            continue;
        }
        // Pages print a path parameter inside the URL, not as a part of the example: the table's
        // example value stands in (the path is then not compared).
        match (&field.example, location, &example.path) {
            (Some(value), Location::Path, None) => calls.extend(setter(field, value, types)?),
            _ => return Err(format!("it leaves out the required `{}`", field.name)),
        }
    }
    Ok(quote!(#types::#request::builder() #calls .build()))
}

/// `.setter(value)` for one field, or nothing for a `const` one (always sent as it is).
fn setter(field: &Field, value: &Value, types: &TokenStream) -> Result<TokenStream, String> {
    if field.const_value.is_some() {
        return Ok(TokenStream::new());
    }
    let name: Ident = format_ident!("{}", field.member_name());
    // A separator list's example is its wire form, the joined string: the setter takes the list.
    let split;
    let value = match (&field.separator, value) {
        (Some((separator, _)), Value::String(joined)) => {
            split = Value::Array(
                joined
                    .split(separator.as_str())
                    .filter(|piece| !piece.is_empty())
                    .map(|piece| Value::String(piece.to_owned()))
                    .collect(),
            );
            &split
        }
        _ => value,
    };
    let value =
        value_expr(&field.ty, value, types).map_err(|e| format!("`{}`: {e}", field.name))?;
    Ok(quote!(.#name(#value)))
}

/// An expression of the setter's argument type for `value`. Values a page writes in the wrong JSON
/// type (a number as `"2"`) are read as the table's type, as the spec's `deviations` allow.
fn value_expr(ty: &Type, value: &Value, types: &TokenStream) -> Result<TokenStream, String> {
    let wrong = || format!("{value} is not a {}", ty.describe());
    match ty {
        Type::String => match value {
            Value::String(s) => Ok(quote!(#s)),
            Value::Number(_) | Value::Bool(_) => {
                let text = value.to_string();
                Ok(quote!(#text))
            }
            _ => Err(wrong()),
        },
        Type::Integer | Type::Int64 => {
            let n = integer(value)
                .map(Literal::i64_suffixed)
                .ok_or_else(wrong)?;
            Ok(quote!(#n))
        }
        Type::Int32 => {
            let n = integer(value)
                .and_then(|n| i32::try_from(n).ok())
                .map(Literal::i32_suffixed)
                .ok_or_else(wrong)?;
            Ok(quote!(#n))
        }
        Type::Number => {
            let n = number(value).map(Literal::f64_suffixed).ok_or_else(wrong)?;
            Ok(quote!(#n))
        }
        Type::Shared(shared) => match &shared.target {
            Some(target) => value_expr(target, value, types),
            None => Err(format!("the shared type `{}` is not defined", shared.name)),
        },
        Type::Union(union) => {
            // The shape the JSON value has: a list or a scalar of the variant's type.
            let (variant, payload) = union
                .variants
                .iter()
                .find_map(|v| owned_expr(&v.ty, value).map(|payload| (v, payload)))
                .ok_or_else(|| format!("{value} fits no shape of `{}`", union.rust_type))?;
            let (rust_type, variant) = (
                format_ident!("{}", union.rust_type),
                format_ident!("{}", variant.variant),
            );
            Ok(quote!(#types::#rust_type::#variant(#payload)))
        }
        Type::Boolean => match value {
            Value::Bool(b) => Ok(quote!(#b)),
            Value::String(s) if s == "true" || s == "false" => {
                let b = s == "true";
                Ok(quote!(#b))
            }
            _ => Err(wrong()),
        },
        Type::Enum(e) => {
            let found = e.values.iter().find(|v| {
                &v.value == value
                    || (value.is_string()
                        && v.value.is_number()
                        && integer(value) == v.value.as_i64())
            });
            let variant =
                found.ok_or_else(|| format!("{value} is not a value of `{}`", e.rust_type))?;
            let (rust_type, variant) = (
                format_ident!("{}", e.rust_type),
                format_ident!("{}", variant.variant),
            );
            Ok(quote!(#types::#rust_type::#variant))
        }
        Type::Array(items) => {
            let Value::Array(values) = value else {
                return Err(wrong());
            };
            if values.is_empty() {
                let item = rust_path(items, types);
                return Ok(quote!(::std::iter::empty::<#item>()));
            }
            let values = values
                .iter()
                .map(|v| value_expr(items, v, types))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(quote!([#(#values),*]))
        }
        Type::Object(o) => {
            let Value::Object(entries) = value else {
                return Err(wrong());
            };
            let mut calls = TokenStream::new();
            for (name, value) in entries {
                let field = o
                    .fields
                    .iter()
                    .find(|f| &f.name == name)
                    .ok_or_else(|| format!("`{name}` is not a field of `{}`", o.rust_type))?;
                calls.extend(setter(field, value, types)?);
            }
            if let Some(missing) = o
                .fields
                .iter()
                .find(|f| f.required && f.const_value.is_none() && !entries.contains_key(&f.name))
            {
                return Err(format!("it leaves out the required `{}`", missing.name));
            }
            let rust_type = format_ident!("{}", o.rust_type);
            Ok(quote!(#types::#rust_type::builder() #calls .build()))
        }
    }
}

/// An owned value of a union shape's type (a scalar or a list of scalars), if `value` has it.
fn owned_expr(ty: &Type, value: &Value) -> Option<TokenStream> {
    match (ty.resolved(), value) {
        (Type::String, Value::String(s)) => Some(quote!(::std::string::String::from(#s))),
        (Type::Boolean, Value::Bool(b)) => Some(quote!(#b)),
        (Type::Integer | Type::Int64, Value::Number(n)) => {
            n.as_i64().map(Literal::i64_suffixed).map(|n| quote!(#n))
        }
        (Type::Int32, Value::Number(n)) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(Literal::i32_suffixed)
            .map(|n| quote!(#n)),
        (Type::Number, Value::Number(n)) => {
            n.as_f64().map(Literal::f64_suffixed).map(|n| quote!(#n))
        }
        (Type::Array(items), Value::Array(values)) => {
            let values = values
                .iter()
                .map(|v| owned_expr(items, v))
                .collect::<Option<Vec<_>>>()?;
            Some(quote!(::std::vec![#(#values),*]))
        }
        _ => None,
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The Rust type of a value, by absolute path, for an empty list's item type.
fn rust_path(ty: &Type, types: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(::std::string::String),
        Type::Integer | Type::Int64 => quote!(i64),
        Type::Int32 => quote!(i32),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Enum(e) => {
            let name = format_ident!("{}", e.rust_type);
            quote!(#types::#name)
        }
        Type::Union(u) => {
            let name = format_ident!("{}", u.rust_type);
            quote!(#types::#name)
        }
        Type::Shared(s) => {
            let name = format_ident!("{}", s.name);
            quote!(#types::#name)
        }
        Type::Object(o) => {
            let name = format_ident!("{}", o.rust_type);
            quote!(#types::#name)
        }
        Type::Array(items) => {
            let items = rust_path(items, types);
            quote!(::std::vec::Vec<#items>)
        }
    }
}
