//! Rust types for spec types, enums, and the names an endpoint exports to its platform module.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs;
use crate::model::{EndpointSpec, EnumType, Type};

/// The Rust type of a value of `ty`.
pub fn rust_type(ty: &Type, rt: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(#rt::String),
        Type::Integer => quote!(i64),
        Type::Boolean => quote!(bool),
        Type::Enum(e) => {
            let name = format_ident!("{}", e.rust_type);
            quote!(#name)
        }
        Type::Object(o) => {
            let name = format_ident!("{}", o.rust_type);
            quote!(#name)
        }
        Type::Array(items) => {
            let items = rust_type(items, rt);
            quote!(#rt::Vec<#items>)
        }
    }
}

/// An expression turning `value: &T` (a scalar or enum) into its wire text, for paths, queries and
/// headers.
pub fn wire_text(ty: &Type, value: TokenStream, rt: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(#rt::String::clone(#value)),
        Type::Enum(e) if e.integer => quote!(#rt::ToString::to_string(&#value.value())),
        Type::Enum(_) => quote!(#rt::ToString::to_string(#value.as_str())),
        _ => quote!(#rt::ToString::to_string(#value)),
    }
}

/// Every enum and object type reachable from the given types, each once.
pub fn named<'a>(types: impl Iterator<Item = &'a Type>, out: &mut Vec<&'a Type>) {
    types.for_each(|ty| named_in(ty, out));
}

fn named_in<'a>(ty: &'a Type, out: &mut Vec<&'a Type>) {
    match ty {
        Type::Enum(_) => out.push(ty),
        Type::Object(o) => {
            out.push(ty);
            o.fields.iter().for_each(|f| named_in(&f.ty, out));
        }
        Type::Array(items) => named_in(items, out),
        _ => {}
    }
}

/// The names re-exported at platform level: the request, its builder, response, error, and every
/// named type.
pub fn exported(endpoint: &EndpointSpec, request: &Ident) -> Vec<Ident> {
    let base = request.to_string();
    let base = base.trim_end_matches("Request");
    let mut out: Vec<Ident> = ["Request", "RequestBuilder", "Response", "Error"]
        .iter()
        .map(|suffix| format_ident!("{base}{suffix}"))
        .collect();
    let mut types = Vec::new();
    named(endpoint.request.all().map(|(_, f)| &f.ty), &mut types);
    named(endpoint.response.iter().map(|f| &f.ty), &mut types);
    for ty in types {
        match ty {
            Type::Enum(e) => out.push(format_ident!("{}", e.rust_type)),
            Type::Object(o)
                if endpoint
                    .request
                    .all()
                    .any(|(_, f)| contains(&f.ty, &o.rust_type)) =>
            {
                out.push(format_ident!("{}", o.rust_type));
                out.push(format_ident!("{}Builder", o.rust_type));
            }
            Type::Object(o) => out.push(format_ident!("{}", o.rust_type)),
            _ => {}
        }
    }
    out
}

fn contains(ty: &Type, name: &str) -> bool {
    match ty {
        Type::Object(o) => o.rust_type == name || o.fields.iter().any(|f| contains(&f.ty, name)),
        Type::Array(items) => contains(items, name),
        _ => false,
    }
}

/// A request enum: documented values, each with the page's meaning, serialized to the wire value.
pub fn enum_type(e: &EnumType, rt: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", e.rust_type);
    let variants: Vec<Ident> = e
        .values
        .iter()
        .map(|v| format_ident!("{}", v.variant))
        .collect();
    let variant_docs = e.values.iter().map(|v| {
        let wire = match &v.value {
            Value::String(s) => format!("`\"{s}\"`"),
            other => format!("`{other}`"),
        };
        docs::doc(&if v.description.is_empty() {
            wire
        } else {
            format!("{}: {wire}", v.description)
        })
    });
    let values: Vec<TokenStream> = e.values.iter().map(|v| literal(&v.value)).collect();
    let (accessor, accessor_doc, ret, serialize) = if e.integer {
        (
            quote!(value),
            "The value sent on the wire.",
            quote!(i64),
            quote!(serialize_i64(self.value())),
        )
    } else {
        (
            quote!(as_str),
            "The value sent on the wire.",
            quote!(&'static str),
            quote!(serialize_str(self.as_str())),
        )
    };
    let type_doc = docs::doc(&format!(
        "The documented values of `{}`.",
        e.at.path.trim_end_matches(".rust_type")
    ));
    quote! {
        #type_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #variant_docs #variants, )*
        }

        impl #name {
            #[doc = #accessor_doc]
            pub const fn #accessor(self) -> #ret {
                match self { #( Self::#variants => #values, )* }
            }
        }

        impl #rt::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error>
            where
                S: #rt::serde::Serializer,
            {
                serializer.#serialize
            }
        }
    }
}

/// `__p::Some(value)` or `__p::None`: an optional spec value as an `Option` expression.
pub fn option<T: quote::ToTokens>(value: Option<T>, rt: &TokenStream) -> TokenStream {
    match value {
        Some(value) => quote!(#rt::Some(#value)),
        None => quote!(#rt::None),
    }
}

/// A JSON scalar as a Rust literal.
pub fn literal(value: &Value) -> TokenStream {
    match value {
        Value::String(s) => quote!(#s),
        Value::Number(n) => {
            let n = n.as_i64().unwrap_or_default();
            quote!(#n)
        }
        Value::Bool(b) => quote!(#b),
        _ => quote!(()),
    }
}

/// A `Debug` impl that shows `name` as a struct, each entry a statement on `out`
/// (a `DebugStruct`).
pub fn debug_impl(
    name: &Ident,
    entries: impl Iterator<Item = TokenStream>,
    rt: &TokenStream,
) -> TokenStream {
    let label = name.to_string();
    quote! {
        impl #rt::fmt::Debug for #name {
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                let mut out = f.debug_struct(#label);
                #(#entries)*
                out.finish()
            }
        }
    }
}
