//! feishu endpoints, generated from `spec/feishu*.json`, and the [`Client`] that sends them.

#[cfg(feature = "http")]
use std::fmt;
#[cfg(feature = "http")]
use std::sync::Arc;
#[cfg(feature = "http")]
use std::time::Duration;

#[cfg(feature = "http")]
use crate::endpoint::Endpoint;
#[cfg(feature = "http")]
use crate::failure::Error;
#[cfg(feature = "http")]
use crate::http::{
    AppCredentials, HttpCore, IssueFuture, RetryPolicy, TokenRefresh, TokenSource, exchange,
};

#[cfg(feature = "http")]
::group_api_macros::endpoints!(dir = "spec", platform = "feishu", client = Client);
#[cfg(not(feature = "http"))]
::group_api_macros::endpoints!(dir = "spec", platform = "feishu");

/// Typed calls to the Feishu open platform (`open.feishu.cn`, `/open-apis/…`) with a
/// `tenant_access_token`, given or fetched.
///
/// Each endpoint has a method named after it (`update_user_group`), generated from its spec file;
/// [`send`](Client::send) takes any Feishu request, so an endpoint added as a spec file needs no
/// new Rust code. The token goes in `Authorization: Bearer <token>`. Every answer is
/// `{code, msg, data}`: `code` 0 is success, any other code is the endpoint's error enum inside
/// [`Error::Api`] whatever the HTTP status, and the body is read on 4xx and 5xx too. The request id
/// is the `X-Tt-Logid` header (else `X-Request-Id`); Feishu support asks for it. The platform-wide
/// errors (rate limit `99991400`, invalid tokens) are the `Platform(..)` variant on every endpoint;
/// a rate limit is retried after the `x-ogw-ratelimit-reset` seconds Feishu asks for.
///
/// The token is one you give ([`Client::new`]), one the client fetches with a self-built app's id
/// and secret ([`Client::from_app_credentials`]:
/// `POST /open-apis/auth/v3/tenant_access_token/internal`, cached and refreshed before `expire`,
/// see [`TokenRefresh`]), or one from a [`TokenSource`] you write ([`Client::from_token_source`]).
/// When Feishu refuses a token it can replace (`99991663`, `99991664`, `99991671`), the client
/// gets a new one and sends the call once more.
///
/// For Lark (the international service) use
/// `.with_base_url("https://open.larksuite.com")`: the paths are the same.
///
/// Defaults: connect timeout 10 s, 30 s per attempt, 60 s per call in all (token fetch, attempts
/// and waits: [`with_total_timeout`](Client::with_total_timeout)), answers read up to 8 MiB
/// ([`with_body_limit`](Client::with_body_limit)), `User-Agent: group-api/<version>`, no
/// redirects, plain `http://` only to this machine
/// ([`allow_insecure_http`](Client::allow_insecure_http)), and [`RetryPolicy::default`] (3
/// attempts for retryable failures; a `POST` is sent again only when the failure shows it was
/// not carried out). Neither the token
/// nor the app secret appears in `Debug`, `Display` or error messages. Cloning is cheap: clones
/// share the connection pool and the token cache.
///
/// ```no_run
/// use group_api::feishu::{Client, UpdateUserGroupError, UpdateUserGroupRequest};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = Client::new(std::env::var("FEISHU_TENANT_ACCESS_TOKEN")?);
/// let request = UpdateUserGroupRequest::builder()
///     .group_id("g187131")
///     .name("外包 IT 用户组")
///     .build()?;
/// match client.update_user_group(&request).await {
///     Ok(response) => println!("updated: code {:?}", response.code),
///     Err(group_api::Error::Api(failure)) => match failure.error {
///         UpdateUserGroupError::DuplicatedName => println!("that name is taken"),
///         other => println!("refused: {other} (log id {:?})", failure.request_id),
///     },
///     Err(other) => return Err(other.into()),
/// }
/// # Ok(())
/// # }
/// ```
#[cfg(feature = "http")]
#[derive(Clone)]
pub struct Client {
    core: HttpCore,
}

#[cfg(feature = "http")]
impl Client {
    /// A client that sends `access_token` (a `tenant_access_token`) with every call, to
    /// `https://open.feishu.cn`.
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn new(access_token: impl Into<String>) -> Self {
        Self {
            core: HttpCore::with_fixed_token(access_token, APIS),
        }
    }

