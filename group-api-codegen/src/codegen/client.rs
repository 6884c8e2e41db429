//! A platform's HTTP client: one struct per platform, generated from its platform file, wrapping
//! the runtime's `HttpCore` (which does the sending, tokens, retries and redaction for every
//! platform alike). What differs between platforms is data: the APIs' hosts, auth and envelopes
//! (their `ApiInfo` constants), and the token endpoint that `from_app_credentials` calls.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use crate::model::{
    ApiSpec, ApiTransport, Auth, EndpointSpec, Envelope, Field, PlatformSpec, TokenSpec,
};

/// Whether a platform gets a client: it has an HTTP API.
pub fn has_http(platform: &PlatformSpec) -> bool {
    platform
        .apis
        .iter()
        .any(|api| api.transport == ApiTransport::Http)
}

/// The client struct `client` of `platform`, its constructors, settings and `send`. `endpoints`
/// are the platform's endpoints generated alongside (the token endpoint among them); `rt` is the
/// runtime's private path, `krate` the runtime crate.
pub fn generate(
    platform: &PlatformSpec,
    endpoints: &[&EndpointSpec],
    client: &Ident,
    rt: &TokenStream,
    krate: &TokenStream,
) -> TokenStream {
    let apis: Vec<Ident> = platform
        .apis
        .iter()
        .filter(|api| api.transport == ApiTransport::Http)
        .map(|api| format_ident!("{}_API", api.name.to_uppercase()))
        .collect();
    let display = platform.display_name();
    let debug_name = format!("{}::{client}", platform.platform);
    let token = platform
        .token
        .as_ref()
        .and_then(|token| Some((token, endpoints.iter().find(|e| e.name == token.endpoint)?)));
    let (from_app_credentials, issue) = match token {
        Some((token, endpoint)) => (
            from_app_credentials(platform, token, rt),
            issue_fn(platform, token, endpoint, rt),
        ),
        None => (TokenStream::new(), TokenStream::new()),
    };
    let struct_doc = docs::doc(&client_doc(platform, client, token.map(|(t, _)| t)));
    let new_doc = docs::doc(&format!(
        "A client that sends `access_token` with every call, to {display}'s production hosts. The \
         token is never replaced: when {display} refuses it, the refusal is returned.\n\n\
         # Panics\n\nWhen the TLS backend cannot be initialised, as `reqwest::Client::new` does."
    ));
    quote! {
        #struct_doc
        #[derive(Clone)]
        pub struct #client {
            core: #rt::HttpCore,
        }

        impl #client {
            #new_doc
            pub fn new(access_token: impl #rt::Into<#rt::String>) -> Self {
                Self { core: #rt::HttpCore::with_fixed_token(access_token, __CLIENT_APIS) }
            }

            #from_app_credentials

            /// A client that asks `source` for the token of each call: a token kept in a cache
            /// you share between processes, say. A shared client's source
            /// ([`token_source`](Self::token_source)) makes two clients share one token cache.
            ///
            /// # Panics
            ///
            /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
            pub fn from_token_source(source: impl #rt::TokenSource + 'static) -> Self {
                Self { core: #rt::HttpCore::new(#rt::Arc::new(source), __CLIENT_APIS) }
            }

            /// When a client built by `from_app_credentials` refreshes its token; see
            /// `TokenRefresh`. Other clients are not changed.
            pub fn with_token_refresh(mut self, refresh: #rt::TokenRefresh) -> Self {
                self.core.set_token_refresh(refresh);
                self
            }

            /// Where the client's tokens come from: a fixed token, its app-credentials source, or
            /// the source it was given.
            pub fn token_source(&self) -> #rt::Arc<dyn #rt::TokenSource> {
                self.core.token_source().expect("a client always has a token source")
            }

            /// Sends every call to `base_url` instead of the platform's hosts (a local test
            /// server, a proxy, a private deployment). The endpoint's path is appended to it.
            ///
            /// A client built from app credentials fetches its tokens there too, and keeps them
            /// apart from the tokens of other hosts.
            pub fn with_base_url(mut self, base_url: impl #rt::Into<#rt::String>) -> Self {
                self.core.set_base_url(base_url);
                self
            }

            /// Sends through `http` instead of the client's own: for your own timeouts, proxy or
            /// connection pool. Its settings replace the defaults (timeouts, `User-Agent`,
            /// redirects).
            pub fn with_http_client(mut self, http: #krate::reqwest::Client) -> Self {
                self.core.set_http_client(http);
                self
            }

            /// When failed calls are tried again; see `RetryPolicy`.
            pub fn with_retry_policy(mut self, policy: #rt::RetryPolicy) -> Self {
                self.core.set_retry_policy(policy);
                self
            }

            /// The total time one attempt may take (connecting, sending, reading the answer); it
            /// overrides the `reqwest::Client`'s. Default: 30 s.
            pub fn with_timeout(mut self, timeout: #rt::Duration) -> Self {
                self.core.set_timeout(timeout);
                self
            }

            /// The most time one call may take in all: the token fetch, every attempt and every
            /// wait between attempts. A call still going then ends with a timeout
            /// `Error::Transport`; a retry whose wait would end past it is not begun.
            /// Default: **60 s**.
            pub fn with_total_timeout(mut self, total: #rt::Duration) -> Self {
                self.core.set_total_timeout(total);
                self
            }

            /// The most bytes of one answer the client reads. The client stops reading an answer
            /// as soon as it is over the limit (or announces a larger `Content-Length`), and the
            /// call ends with an `Error::Decode` whose `too_large` says the limit and how much
            /// arrived; so memory stays near the limit whatever a server sends.
            /// Default: **8 MiB**.
            pub fn with_body_limit(mut self, bytes: usize) -> Self {
                self.core.set_body_limit(bytes);
                self
            }

            /// Allows a base URL of plain `http://` to another machine. Without it such a call is
            /// refused before anything is sent, because the access token (and, for a client built
            /// from app credentials, the app secret) would cross the network unencrypted. Plain
            /// `http://` to this machine (`localhost`, `127.0.0.1`, `[::1]`) is always allowed.
            pub fn allow_insecure_http(mut self) -> Self {
                self.core.allow_insecure_http();
                self
            }

            /// Keeps the client's tokens and rate budgets in `store`: a `group_api::MemoryStore`
            /// shared by several clients in one process, or a `group_api::RedisStore` (feature
            /// `redis`) shared by every instance of a fleet: one token fetch per app for all of
            /// them, and one budget per documented rate limit. Default: a store in process memory
            /// of the client's own (shared by its clones).
            pub fn with_store(mut self, store: impl #rt::Into<#rt::Store>) -> Self {
                self.core.set_store(store.into());
                self
            }

            /// How the client keeps to the rate limits its spec files document (on by default:
            /// a call waits for its slot, up to 30 s, then fails with `Error::RateLimited`);
            /// `RateLimits::off()` turns them off. See `RateLimits`.
            pub fn with_rate_limits(mut self, limits: #rt::RateLimits) -> Self {
                self.core.set_rate_limits(limits);
                self
            }

            /// The rate limits in force.
            pub fn rate_limits(&self) -> &#rt::RateLimits {
                self.core.rate_limits()
            }

            /// The retry policy in force.
            pub fn retry_policy(&self) -> &#rt::RetryPolicy {
                self.core.retry_policy()
            }

            /// Sends any request of this platform and returns the typed answer; the generated
            /// methods (one per endpoint) call this, and an endpoint that exists only as a spec
            /// file of this platform is sent the same way. A request of another platform, or a
            /// JS-SDK request, does not compile.
            pub async fn send<R>(
                &self,
                request: &R,
            ) -> #rt::Result<R::Response, #rt::Error<R::Error>>
            where
                R: #rt::HttpEndpoint<Platform = Platform>,
            {
                self.core.send(request).await
            }

            /// Every entry of a list endpoint, across its pages, as a `futures::Stream`. The first
            /// request is `request`; each next one is `request` with the cursor the last answer
            /// gave. A page is fetched only when the stream is polled past the entries already
            /// fetched, so nothing is sent before the first poll. The stream ends after the last
            /// page (`has_more` false, no cursor, an empty cursor, or a cursor handed out before);
            /// a page that fails yields the endpoint's typed error and ends it.
            pub fn paginate<'a, R>(
                &'a self,
                request: &R,
            ) -> impl #rt::Stream<Item = #rt::Result<R::Item, #rt::Error<R::Error>>> + 'a
            where
                R: #rt::HttpEndpoint<Platform = Platform> + #rt::Paginated,
            {
                #rt::pages(#rt::Clone::clone(request), move |request: R| async move {
                    self.send(&request).await
                })
            }
        }

        impl #rt::fmt::Debug for #client {
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                self.core.fmt_debug(#debug_name, f)
            }
        }

        /// The platform's HTTP APIs, for their default hosts (shown in `Debug`).
        const __CLIENT_APIS: &[&#rt::ApiInfo] = &[#(&#apis),*];

        #issue
    }
}

