//! Where a client's access token comes from: the [`TokenSource`] trait, the fixed token
//! `Client::new(token)` uses, and [`TokenError`], what a source says when it has no token to give.
//!
//! The client asks its source for a token before every call that needs one. When the server
//! refuses the token (the spec's `token_rejected` rows: DingTalk `InvalidAuthentication` and
//! `40014`, Feishu `99991663`, `99991664`, `99991671`) and the source is refreshable, the client
//! hands the refused token back through [`TokenSource::invalidate`], asks again, and sends the call
//! once more with the new token; a second refusal is the caller's. A fixed token is never
//! refreshed: its refusal goes straight to the caller.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::redact::AccessToken;
use crate::api_error::{ApiError, ErrorCategory};
use crate::error::Error;

/// What [`TokenSource::token`] returns: a boxed future, so that a client can hold any source as
/// `Arc<dyn TokenSource>`.
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, TokenError>> + Send + 'a>>;

/// Hands a client the access token for its next call.
///
/// group-api has two: [`FixedToken`], what `Client::new(token)` uses, and the app-credentials
/// source of `Client::from_app_credentials(key, secret)`, which fetches tokens from the
/// platform's token endpoint, caches them, and refreshes them before they expire. Write your own
/// for a token kept elsewhere (a cache shared by several processes, a secrets service) and give it
/// to `Client::from_token_source`.
///
/// The trait is object-safe (`token` returns a boxed future rather than being an `async fn`) so
/// that a client is one type whatever its source: the generated methods (`update_group`, ...) are
/// written once for it, and a source is chosen at run time. One allocation per call is nothing next
/// to an HTTP round trip.
///
/// ```
/// use std::sync::{Arc, RwLock};
/// use group_api::{AccessToken, TokenError, TokenFuture, TokenSource};
///
/// /// A token another task keeps up to date.
/// #[derive(Debug)]
/// struct Shared(Arc<RwLock<Option<AccessToken>>>);
///
/// impl TokenSource for Shared {
///     fn token(&self) -> TokenFuture<'_> {
///         let token = self.0.read().unwrap().clone();
///         Box::pin(async move { token.ok_or_else(|| TokenError::new("no token has been stored yet")) })
///     }
/// }
///
/// let cell = Arc::new(RwLock::new(Some(AccessToken::new("t-7f1bcd13fc57d46bac21793a18e560"))));
/// let client = group_api::feishu::Client::from_token_source(Shared(cell));
/// assert!(!format!("{client:?}").contains("t-7f1b"));
/// ```
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// The token for the next call. Called before every call that needs one, so it should be
    /// cheap when it has a token at hand; callers that arrive while a token is being fetched
    /// should wait for that fetch rather than start their own.
    fn token(&self) -> TokenFuture<'_>;

    /// The server refused `rejected`: forget it, so that the next [`token`](Self::token) gets a
    /// new one. A source that still holds a newer token than `rejected` keeps it. Does nothing by
    /// default.
    fn invalidate(&self, rejected: &AccessToken) {
        let _ = rejected;
    }

    /// Whether asking again after [`invalidate`](Self::invalidate) can give a different token, so
    /// that a refused call is worth sending once more. `true` by default; a fixed token says
    /// `false`. Whatever this says, a call is not sent again with the token it was refused with.
    fn is_refreshable(&self) -> bool {
        true
    }
}

impl<T: TokenSource + ?Sized> TokenSource for Arc<T> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }

    fn invalidate(&self, rejected: &AccessToken) {
        (**self).invalidate(rejected);
    }

    fn is_refreshable(&self) -> bool {
        (**self).is_refreshable()
    }
}

/// One token for every call, as given: what `Client::new(token)` uses. It is never refreshed, so a
/// refused token is the caller's to replace.
#[derive(Clone, Debug)]
pub struct FixedToken(AccessToken);

impl FixedToken {
    /// A source that always hands out `token`.
    pub fn new(token: impl Into<String>) -> Self {
        Self(AccessToken::new(token))
    }
}

impl TokenSource for FixedToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(std::future::ready(Ok(token)))
    }

    fn is_refreshable(&self) -> bool {
        false
    }
}

/// What kind of failure kept a token source from handing out a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenErrorKind {
    /// The token endpoint answered with an error: a wrong app key or secret, a rate limit on
    /// token calls.
    Refused,
    /// The token endpoint could not be reached: connection refused, timeout.
    Unreachable,
    /// The call to the token endpoint could not be built, so nothing was sent: no host, plain
    /// `http://` to another machine (see [`Error::Request`](crate::Error::Request)).
    NotSent,
    /// The token endpoint's answer could not be read, or carried no token (or one that cannot be
    /// sent).
    Unreadable,
    /// The token endpoint failed on its side (HTTP 5xx): a later call may get a token.
    ServerError,
    /// A token source written outside group-api failed.
    Source,
}

