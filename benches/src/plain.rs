//! The floor of the build comparison: plain serde structs for the same request and response
//! bodies, as a person would write them with no builder, no validation and no error enum.
//!
//! Per endpoint, a module with the request body (`Option` fields, unset ones left out), its named
//! types (string enums by `rename`, integer enums through `i64`, nested objects), and the response
//! body. Everything derives `Clone` and `Debug` too, as a careful hand-written crate would.

use std::path::Path;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use group_api_codegen::model::{EndpointSpec, EnumType, Field, Type};

/// The floor crate's `lib.rs` for a spec folder, formatted.
pub fn source(folder: &Path) -> Result<String, String> {
    let set = crate::expand::model(folder)?;
    let mut platforms: Vec<&str> = set.endpoints.iter().map(|e| e.platform.as_str()).collect();
    platforms.dedup();
    let mut out = TokenStream::new();
    for platform in platforms {
        let endpoints = set
            .endpoints
            .iter()
            .filter(|e| e.platform == platform)
            .map(endpoint);
        let module = format_ident!("{platform}");
        out.extend(quote!(pub mod #module { #(#endpoints)* }));
    }
    crate::expand::source(out)
}

/// Named types already written, by name, so one used twice is written once.
type Types = Vec<(String, TokenStream)>;

fn endpoint(endpoint: &EndpointSpec) -> TokenStream {
    let module = format_ident!("{}", endpoint.name);
    let base = group_api_codegen::names::upper_camel(&endpoint.name);
    let mut types = Types::new();
    let request = structure(
        &format_ident!("{base}Request"),
        &endpoint.request.body,
        true,
        &mut types,
    );
    let response = structure(
        &format_ident!("{base}Response"),
        &endpoint.response,
        false,
        &mut types,
    );
    let types = types.iter().map(|(_, tokens)| tokens);
    quote! {
        pub mod #module {
            #request
            #response
            #(#types)*
        }
    }
}

/// A request (serialized) or response (deserialized) struct; named types it uses go to `types`.
fn structure(name: &Ident, fields: &[Field], request: bool, types: &mut Types) -> TokenStream {
    let members = fields.iter().map(|field| {
        let member = format_ident!("{}", field.member_name());
        let wire = &field.name;
        let ty = rust_type(&field.ty, request, types);
        if request {
            quote! {
                #[serde(rename = #wire, skip_serializing_if = "Option::is_none")]
                pub #member: Option<#ty>,
            }
        } else {
            quote! {
                #[serde(rename = #wire, default)]
                pub #member: Option<#ty>,
            }
        }
    });
    let derive = if request {
        quote!(serde::Serialize)
    } else {
        quote!(serde::Deserialize)
    };
    quote! {
        #[derive(Clone, Debug, Default, #derive)]
        pub struct #name {
            #(#members)*
        }
    }
}

fn rust_type(ty: &Type, request: bool, types: &mut Types) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Integer | Type::Int64 => quote!(i64),
        Type::Int32 => quote!(i32),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        // A hand-written crate would take any JSON value for a value of several shapes.
        Type::Union(_) => quote!(serde_json::Value),
        // A shared type is written once per module, like the endpoint's own.
        Type::Shared(shared) => match &shared.target {
            Some(target) => rust_type(target, request, types),
            None => quote!(String),
        },
        Type::Array(items) => {
            let items = rust_type(items, request, types);
            quote!(Vec<#items>)
        }
        Type::Enum(e) => {
            if !types.iter().any(|(name, _)| *name == e.rust_type) {
                types.push((e.rust_type.clone(), enumeration(e)));
            }
            let name = format_ident!("{}", e.rust_type);
            quote!(#name)
        }
        Type::Object(o) => {
            let name = format_ident!("{}", o.rust_type);
            if !types.iter().any(|(name, _)| *name == o.rust_type) {
                let object = structure(&name, &o.fields, request, types);
                types.push((o.rust_type.clone(), object));
            }
            quote!(#name)
        }
    }
}

fn enumeration(e: &EnumType) -> TokenStream {
    let name = format_ident!("{}", e.rust_type);
    let variants: Vec<Ident> = e
        .values
        .iter()
        .map(|v| format_ident!("{}", v.variant))
        .collect();
    if e.integer {
        let values = e
            .values
            .iter()
            .map(|v| v.value.as_i64().unwrap_or_default());
        quote! {
            #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
            #[serde(into = "i64")]
            pub enum #name { #(#variants,)* }

            impl From<#name> for i64 {
                fn from(value: #name) -> i64 {
                    match value { #(#name::#variants => #values,)* }
                }
            }
        }
    } else {
        let wires = e.values.iter().map(|v| match &v.value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        quote! {
            #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
            pub enum #name { #(#[serde(rename = #wires)] #variants,)* }
        }
    }
}