fn from_app_credentials(
    platform: &PlatformSpec,
    token: &TokenSpec,
    rt: &TokenStream,
) -> TokenStream {
    let display = platform.display_name();
    let doc = docs::doc(&format!(
        "A client that gets its tokens with an app's credentials: `id` goes into `{id}` and \
         `secret` into `{secret}` of the token endpoint `{endpoint}`, called on the client's host.\n\n\
         The token is fetched at the first call that needs one and shared by every call (and every \
         clone of the client); it is refreshed a margin before the lifetime {display} announces \
         (`TokenRefresh`), by one fetch however many calls find it stale. Make one client per app \
         and clone it, rather than building a client per call: the platforms throttle token calls. \
         A token {display} refuses is replaced and the call sent once more. A token endpoint that \
         refuses the credentials, cannot be reached or cannot even be asked (its request could not be \
         built) fails the call with `Error::Token`. The \
         secret never appears in `Debug`, `Display` or errors.\n\n\
         # Panics\n\nWhen the TLS backend cannot be initialised, as `reqwest::Client::new` does.",
        id = token.id,
        secret = token.secret,
        endpoint = token.endpoint,
    ));
    quote! {
        #doc
        pub fn from_app_credentials(
            id: impl #rt::Into<#rt::String>,
            secret: impl #rt::Into<#rt::String>,
        ) -> Self {
            let app = #rt::AppCredentials::new(id, secret);
            Self {
                core: #rt::HttpCore::with_app_credentials(#display, app, __issue_token, __CLIENT_APIS),
            }
        }
    }
}