/// A token source had no token to give, so the call was not sent.
///
/// For the app-credentials source the message names the platform and the token endpoint, and says
/// what went wrong there: the endpoint's typed error for a refusal (the platform's own code and
/// message), or the transport or decode error. [`source`](std::error::Error::source) is that
/// `group_api::Error` of the token endpoint (`group_api::Error<dingtalk::GetAccessTokenError>` or
/// `group_api::Error<feishu::GetTenantAccessTokenError>`), for a caller who wants to
/// `downcast_ref` it. Neither holds the app secret nor any token: the
/// secret is scrubbed from every message, and the body of an unreadable answer, which could hold a
/// fresh token, is withheld.
#[derive(Clone, Debug)]
pub struct TokenError {
    kind: TokenErrorKind,
    message: String,
    retryable: bool,
    status: Option<u16>,
    request_id: Option<String>,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl TokenError {
    /// A failure of your own token source, explained by `message` (which must not contain the
    /// token or any secret).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            kind: TokenErrorKind::Source,
            message: message.into(),
            retryable: false,
            status: None,
            request_id: None,
            source: None,
        }
    }

    /// The error that caused this one.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// Marks the failure as worth another try later (a service that was briefly unreachable).
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> TokenErrorKind {
        self.kind
    }

    /// What went wrong, without the `could not get an access token` preamble of `Display`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status of the token endpoint's answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The request id the token endpoint gave its answer, when it gave one (for support).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Whether a later call can get a token: the token endpoint was unreachable, failed, or
    /// limited the rate of token calls. A refused secret is not retryable.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// The failure of a call to a platform's token endpoint (`what`: `POST /v1.0/oauth2/accessToken`),
    /// for the app-credentials source. `platform` is the platform's name as users know it
    /// (`DingTalk`).
    pub(crate) fn from_token_endpoint<E: ApiError>(
        platform: &str,
        what: &str,
        error: Error<E>,
    ) -> Self {
        let retryable = error.is_retryable();
        let status = error.status();
        let request_id = error.request_id().map(str::to_owned);
        let server_failed = status.is_some_and(|status| status >= 500);
        let (kind, error) = match error {
            Error::Api(_) if server_failed => (TokenErrorKind::ServerError, error),
            Error::Api(_) | Error::Validation(_) => (TokenErrorKind::Refused, error),
            Error::Transport(_) => (TokenErrorKind::Unreachable, error),
            Error::Request(_) => (TokenErrorKind::NotSent, error),
            Error::Decode(mut decode) => {
                // A success body that is not the documented shape may still carry a token.
                decode.body_prefix =
                    "<withheld: a token endpoint's answer can carry a token>".into();
                let kind = if server_failed {
                    TokenErrorKind::ServerError
                } else {
                    TokenErrorKind::Unreadable
                };
                (kind, Error::Decode(decode))
            }
            other => (TokenErrorKind::Unreadable, other),
        };
        let mut message = format!("{platform} token endpoint {what}: {error}");
        let refused_credentials = kind == TokenErrorKind::Refused
            && !retryable
            && !matches!(
                error.api_error().and_then(ApiError::category),
                Some(ErrorCategory::QuotaExceeded)
            );
        if refused_credentials {
            message.push_str("; check the app key and secret");
        }
        Self {
            kind,
            message,
            retryable,
            status,
            request_id,
            source: Some(Arc::new(error)),
        }
    }

    /// A token endpoint answered success without a usable token.
    pub(crate) fn no_token(platform: &str, what: &str, field: &str) -> Self {
        Self {
            kind: TokenErrorKind::Unreadable,
            message: format!(
                "{platform} token endpoint {what}: the answer is a success but carries no `{field}`"
            ),
            retryable: false,
            status: None,
            request_id: None,
            source: None,
        }
    }

    /// A token endpoint issued a token that cannot be sent: it holds a line break or another
    /// control character, which no HTTP header can carry. It is not kept, so the next call asks
    /// again rather than failing locally for the token's whole lifetime.
    pub(crate) fn unusable_token(platform: &str, what: &str, field: &str) -> Self {
        Self {
            kind: TokenErrorKind::Unreadable,
            message: format!(
                "{platform} token endpoint {what}: the `{field}` it issued holds a line break or \
                 another control character, which an HTTP header cannot carry; it was not used"
            ),
            retryable: true,
            status: None,
            request_id: None,
            source: None,
        }
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not get an access token: {}", self.message)
    }
}

impl std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}
