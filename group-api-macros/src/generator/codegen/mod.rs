//! Code generation: model → tokens. Runs only on a model the checker found no fault in.
//!
//! Generated code names everything through the runtime crate (`::group_api` unless the caller
//! renamed it), so it compiles in any crate whatever that crate imports. Inside an endpoint's
//! module that path is `__p`, imported once as `#krate::__private` (which re-exports the standard
//! items generated code uses); items outside those modules use the full `#krate::__private` path.
//! A generated module holds only generated items, so `__p` cannot be shadowed there.

mod client;
mod docs;
mod errors;
mod platform;
mod request;
mod response;
mod types;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::model::{EndpointSpec, LimitScope, Per, PlatformSpec, RateLimitSpec, SpecSet};
use super::names::upper_camel;

/// How the generated code is placed and what it refers to.
pub struct Options {
    /// Path of the runtime crate (`::group_api`).
    pub krate: TokenStream,
    /// Generate only this platform, inline in the calling module (how group-api itself uses the
    /// macro); otherwise one `pub mod <platform>` per platform.
    pub inline_platform: Option<String>,
    /// The name of the client type generated for each platform with an HTTP API that this
    /// invocation defines (`Client` unless given), with one async method per endpoint
    /// (`client.update_group(&request)`). group-api's own invocations name it only where its
    /// `http` feature is on; a user's folder gets one whenever it defines a platform.
    pub client: Option<TokenStream>,
    /// A hand-written type to give one async method per JS-SDK endpoint (`wecom::JsClient`).
    pub js_client: Option<TokenStream>,
}