/// `__issue_token`: builds the token endpoint's request from the credentials and reads the token
/// and its lifetime from the answer, by the fields the platform file names.
fn issue_fn(
    platform: &PlatformSpec,
    token: &TokenSpec,
    endpoint: &EndpointSpec,
    rt: &TokenStream,
) -> TokenStream {
    let request = format_ident!("{}Request", crate::names::upper_camel(&endpoint.name));
    let request_field = |name: &str| {
        let field = endpoint
            .request
            .all()
            .map(|(_, f)| f)
            .find(|f| f.name == name);
        format_ident!(
            "{}",
            field.map_or_else(|| name.to_owned(), Field::member_name)
        )
    };
    let response_field = |name: &str| {
        let field = endpoint.response.iter().find(|f| f.name == name);
        format_ident!(
            "{}",
            field.map_or_else(|| name.to_owned(), Field::member_name)
        )
    };
    let (id, secret) = (request_field(&token.id), request_field(&token.secret));
    let token_member = response_field(&token.token);
    // `token_lifetime` reads the answer's lifetime field into an `Option` of its own.
    let lifetime = match &token.expires_in {
        Some(name) => {
            let member = response_field(name);
            quote!(#rt::TokenLifetime::token_lifetime(response.#member))
        }
        None => quote!(#rt::None),
    };
    let (display, token_wire) = (platform.display_name(), &token.token);
    quote! {
        /// Exchanges an app's credentials for a token at the platform's token endpoint.
        fn __issue_token<'a>(
            core: &'a #rt::HttpCore,
            app: &'a #rt::AppCredentials,
        ) -> #rt::IssueFuture<'a> {
            let request = #request::builder().#id(app.key()).#secret(app.secret()).build();
            #rt::Box::pin(#rt::exchange(core, #display, #token_wire, request, |response| {
                (#rt::TokenText::token_text(response.#token_member), #lifetime)
            }))
        }
    }
}

