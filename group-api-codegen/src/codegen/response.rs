//! Response types: the documented success body, every field optional unless the spec marks it
//! required, unknown fields tolerated.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::types::{self, rust_type};
use super::{EndpointCtx, docs};
use crate::model::{Field, Type};

pub fn generate(ctx: &EndpointCtx) -> TokenStream {
    let name = ctx.type_name("Response");
    let doc = docs::doc(&format!(
        "The documented success body of {}. Fields the server adds later are ignored.",
        ctx.endpoint.title
    ));
    let mut out = structure(&name, doc, &ctx.endpoint.response, ctx);
    let mut named = Vec::new();
    types::named(ctx.endpoint.response.iter().map(|f| &f.ty), &mut named);
    for ty in named {
        match ty {
            Type::Object(o) => {
                let doc = docs::doc(&format!(
                    "`{}` in the response.",
                    o.at.path.trim_end_matches(".rust_type")
                ));
                out.extend(structure(
                    &format_ident!("{}", o.rust_type),
                    doc,
                    &o.fields,
                    ctx,
                ));
            }
            // A response enum keeps a value the page does not list.
            Type::Enum(e) => out.extend(types::enum_type(e, ctx.rt, true)),
            Type::Union(u) => out.extend(types::union_type(u, ctx.rt, &ctx.serde_path())),
            _ => {}
        }
    }
    out
}

fn structure(name: &Ident, doc: TokenStream, fields: &[Field], ctx: &EndpointCtx) -> TokenStream {
    let (krate, rt) = (ctx.krate, ctx.rt);
    let private = super::private_path(krate);
    let serde_path = quote!(#private::serde).to_string().replace(' ', "");
    let mut splitters = TokenStream::new();
    let members: Vec<TokenStream> = fields.iter().map(|field| {
        let member = format_ident!("{}", field.member_name());
        let wire = &field.name;
        let ty = rust_type(&field.ty, rt);
        let field_doc = docs::field(field);
        // A separator list arrives as one string, split back into its entries.
        let split = field.separator.as_ref().map(|(separator, _)| {
            // The struct's name as written, then `__`: an UpperCamelCase name has no `_`, so two
            // structs and fields never give one name (`A` + `b_c`, `AB` + `c` did in snake_case).
            let function = format_ident!("__split_{}__{}", name, member);
            let (ret, wrap) = match field.required {
                true => (quote!(#ty), quote!(#rt::split(deserializer, #separator))),
                false => (quote!(#rt::Option<#ty>), quote!(#rt::split(deserializer, #separator).map(#rt::Some))),
            };
            splitters.extend(quote! {
                #[allow(non_snake_case)]
                fn #function<'de, D: #rt::serde::Deserializer<'de>>(deserializer: D) -> #rt::Result<#ret, D::Error> {
                    #wrap
                }
            });
            let function = function.to_string();
            quote!(deserialize_with = #function,)
        });
        // serde's own name for a member is its identifier (without `r#`): `rename` only where the
        // wire's name differs. `default` stays on each optional field: a container
        // `#[serde(default)]` (the struct's `Default` for every missing field) cost the compiler
        // 13.5 M instructions more per synthetic endpoint (BENCHMARKS.md, issue 18).
        let rename = (member.to_string().trim_start_matches("r#") != wire.as_str())
            .then(|| quote!(rename = #wire,));
        let default = (!field.required).then(|| quote!(default));
        let attribute = (rename.is_some() || split.is_some() || default.is_some())
            .then(|| quote!(#[serde(#rename #split #default)]));
        if field.required {
            quote!(#field_doc #attribute pub #member: #ty,)
        } else {
            quote!(#field_doc #attribute pub #member: #rt::Option<#ty>,)
        }
    }).collect();
    // A response carrying a secret (a fresh access token) gets a `Debug` that redacts it.
    let (debug_derive, debug_impl) = match fields.iter().any(|f| f.secret) {
        false => (quote!(Debug,), TokenStream::new()),
        true => (TokenStream::new(), redacting_debug(name, fields, rt)),
    };
    let default = match has_default(fields) {
        true => quote!(Default,),
        false => TokenStream::new(),
    };
    quote! {
        #splitters
        #doc
        #[derive(Clone, #debug_derive #default PartialEq, #rt::serde::Deserialize)]
        #[serde(crate = #serde_path)]
        #[non_exhaustive]
        pub struct #name {
            #(#members)*
        }
        #debug_impl
    }
}

/// Whether a response struct of `fields` derives `Default`: an enum or union has no default value,
/// so a struct that requires one has none, nor has a struct that requires an object without one
/// (at any depth; a list is empty by default whatever its entries).
fn has_default(fields: &[Field]) -> bool {
    fields.iter().all(|f| {
        !f.required
            || match f.ty.resolved() {
                Type::Enum(_) | Type::Union(_) => false,
                Type::Object(o) => has_default(&o.fields),
                _ => true,
            }
    })
}

fn redacting_debug(name: &Ident, fields: &[Field], rt: &TokenStream) -> TokenStream {
    let entries = fields.iter().map(|field| {
        let member = format_ident!("{}", field.member_name());
        let shown = member.to_string();
        if field.secret && field.required {
            quote!(out.field(#shown, &"<redacted>");)
        } else if field.secret {
            quote!(out.field(#shown, &self.#member.as_ref().map(|_| "<redacted>"));)
        } else {
            quote!(out.field(#shown, &self.#member);)
        }
    });
    types::debug_impl(name, entries, rt)
}