/// Generates everything for a checked spec set.
pub fn generate(set: &SpecSet, options: &Options) -> TokenStream {
    let mut out = TokenStream::new();
    let mut platforms: Vec<&str> = set.endpoints.iter().map(|e| e.platform.as_str()).collect();
    platforms.extend(
        set.platforms
            .iter()
            .filter(|p| !p.built_in)
            .map(|p| p.platform.as_str()),
    );
    platforms.sort_unstable();
    platforms.dedup();
    for name in platforms {
        let Some(platform) = set.platforms.iter().find(|p| p.platform == name) else {
            continue;
        };
        let endpoints: Vec<&EndpointSpec> = set
            .endpoints
            .iter()
            .filter(|e| e.platform == name)
            .collect();
        let items = platform_items(platform, &endpoints, options);
        match &options.inline_platform {
            Some(_) => out.extend(items),
            None => {
                let module = format_ident!("{}", name);
                let doc = docs::doc(&format!(
                    "{}: endpoints generated from the spec files.\n\n{}",
                    platform.title, platform.summary
                ));
                out.extend(quote! { #doc pub mod #module { #items } });
            }
        }
    }
    out
}

/// A platform's module body: its shared items (unless built into group-api) and its endpoints.
fn platform_items(
    platform: &PlatformSpec,
    endpoints: &[&EndpointSpec],
    options: &Options,
) -> TokenStream {
    let krate = &options.krate;
    let mut out = TokenStream::new();
    let client = client_name(platform, options);
    let platform_path = if platform.built_in {
        let module = format_ident!("{}", platform.platform);
        quote!(#krate::#module)
    } else {
        let rt = quote!(#krate::__private);
        out.extend(platform::generate(platform, &rt));
        if let Some(client) = &client {
            out.extend(client::generate(platform, endpoints, client, &rt, krate));
        }
        quote!(super)
    };
    for endpoint in endpoints {
        let Some(api) = platform.apis.iter().find(|a| a.name == endpoint.api) else {
            continue;
        };
        let ctx = EndpointCtx {
            endpoint,
            api,
            krate,
            rt: &quote!(__p),
            platform_path: &platform_path,
        };
        // An endpoint's method goes on the client of its API's transport.
        let js_client = options
            .js_client
            .as_ref()
            .and_then(|name| syn::parse2::<Ident>(name.clone()).ok());
        let target = match api.transport {
            super::model::ApiTransport::Http => client.as_ref(),
            super::model::ApiTransport::JsSdk => js_client.as_ref(),
        };
        out.extend(endpoint_module(&ctx, target));
    }
    out
}

/// The client this invocation generates for `platform`, if any: for a platform it defines (not a
/// built-in one reused) that has an HTTP API, when a client is asked for or the folder is a user's.
fn client_name(platform: &PlatformSpec, options: &Options) -> Option<Ident> {
    if platform.built_in || !client::has_http(platform) {
        return None;
    }
    match &options.client {
        Some(name) => {
            Some(syn::parse2::<Ident>(name.clone()).unwrap_or_else(|_| format_ident!("Client")))
        }
        None if options.inline_platform.is_none() => Some(format_ident!("Client")),
        None => None,
    }
}

/// What generating one endpoint needs to know.
pub struct EndpointCtx<'a> {
    pub endpoint: &'a EndpointSpec,
    pub api: &'a super::model::ApiSpec,
    pub krate: &'a TokenStream,
    /// How code inside the endpoint's module names the runtime's items: `__p`, which the module
    /// imports as `#krate::__private` (see `group_api::__private`).
    pub rt: &'a TokenStream,
    /// Path from inside the endpoint's module to its platform's items.
    pub platform_path: &'a TokenStream,
}

impl EndpointCtx<'_> {
    pub fn type_name(&self, suffix: &str) -> Ident {
        format_ident!("{}{}", upper_camel(&self.endpoint.name), suffix)
    }
}

fn endpoint_module(ctx: &EndpointCtx, client: Option<&Ident>) -> TokenStream {
    let krate = ctx.krate;
    let module = format_ident!("{}", ctx.endpoint.name);
    let doc = docs::endpoint_module(ctx.endpoint);
    let request = request::generate(ctx);
    let response = response::generate(ctx);
    let error = errors::endpoint_error(ctx);
    let exports = types::exported(ctx.endpoint, &ctx.type_name("Request"));
    let client = client.map(|client| client_method(ctx, client));
    quote! {
        #doc
        pub mod #module {
            #[allow(unused_imports)]
            use #krate::__private as __p;
            #request
            #response
            #error
        }
        pub use #module::{#(#exports),*};
        #client
    }
}

fn client_method(ctx: &EndpointCtx, client: &Ident) -> TokenStream {
    let krate = ctx.krate;
    let rt = quote!(#krate::__private);
    let method = format_ident!("{}", ctx.endpoint.name);
    let (request, response, error) = (
        ctx.type_name("Request"),
        ctx.type_name("Response"),
        ctx.type_name("Error"),
    );
    let doc = docs::doc(&format!(
        "{}\n\nSends [`{request}`] and returns the typed answer. Same as `self.send(request)`.",
        docs::headline(ctx.endpoint)
    ));
    quote! {
        impl #client {
            #doc
            pub async fn #method(&self, request: &#request)
                -> #rt::Result<#response, #rt::Error<#error>>
            {
                self.send(request).await
            }
        }
    }
}

/// `&[RateLimit::new(..).with_source(..), ..]`: the documented limits of an API or an endpoint,
/// for the `rate_limits` step of its `ApiInfo` or `EndpointInfo`.
fn rate_limits(limits: &[RateLimitSpec], rt: &TokenStream) -> TokenStream {
    let limits = limits.iter().map(|limit| {
        let calls = limit.calls;
        let per = format_ident!(
            "{}",
            match limit.per {
                Per::Second => "Second",
                Per::Minute => "Minute",
                Per::Hour => "Hour",
            }
        );
        let scope = format_ident!(
            "{}",
            match limit.scope {
                LimitScope::AppAndApi => "AppAndApi",
                LimitScope::Api => "Api",
                LimitScope::Company => "Company",
                LimitScope::Ip => "Ip",
            }
        );
        let source = &limit.source;
        quote!(#rt::RateLimit::new(#calls, #rt::Per::#per, #rt::LimitScope::#scope).with_source(#source))
    });
    quote!(&[#(#limits),*])
}
