//! Rust types for spec types, enums, and the names an endpoint exports to its platform module.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs;
use crate::model::{EndpointSpec, EnumType, Field, Type, UnionType};

/// The Rust type of a value of `ty`. A shared type is named by its bare name: the endpoint module
/// imports it from its platform's module.
pub fn rust_type(ty: &Type, rt: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(#rt::String),
        Type::Integer | Type::Int64 => quote!(i64),
        Type::Int32 => quote!(i32),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Union(u) => {
            let name = format_ident!("{}", u.rust_type);
            quote!(#name)
        }
        Type::Shared(s) => {
            let name = format_ident!("{}", s.name);
            quote!(#name)
        }
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
    match ty.resolved() {
        Type::String => quote!(#rt::String::clone(#value)),
        Type::Enum(e) if e.integer => quote!(#rt::ToString::to_string(&#value.value())),
        Type::Enum(_) => quote!(#rt::ToString::to_string(#value.as_str())),
        _ => quote!(#rt::ToString::to_string(#value)),
    }
}

/// [`wire_text`] of a field's value: a separator list is its entries' texts joined.
pub fn field_text(field: &Field, value: TokenStream, rt: &TokenStream) -> TokenStream {
    match (&field.separator, field.ty.resolved()) {
        (Some((separator, _)), Type::Array(_)) => quote!(#rt::join(#value, #separator)),
        _ => wire_text(&field.ty, value, rt),
    }
}

pub use crate::model::named;

/// The names re-exported at platform level: the request, its builder, response, error, and every
/// named type.
pub fn exported(endpoint: &EndpointSpec, request: &Ident) -> Vec<Ident> {
    let base = request.to_string();
    // Once: an endpoint named `approve_request` has `ApproveRequestRequest`.
    let base = base.strip_suffix("Request").unwrap_or(&base);
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
            Type::Union(u) => out.push(format_ident!("{}", u.rust_type)),
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

/// An enum: documented values, each with the page's meaning, serialized to the wire value. A
/// request's own enum holds only the documented values; an `open` one (of a response, or a
/// platform's shared type) also `Unknown(value)`, so reading a value the page does not list never
/// fails, and a request refuses it.
pub fn enum_type(e: &EnumType, rt: &TokenStream, open: bool) -> TokenStream {
    if open {
        return open_enum_type(e, rt);
    }
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
            #[inline]
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

fn open_enum_type(e: &EnumType, rt: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", e.rust_type);
    let variants: Vec<Ident> = e
        .values
        .iter()
        .map(|v| format_ident!("{}", v.variant))
        .collect();
    let variant_docs: Vec<TokenStream> = e.values.iter().map(variant_doc).collect();
    let values: Vec<TokenStream> = e.values.iter().map(|v| literal(&v.value)).collect();
    let place = e.at.path.trim_end_matches(".rust_type");
    let subject = match place.starts_with("types[") {
        true => format!("`{}`, shared by the platform's endpoints", e.rust_type),
        false => format!("`{place}`"),
    };
    let type_doc = docs::doc(&format!(
        "The documented values of {subject}, and `Unknown` for any other value the server sends."
    ));
    let unknown_doc = docs::doc(
        "A value the page does not list, kept as the server sent it. A request refuses it: `.build()` reports `Rule::NotDocumented`.",
    );
    let (derive_copy, unknown_ty, accessor, ret, serialize, read, to_variant) = if e.integer {
        (
            quote!(Copy,),
            quote!(i64),
            quote!(value),
            quote!(i64),
            quote!(serialize_i64(self.value())),
            quote!(<i64 as #rt::serde::Deserialize>::deserialize(deserializer)?),
            quote!(match value { #( #values => Self::#variants, )* other => Self::Unknown(other) }),
        )
    } else {
        (
            TokenStream::new(),
            quote!(#rt::String),
            quote!(as_str),
            quote!(&str),
            quote!(serialize_str(self.as_str())),
            quote!(<#rt::String as #rt::serde::Deserialize>::deserialize(deserializer)?),
            quote!(match value.as_str() { #( #values => Self::#variants, )* _ => Self::Unknown(value) }),
        )
    };
    let unknown_value = match e.integer {
        true => quote!(*value),
        false => quote!(value.as_str()),
    };
    let constness = match e.integer {
        true => quote!(const),
        false => TokenStream::new(),
    };
    quote! {
        #type_doc
        #[derive(Clone, #derive_copy Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #variant_docs #variants, )*
            #unknown_doc
            Unknown(#unknown_ty),
        }

        impl #name {
            /// The value sent on the wire.
            #[inline]
            pub #constness fn #accessor(&self) -> #ret {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => #unknown_value,
                }
            }

            /// Whether the value is one the page documents (not `Unknown`).
            #[inline]
            pub const fn is_documented(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl #rt::Documented for #name {
            #[inline]
            fn is_documented(&self) -> bool {
                #name::is_documented(self)
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

        impl<'de> #rt::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> #rt::Result<Self, D::Error>
            where
                D: #rt::serde::Deserializer<'de>,
            {
                let value = #read;
                #rt::Ok(#to_variant)
            }
        }
    }
}

fn variant_doc(v: &crate::model::EnumValue) -> TokenStream {
    let wire = match &v.value {
        Value::String(s) => format!("`\"{s}\"`"),
        other => format!("`{other}`"),
    };
    docs::doc(&if v.description.is_empty() {
        wire
    } else {
        format!("{}: {wire}", v.description)
    })
}

/// A union: one variant per shape, read and written untagged (the JSON form tells them apart),
/// with a `From` for each shape whose Rust type is its own.
pub fn union_type(u: &UnionType, rt: &TokenStream, serde_path: &str) -> TokenStream {
    let name = format_ident!("{}", u.rust_type);
    let place = u.at.path.trim_end_matches(".rust_type");
    let doc = docs::doc(&match place.starts_with("types[") {
        true => format!(
            "`{}`, shared by the platform's endpoints: one of several shapes the page allows.",
            u.rust_type
        ),
        false => format!("`{place}`: one of several shapes the page allows."),
    });
    let variants: Vec<Ident> = u
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.variant))
        .collect();
    let types: Vec<TokenStream> = u.variants.iter().map(|v| rust_type(&v.ty, rt)).collect();
    // The page types a union (`string | string[]`) without describing each shape.
    let variant_docs: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|v| {
            let shape = match &v.ty {
                Type::Array(items) => format!("a list of {}s", items.describe()),
                other => format!("a {}", other.describe()),
            };
            docs::doc(&format!("The value as {shape}."))
        })
        .collect();
    let texts: Vec<String> = types.iter().map(ToString::to_string).collect();
    let mut froms = TokenStream::new();
    for (i, (variant, ty)) in variants.iter().zip(&types).enumerate() {
        if texts.iter().filter(|t| **t == texts[i]).count() != 1 {
            continue;
        }
        froms.extend(quote! {
            impl #rt::From<#ty> for #name {
                #[inline]
                fn from(value: #ty) -> Self {
                    Self::#variant(value)
                }
            }
        });
        if matches!(u.variants[i].ty, Type::String) {
            froms.extend(quote! {
                impl #rt::From<&str> for #name {
                    #[inline]
                    fn from(value: &str) -> Self {
                        Self::#variant(#rt::String::from(value))
                    }
                }
            });
        }
    }
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, #rt::serde::Serialize, #rt::serde::Deserialize)]
        #[serde(crate = #serde_path, untagged)]
        pub enum #name {
            #( #variant_docs #variants(#types), )*
        }
        #froms
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
        Value::Number(n) => match n.as_i64() {
            Some(n) => quote!(#n),
            None => {
                let n = n.as_f64().unwrap_or_default();
                quote!(#n)
            }
        },
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
            #[inline]
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                let mut out = f.debug_struct(#label);
                #(#entries)*
                out.finish()
            }
        }
    }
}