/// The client's rustdoc: what the platform file says about the platform and each API.
fn client_doc(platform: &PlatformSpec, client: &Ident, token: Option<&TokenSpec>) -> String {
    let display = platform.display_name();
    let mut text = format!(
        "Typed calls to {}, with an access token given or fetched.\n\n",
        platform.title
    );
    if !platform.summary.is_empty() {
        text.push_str(&format!("{}\n\n", platform.summary));
    }
    text.push_str(&format!(
        "Each endpoint has a method named after it, generated from its spec file; \
         [`send`]({client}::send) takes any {display} request, so an endpoint added as a spec file \
         needs no new Rust code. Where the token goes and how an answer is read come from the \
         endpoint's API, in the platform file:\n\n\
         | API | token | success | failure |\n| --- | --- | --- | --- |\n"
    ));
    for api in platform
        .apis
        .iter()
        .filter(|a| a.transport == ApiTransport::Http)
    {
        text.push_str(&api_row(api));
    }
    text.push_str(&format!(
        "\nErrors arrive as the endpoint's error enum inside `Error::Api`, with the HTTP status and \
         the request id; the platform-wide errors (tokens, rate limits, quotas) are its \
         `Platform(..)` variant on every endpoint.\n\n\
         The token is one you give ([`new`]({client}::new)), one from a `TokenSource` you write \
         ([`from_token_source`]({client}::from_token_source))"
    ));
    match token {
        Some(token) => text.push_str(&format!(
            ", or one the client fetches with an app's credentials \
             ([`from_app_credentials`]({client}::from_app_credentials): `{}`, cached and refreshed \
             before it expires). When {display} refuses a token the client can replace, it gets a \
             new one and sends the call once more.\n\n",
            token.endpoint
        )),
        None => text.push_str(".\n\n"),
    }
    text.push_str(
        "Defaults: connect timeout 10 s, 30 s per attempt, 60 s per call in all (token fetch, \
         attempts and waits), answers read up to 8 MiB, `User-Agent: group-api/<version>`, no \
         redirects, plain `http://` only to this machine, and `RetryPolicy::default` (3 attempts \
         for retryable failures; a `POST` is sent again only when the failure shows it was not \
         carried out), the rate limits of the spec files kept (`RateLimits::default`), tokens and \
         budgets in process memory (`with_store` shares them). Neither the token nor an app secret \
         appears in `Debug`, `Display` or error messages, even where an API carries the token in \
         the URL. Cloning is cheap: clones share the connection pool, the token cache and the rate \
         budgets.",
    );
    text
}

/// One row of the client's API table.
fn api_row(api: &ApiSpec) -> String {
    let title = if api.title.is_empty() {
        api.name.clone()
    } else {
        format!("{} (`{}`)", api.title, api.name)
    };
    let token = match &api.auth {
        Auth::Header(name) => format!("header `{name}`"),
        Auth::Bearer => "`Authorization: Bearer <token>`".to_owned(),
        Auth::Query(name) => format!("query `{name}`"),
        Auth::JsSession | Auth::None => "none".to_owned(),
    };
    let (success, failure) = match &api.envelope {
        Envelope::HttpStatus { code, .. } => (
            "HTTP 2xx; the body is the response".to_owned(),
            format!("any other status; the code in `{}`", code.join("` or `")),
        ),
        Envelope::CodeField { code, success, .. } => (
            format!("`{}` {success}", code.join("` or `")),
            "any other code, whatever the status".to_owned(),
        ),
        Envelope::JsErrMsg => ("`<api>:ok`".to_owned(), "`<api>:fail <reason>`".to_owned()),
    };
    format!("| {title} | {token} | {success} | {failure} |\n")
}
