//! The stand-in's registration of an HTTP endpoint: what `group_api::testing::StandIn` needs to
//! serve it (the `Endpoint` impl, and the page's response example), added to a registry that the
//! stand-in reads when it starts, so it serves every endpoint the program was built with: the
//! built-in ones and those of the user's own spec folders.
//!
//! Only with group-api's `testing` feature: without it the item expands to nothing.

use proc_macro2::TokenStream;
use quote::quote;

use super::EndpointCtx;
use crate::model::Transport;

/// `__if_testing! { inventory::submit! { StandInEndpoint::of::<Request>(example) } }` for an
/// HTTP endpoint; nothing for a JS-SDK call, which no server answers.
pub fn registration(ctx: &EndpointCtx) -> TokenStream {
    let endpoint = ctx.endpoint;
    if !matches!(endpoint.transport, Transport::Http { .. }) {
        return TokenStream::new();
    }
    let (krate, rt) = (ctx.krate, ctx.rt);
    let name = ctx.type_name("Request");
    // The first example the page gives an answer for (else the first), as JSON text: its
    // response, and its request.
    let example = endpoint
        .examples
        .iter()
        .find(|example| example.response.is_some())
        .or(endpoint.examples.first());
    // As the table reads it: a value the page prints in another type (`"0"` for 0), marked in
    // `deviations`, is answered as the type a real server sends.
    let as_table = example.map(|e| endpoint.example_as_table(e));
    let response = as_table
        .as_ref()
        .and_then(|(_, response)| response.as_ref())
        .map(|r| r.to_string());
    let request = as_table.map(|(request, _)| request.to_string());
    let text = |text: Option<String>| match text {
        Some(text) => quote!(#rt::Some(#text)),
        None => quote!(#rt::None),
    };
    let (response, request) = (text(response), text(request));
    quote! {
        #krate::__if_testing! {
            #rt::inventory::submit! {
                #rt::StandInEndpoint::of::<#name>(#response, #request)
            }
        }
    }
}
