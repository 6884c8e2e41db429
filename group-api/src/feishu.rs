//! feishu endpoints, generated from `spec/feishu*.json`, and the [`Client`] that sends them.

use std::fmt;
use std::time::Duration;

use crate::endpoint::Endpoint;
use crate::failure::Error;
use crate::http::{HttpCore, RetryPolicy};

::group_api_macros::endpoints!(dir = "spec", platform = "feishu", client = Client);

/// Typed calls to the Feishu open platform (`open.feishu.cn`, `/open-apis/…`) with a
/// `tenant_access_token`.
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
/// For Lark (the international service) use
/// `.with_base_url("https://open.larksuite.com")`: the paths are the same.
///
/// Defaults: connect timeout 10 s, total timeout 30 s per attempt, `User-Agent: group-api/<version>`,
/// no redirects, and [`RetryPolicy::default`] (3 attempts for retryable failures). The token never
/// appears in `Debug`, `Display` or error messages. Cloning is cheap: clones share the connection
/// pool.
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
#[derive(Clone)]
pub struct Client {
    core: HttpCore,
}

impl Client {
    /// A client that sends `access_token` (a `tenant_access_token`) with every call, to
    /// `https://open.feishu.cn`.
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn new(access_token: impl Into<String>) -> Self {
        Self {
            core: HttpCore::new(access_token, &[&OPEN_API_API]),
        }
    }

    /// Sends every call to `base_url` instead of `https://open.feishu.cn` (Lark, a local test
    /// server, a proxy). The endpoint's path is appended to it.
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

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt_debug("feishu::Client", f)
    }
}
