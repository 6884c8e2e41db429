//! dingtalk endpoints, generated from `spec/dingtalk*.json`, and the [`Client`] that sends them.

use std::fmt;
use std::time::Duration;

use crate::endpoint::Endpoint;
use crate::failure::Error;
use crate::http::{HttpCore, RetryPolicy};

::group_api_macros::endpoints!(dir = "spec", platform = "dingtalk", client = Client);

/// Typed calls to DingTalk, new style (`api.dingtalk.com`, `/v1.0/…`) and old style
/// (`oapi.dingtalk.com`, `/topapi/…`), with one access token.
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
/// Defaults: connect timeout 10 s, total timeout 30 s per attempt, `User-Agent: group-api/<version>`,
/// no redirects, and [`RetryPolicy::default`] (3 attempts for retryable failures). The token never
/// appears in `Debug`, `Display` or error messages, even though the old-style API carries it in
/// the URL. Cloning is cheap: clones share the connection pool.
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
#[derive(Clone)]
pub struct Client {
    core: HttpCore,
}

impl Client {
    /// A client that sends `access_token` with every call, to DingTalk's production hosts.
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn new(access_token: impl Into<String>) -> Self {
        Self {
            core: HttpCore::new(access_token, &[&V1_API, &TOPAPI_API]),
        }
    }

    /// Sends every call, new and old style, to `base_url` instead of DingTalk's hosts (a local
    /// test server, a proxy, a private deployment). The endpoint's path is appended to it.
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

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt_debug("dingtalk::Client", f)
    }
}
