//! `Paginated` for a list endpoint: where the next cursor is read, where it is written, and where
//! the page's entries are. The stream itself is the runtime's (`group_api::Paginated`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::EndpointCtx;
use super::types::rust_type;
use crate::model::{Field, Pagination, Type, field_path};

/// The impl, or nothing when the endpoint has no `pagination` (or, which the checker reported, one
/// whose names lead nowhere).
pub fn generate(ctx: &EndpointCtx) -> TokenStream {
    let Some(pagination) = &ctx.endpoint.pagination else {
        return TokenStream::new();
    };
    let rt = ctx.rt;
    let response = &ctx.endpoint.response;
    let Some(cursor_field) = ctx
        .endpoint
        .request
        .all()
        .map(|(_, f)| f)
        .find(|f| f.name == pagination.request_cursor.0)
    else {
        return TokenStream::new();
    };
    let (Ok(cursor), Ok(items)) = (
        field_path(response, &pagination.response_cursor.0),
        field_path(response, &pagination.items.0),
    ) else {
        return TokenStream::new();
    };
    let Type::Array(item) = &items[items.len() - 1].ty else {
        return TokenStream::new();
    };
    let item = rust_type(item, rt);
    let (request, response_type) = (ctx.type_name("Request"), ctx.type_name("Response"));
    let cursor = borrowed(&cursor, rt);
    let items = owned(&items, rt);
    let more = match pagination
        .has_more
        .as_ref()
        .and_then(|(path, _)| field_path(response, path).ok())
    {
        // A page that says no more follow is the last, whatever cursor it carries; one that does
        // not say relies on its cursor.
        Some(chain) => {
            let more = borrowed(&chain, rt);
            quote! {
                if #more == #rt::Some(&false) {
                    return #rt::None;
                }
            }
        }
        None => TokenStream::new(),
    };
    let member = format_ident!("{}", cursor_field.member_name());
    let doc = pagination_doc(pagination);
    quote! {
        #[doc = #doc]
        impl #rt::Paginated for #request {
            type Item = #item;

            #[inline]
            fn next_cursor(response: &#response_type) -> #rt::Option<#rt::String> {
                #more
                #cursor.and_then(#rt::CursorText::cursor_text)
            }

            #[inline]
            fn with_cursor(&self, cursor: &str) -> Self {
                let mut next = #rt::Clone::clone(self);
                next.#member = #rt::FromCursor::from_cursor(cursor);
                next
            }

            #[inline]
            fn cursor(&self) -> #rt::Option<#rt::String> {
                #rt::CursorText::cursor_text(&self.#member)
            }

            #[inline]
            fn into_items(response: #response_type) -> #rt::Vec<#item> {
                #items.unwrap_or_default()
            }
        }
    }
}

/// `Some(&response)` narrowed field by field to an `Option<&T>` of the last field.
fn borrowed(chain: &[&Field], rt: &TokenStream) -> TokenStream {
    let mut expr = quote!(#rt::Some(response));
    for field in chain {
        let member = format_ident!("{}", field.member_name());
        expr = match field.required {
            true => quote!(#expr.map(|r| &r.#member)),
            false => quote!(#expr.and_then(|r| r.#member.as_ref())),
        };
    }
    expr
}

/// `Some(response)` taken apart field by field to an `Option<T>` of the last field.
fn owned(chain: &[&Field], rt: &TokenStream) -> TokenStream {
    let mut expr = quote!(#rt::Some(response));
    for field in chain {
        let member = format_ident!("{}", field.member_name());
        expr = match field.required {
            true => quote!(#expr.map(|r| r.#member)),
            false => quote!(#expr.and_then(|r| r.#member)),
        };
    }
    expr
}

fn pagination_doc(pagination: &Pagination) -> String {
    let more = match &pagination.has_more {
        Some((path, _)) => format!(" while `{}` is true", path.join(".")),
        None => String::new(),
    };
    format!(
        " Pages through `{}`: each next request sends `{}` as `{}`{more}.",
        pagination.items.0.join("."),
        pagination.response_cursor.0.join("."),
        pagination.request_cursor.0,
    )
}
