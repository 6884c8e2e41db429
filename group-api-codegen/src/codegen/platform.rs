//! A platform's shared items: its marker type, one `ApiInfo` constant and one platform error enum
//! per API.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, errors, rate_limits};
use crate::model::{ApiSpec, Auth, Envelope, PlatformSpec, Type};
use crate::names::upper_camel;

pub fn generate(platform: &PlatformSpec, rt: &TokenStream, serde_path: &str) -> TokenStream {
    let marker_doc = docs::doc(&format!(
        "Marker for {}: a client only sends requests whose `Endpoint::Platform` is this type.",
        platform.title
    ));
    let mut out = quote! {
        #marker_doc
        #[derive(Debug)]
        pub enum Platform {}
    };
    for api in &platform.apis {
        out.extend(api_items(platform, api, rt));
    }
    // Shared types: the platform's vocabulary, read from any endpoint's answer, so an enum keeps
    // values the page does not list (`Unknown`).
    for def in &platform.types {
        match &def.ty {
            Type::Enum(e) => out.extend(super::types::enum_type(e, rt, true)),
            Type::Union(u) => out.extend(super::types::union_type(u, rt, serde_path)),
            _ => {}
        }
    }
    out
}

fn api_items(platform: &PlatformSpec, api: &ApiSpec, rt: &TokenStream) -> TokenStream {
    let constant = format_ident!("{}_API", api.name.to_uppercase());
    let (platform_name, api_name) = (&platform.platform, &api.name);
    let base_url = super::types::option(api.base_url.as_ref(), rt);
    let auth = auth_tokens(&api.auth, rt);
    let envelope = match &api.envelope {
        Envelope::HttpStatus { code, message } => {
            quote!(#rt::Envelope::HttpStatus { code: &[#(#code),*], message: &[#(#message),*] })
        }
        Envelope::CodeField {
            code,
            message,
            success,
        } => {
            quote!(#rt::Envelope::CodeField {
                code: &[#(#code),*],
                message: &[#(#message),*],
                success: #success,
            })
        }
        Envelope::JsErrMsg => quote!(#rt::Envelope::JsErrMsg),
    };
    let (body_ids, header_ids) = (&api.request_id_body, &api.request_id_headers);
    let wait_headers = &api.wait_hint_headers;
    let limits = rate_limits(&api.rate_limits, rt);
    let title = if api.title.is_empty() {
        format!("{} `{}`", platform.title, api.name)
    } else {
        format!("{} {}", platform.title, api.title)
    };
    let mut text = format!("{title}: hosts, auth and envelope shared by its endpoints.");
    if !api.summary.is_empty() {
        text.push_str(&format!("\n\n{}", api.summary));
    }
    for note in &api.notes {
        text.push_str(&format!("\n\n{note}"));
    }
    let doc = docs::doc(&text);
    let error = format_ident!("{}PlatformError", upper_camel(&api.name));
    let errors = errors::platform_error(&error, &title, &api.errors, rt);
    quote! {
        #doc
        pub const #constant: #rt::ApiInfo =
            #rt::ApiInfo::new(#platform_name, #api_name, #base_url, #auth, #envelope)
                .request_id(&[#(#body_ids),*], &[#(#header_ids),*])
                .wait_headers(&[#(#wait_headers),*])
                .rate_limits(#limits);

        #errors
    }
}

/// An `Auth` constant.
pub fn auth_tokens(auth: &Auth, rt: &TokenStream) -> TokenStream {
    match auth {
        Auth::Header(name) => quote!(#rt::Auth::Header(#name)),
        Auth::Bearer => quote!(#rt::Auth::Bearer),
        Auth::Query(name) => quote!(#rt::Auth::Query(#name)),
        Auth::JsSession => quote!(#rt::Auth::JsSession),
        Auth::None => quote!(#rt::Auth::None),
    }
}
