//! dingtalk endpoints, generated from `spec/dingtalk*.json`, and the [`Client`] that sends them.

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
::group_api_macros::endpoints!(dir = "spec", platform = "dingtalk", client = Client);
#[cfg(not(feature = "http"))]
::group_api_macros::endpoints!(dir = "spec", platform = "dingtalk");

/// Typed calls to DingTalk, new style (`api.dingtalk.com`, `/v1.0/…`) and old style
/// (`oapi.dingtalk.com`, `/topapi/…`), with an access token given or fetched.
///
/// Each endpoint has a method named after it (`update_group`, `update_group_nick`), generated
/// from its spec file; [`send`](Client::send) takes any DingTalk request, so an endpoint added as
/// a spec file needs no new Rust code. Where the token goes and how an answer is read come from
/// the endpoint's API:
///
/// | API | token | success | failure |
/// | --- | --- | --- | --- |
/// | new style (`v1`) | header `x-acs-dingtalk-access-token` | HTTP 2xx, the body is the response | any other status; `{code, message, requestid}` |
/// | old style (`topapi`) | query `access_token` | `errcode` 0 | `errcode` ≠ 0, even with HTTP 200; `{errcode, errmsg, request_id}` |
///
/// Both answer errors as the endpoint's error enum inside [`Error::Api`], with the HTTP status and
/// the request id; the platform-wide errors (invalid token, QPS limits, monthly quota) are its
/// `Platform(..)` variant on every endpoint. DingTalk's per-IP block (`{"status": 1111, "wait": 5}`,
/// no error code) is an [`Error::Decode`] whose `retry_after` is the five minutes to wait; it is
/// not retried.
///
/// The token is one you give ([`Client::new`]), one the client fetches with an internal app's key
/// and secret ([`Client::from_app_credentials`]: `POST /v1.0/oauth2/accessToken`, cached and
/// refreshed before `expireIn`, see [`TokenRefresh`]), or one from a [`TokenSource`] you write
/// ([`Client::from_token_source`]). The client sends that one token with both styles. When
/// DingTalk refuses a token it can replace (`InvalidAuthentication`, `40014`), the client gets a
/// new one and sends the call once more.
///
/// Defaults: connect timeout 10 s, 30 s per attempt, 60 s per call in all (token fetch, attempts
/// and waits: [`with_total_timeout`](Client::with_total_timeout)), answers read up to 8 MiB
/// ([`with_body_limit`](Client::with_body_limit)), `User-Agent: group-api/<version>`, no
/// redirects, plain `http://` only to this machine
/// ([`allow_insecure_http`](Client::allow_insecure_http)), and [`RetryPolicy::default`] (3
/// attempts for retryable failures; a `POST` is sent again only when the failure shows it was
/// not carried out). Neither the token
/// nor the app secret appears in `Debug`, `Display` or error messages, even though the old-style
/// API carries the token in the URL. Cloning is cheap: clones share the connection pool and the
/// token cache.
///
/// ```no_run
/// use group_api::dingtalk::{Client, UpdateGroupError, UpdateGroupRequest};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let client = Client::new(std::env::var("DINGTALK_ACCESS_TOKEN")?);
/// let request = UpdateGroupRequest::builder().chatid("chatxxxx").name("全员群").build()?;
/// match client.update_group(&request).await {
///     Ok(response) => println!("updated: {:?}", response.success),
///     Err(group_api::Error::Api(failure)) => match failure.error {
///         UpdateGroupError::OwnerNotVisibleToApp => println!("the owner is outside the app's visibility"),
///         other => println!("refused: {other} (request id {:?})", failure.request_id),
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
    /// A client that sends `access_token` with every call, to DingTalk's production hosts.
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn new(access_token: impl Into<String>) -> Self {
        Self {
            core: HttpCore::with_fixed_token(access_token, APIS),
        }
    }

    /// A client that gets its tokens with an internal app's `AppKey` and `AppSecret`, from
    /// `POST /v1.0/oauth2/accessToken` on the client's host.
    ///
    /// The token is fetched at the first call that needs one and shared by every call (and every
    /// clone of the client); it is refreshed a margin before the `expireIn` DingTalk announces
    /// ([`TokenRefresh`]), by one fetch however many calls find it stale. DingTalk asks callers to
    /// cache tokens per app and throttles frequent token calls: make one client per app and clone
    /// it, rather than building a client per call. A token DingTalk refuses is replaced and the
    /// call sent once more. A token endpoint that refuses the credentials or cannot be reached
    /// fails the call with [`Error::Token`]. The secret never appears in `Debug`, `Display` or
    /// errors.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use group_api::dingtalk::{Client, UpdateGroupRequest};
    ///
    /// let client = Client::from_app_credentials(
    ///     std::env::var("DINGTALK_APP_KEY")?,
    ///     std::env::var("DINGTALK_APP_SECRET")?,
    /// );
    /// let request = UpdateGroupRequest::builder().chatid("chatxxxx").name("全员群").build()?;
    /// match client.update_group(&request).await {
    ///     Err(group_api::Error::Token(error)) => eprintln!("no token: {error}"),
    ///     other => println!("{:?}", other.map(|response| response.success)),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn from_app_credentials(app_key: impl Into<String>, app_secret: impl Into<String>) -> Self {
        let app = AppCredentials::new(app_key, app_secret);
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

    /// Sends every call, new and old style, to `base_url` instead of DingTalk's hosts (a local
    /// test server, a proxy, a private deployment). The endpoint's path is appended to it.
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

    /// Sends any DingTalk request and returns the typed answer; the generated methods
    /// (`update_group`, ...) call this.
    ///
    /// A request of another platform does not compile:
    ///
    /// ```compile_fail
    /// # async fn wrong(client: group_api::dingtalk::Client, request: group_api::feishu::UpdateUserGroupRequest) {
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
        self.core.fmt_debug("dingtalk::Client", f)
    }
}

/// The platform's name in token errors.
#[cfg(feature = "http")]
const PLATFORM: &str = "DingTalk";

/// Both APIs: their default hosts show in `Debug`.
#[cfg(feature = "http")]
const APIS: &[&crate::ApiInfo] = &[&V1_API, &TOPAPI_API];

/// Exchanges the app's key and secret for a token at the new-style endpoint. Its token serves the
/// old-style API too, so a client needs one token, not one per style.
#[cfg(feature = "http")]
fn issue_token<'a>(core: &'a HttpCore, app: &'a AppCredentials) -> IssueFuture<'a> {
    let request = GetAccessTokenRequest::builder()
        .app_key(app.key())
        .app_secret(app.secret())
        .build();
    Box::pin(exchange(core, PLATFORM, "accessToken", request, |r| {
        (r.access_token, r.expire_in)
    }))
}