    /// A client that gets its `tenant_access_token`s with a self-built app's `app_id` and
    /// `app_secret`, from `POST /open-apis/auth/v3/tenant_access_token/internal` on the client's
    /// host.
    ///
    /// The token is fetched at the first call and shared by every call (and every clone of the
    /// client); it is refreshed a margin before the `expire` Feishu announces ([`TokenRefresh`]),
    /// by one fetch however many calls find it stale. Feishu hands out a new token once less than
    /// 30 minutes remain, and the old one stays valid until it expires. A token Feishu refuses is
    /// replaced and the call sent once more. A token endpoint that refuses the credentials or
    /// cannot be reached fails the call with [`Error::Token`]. The secret never appears in
    /// `Debug`, `Display` or errors.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use group_api::feishu::{Client, UpdateUserGroupRequest};
    ///
    /// let client = Client::from_app_credentials(
    ///     std::env::var("FEISHU_APP_ID")?,
    ///     std::env::var("FEISHU_APP_SECRET")?,
    /// );
    /// let request = UpdateUserGroupRequest::builder().group_id("g187131").name("外包 IT 用户组").build()?;
    /// match client.update_user_group(&request).await {
    ///     Err(group_api::Error::Token(error)) => eprintln!("no token: {error}"),
    ///     other => println!("{:?}", other.map(|response| response.code)),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn from_app_credentials(app_id: impl Into<String>, app_secret: impl Into<String>) -> Self {
        let app = AppCredentials::new(app_id, app_secret);
        Self {
            core: HttpCore::with_app_credentials(PLATFORM, app, issue_token, APIS),
        }
    }

    /// A client that asks `source` for the token of each call: a token kept in a cache you share
    /// between processes, say. A shared client's source ([`token_source`](Self::token_source))
    /// makes two clients share one token cache.
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn from_token_source(source: impl TokenSource + 'static) -> Self {
        Self {
            core: HttpCore::new(Arc::new(source), APIS),
        }
    }

    /// When a client built by [`from_app_credentials`](Self::from_app_credentials) refreshes its
    /// token; see [`TokenRefresh`]. Other clients are not changed.
    pub fn with_token_refresh(mut self, refresh: TokenRefresh) -> Self {
        self.core.set_token_refresh(refresh);
        self
    }

    /// Where the client's tokens come from: a fixed token, its app-credentials source, or the
    /// source it was given.
    pub fn token_source(&self) -> Arc<dyn TokenSource> {
        self.core
            .token_source()
            .expect("a client always has a token source")
    }

    /// Sends every call to `base_url` instead of `https://open.feishu.cn` (Lark, a local test
    /// server, a proxy). The endpoint's path is appended to it.
    ///
    /// A client built from app credentials fetches its tokens there too. Changing this or any
    /// other setting gives such a client a token cache of its own, apart from its clones'.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.core.set_base_url(base_url);
        self
    }

    /// Sends through `http` instead of the client's own: for your own timeouts, proxy or
    /// connection pool. Its settings replace the defaults (timeouts, `User-Agent`, redirects).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.core.set_http_client(http);
        self
    }

    /// When failed calls are tried again; see [`RetryPolicy`].
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.core.set_retry_policy(policy);
        self
    }

    /// The total time one attempt may take (connecting, sending, reading the answer); it
    /// overrides the `reqwest::Client`'s.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.core.set_timeout(timeout);
        self
    }

    /// The most time one call may take in all: the token fetch, every attempt and every wait
    /// between attempts. A call still going then ends with a timeout [`Error::Transport`]; a
    /// retry whose wait would end past it is not begun. Default: **60 s**.
    pub fn with_total_timeout(mut self, total: Duration) -> Self {
        self.core.set_total_timeout(total);
        self
    }

    /// The most bytes of one answer the client reads. The client stops reading an answer as soon
    /// as it is over the limit (or announces a larger `Content-Length`), and the call ends with an
    /// [`Error::Decode`] whose `too_large` says the limit and how much arrived; so memory stays
    /// near the limit whatever a server sends. Default: **8 MiB**.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.core.set_body_limit(bytes);
        self
    }

    /// Allows a base URL of plain `http://` to another machine. Without it such a call is refused
    /// before anything is sent, because the access token (and, for a client built from app
    /// credentials, the app secret) would cross the network unencrypted. Plain `http://` to this
    /// machine (`localhost`, `127.0.0.1`, `[::1]`) is always allowed.
    pub fn allow_insecure_http(mut self) -> Self {
        self.core.allow_insecure_http();
        self
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        self.core.retry_policy()
    }

    /// Sends any Feishu request and returns the typed answer; the generated methods
    /// (`update_user_group`, ...) call this.
    ///
    /// A request of another platform does not compile:
    ///
    /// ```compile_fail
    /// # async fn wrong(client: group_api::feishu::Client, request: group_api::dingtalk::UpdateGroupNickRequest) {
    /// let _ = client.send(&request).await;
    /// # }
    /// ```
    pub async fn send<R>(&self, request: &R) -> Result<R::Response, Error<R::Error>>
    where
        R: Endpoint<Platform = Platform>,
    {
        self.core.send(request).await
    }
}

#[cfg(feature = "http")]
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt_debug("feishu::Client", f)
    }
}

/// The platform's name in token errors.
#[cfg(feature = "http")]
const PLATFORM: &str = "Feishu";

/// The open API: its default host shows in `Debug`.
#[cfg(feature = "http")]
const APIS: &[&crate::ApiInfo] = &[&OPEN_API_API];

/// Exchanges the app's id and secret for a `tenant_access_token`.
#[cfg(feature = "http")]
fn issue_token<'a>(core: &'a HttpCore, app: &'a AppCredentials) -> IssueFuture<'a> {
    let request = GetTenantAccessTokenRequest::builder()
        .app_id(app.key())
        .app_secret(app.secret())
        .build();
    Box::pin(exchange(
        core,
        PLATFORM,
        "tenant_access_token",
        request,
        |r| (r.tenant_access_token, r.expire),
    ))
}
