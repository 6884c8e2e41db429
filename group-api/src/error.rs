//! `group_api::Error<E>`: everything a call can end in besides success, with the endpoint's typed
//! error `E` for answers the server gave.

use std::fmt;
use std::time::Duration;

use crate::api_error::{ApiError, ErrorCategory};
#[cfg(feature = "http")]
use crate::http::{RateLimited, TokenError};
use crate::validate::ValidationError;

/// Why a call failed.
///
/// `E` is the endpoint's error enum (`UpdateGroupError`, ...). Match on [`Error::Api`] for what the
/// server answered; the accessors give the status, request id and retry advice whatever the kind.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error code (documented or not).
    Api(ApiFailure<E>),
    /// The request broke a documented constraint and was not sent.
    Validation(ValidationError),
    /// The request could not be built, so nothing left this machine: no host to send to, a URL
    /// or header value that cannot be sent, a body that cannot be written as JSON, plain
    /// `http://` to another machine, or a token that cannot go into a header.
    Request(RequestError),
    /// The request did not get an answer: connection refused, timeout, TLS, I/O.
    Transport(TransportError),
    /// The answer could not be read: not JSON, not the documented shape, or larger than the
    /// client's body limit. Boxed: it is large, and rare.
    Decode(Box<DecodeError>),
    /// The JS-SDK bridge the host provides failed to make the call.
    Bridge(BridgeError),
    /// The client's token source had no token for the call, so it was not sent: the platform's
    /// token endpoint refused the app credentials, could not be reached, failed on its side,
    /// answered unreadably, or its request could not be built (`TokenErrorKind::NotSent`).
    #[cfg(feature = "http")]
    Token(TokenError),
    /// The call was not sent: the client's rate budget had no slot for it within the time it
    /// waits (a documented limit used up, or a pause after the server's rate-limit answer). It
    /// says which limit, and [`retry_after`](Self::retry_after) when to try again.
    #[cfg(feature = "http")]
    RateLimited(RateLimited),
}

impl<E: ApiError> Error<E> {
    /// The endpoint's typed error, when the server answered with one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(failure) => Some(&failure.error),
            _ => None,
        }
    }

    /// The HTTP status of the answer, when there was one (for [`Error::Token`], the token
    /// endpoint's).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(failure) => failure.status,
            Error::Decode(decode) => decode.status,
            #[cfg(feature = "http")]
            Error::Token(token) => token.status(),
            _ => None,
        }
    }

    /// The request id the platform gave the call (for support tickets; for [`Error::Token`], the
    /// token endpoint's answer).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(failure) => failure.request_id.as_deref(),
            Error::Decode(decode) => decode.request_id.as_deref(),
            #[cfg(feature = "http")]
            Error::Token(token) => token.request_id(),
            _ => None,
        }
    }

    /// Whether the failure is a passing one, so that trying again later can help: a documented
    /// row marked retryable in the spec (system busy, rate limits, DingTalk's `system.error`), an
    /// undocumented code or unreadable answer with HTTP 5xx or 429, or a connection failure or
    /// timeout, or a call the client held back for its own rate budget (`Error::RateLimited`).
    /// Never validation, permission or quota errors.
    ///
    /// Passing is not the same as safe to repeat: after a timeout, an HTTP 5xx without a
    /// documented code or an unreadable answer, a write (`POST`, `PATCH`) may have been carried
    /// out. The clients never send such a call again themselves (see [`RetryPolicy`]); a caller
    /// that retries on its own should apply the same rule, or first check whether the write took
    /// effect.
    ///
    /// [`RetryPolicy`]: crate::RetryPolicy
    pub fn is_retryable(&self) -> bool {
        match self {
            // The spec is the one source of truth for a documented row (its `retryable` follows
            // the page: Feishu's internal error 40003 says "contact support", not "retry"); an
            // undocumented code is retried when its status says the server is busy or failing.
            Error::Api(failure) => match failure.error.row() {
                Some(row) => row.retryable,
                None => failure.status.is_some_and(|s| s >= 500 || s == 429),
            },
            Error::Transport(transport) => transport.is_retryable(),
            Error::Decode(decode) => decode.status.is_some_and(|s| s >= 500 || s == 429),
            #[cfg(feature = "http")]
            Error::Token(token) => token.is_retryable(),
            #[cfg(feature = "http")]
            Error::RateLimited(_) => true,
            Error::Validation(_) | Error::Request(_) | Error::Bridge(_) => false,
        }
    }

    /// How long to wait before trying again: the server's advice when it gave one, or, for
    /// `Error::RateLimited`, when the client's own rate budget has a slot again.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(failure) => failure
                .retry_after
                .or_else(|| failure.error.row().and_then(|r| r.retry_after)),
            Error::Decode(decode) => decode.retry_after,
            #[cfg(feature = "http")]
            Error::RateLimited(limited) => Some(limited.retry_after()),
            _ => None,
        }
    }

    /// Whether the server refused the access token (get a new one and try once more).
    pub fn is_token_rejected(&self) -> bool {
        self.api_error().and_then(ApiError::category) == Some(ErrorCategory::TokenRejected)
    }
}

impl<E: ApiError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(failure) => fmt::Display::fmt(failure, f),
            Error::Validation(error) => fmt::Display::fmt(error, f),
            Error::Request(error) => fmt::Display::fmt(error, f),
            Error::Transport(error) => fmt::Display::fmt(error, f),
            Error::Decode(error) => fmt::Display::fmt(error, f),
            Error::Bridge(error) => fmt::Display::fmt(error, f),
            #[cfg(feature = "http")]
            Error::Token(error) => fmt::Display::fmt(error, f),
            #[cfg(feature = "http")]
            Error::RateLimited(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl<E: ApiError + fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Api(failure) => Some(&failure.error),
            Error::Validation(error) => Some(error),
            Error::Transport(error) => error.source.as_deref().map(|e| e as _),
            #[cfg(feature = "http")]
            Error::Token(error) => Some(error),
            #[cfg(feature = "http")]
            Error::RateLimited(error) => Some(error),
            Error::Request(_) | Error::Decode(_) | Error::Bridge(_) => None,
        }
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(error: ValidationError) -> Self {
        Error::Validation(error)
    }
}

/// An error answer from the server: the typed error and what came with it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiFailure<E> {
    /// The endpoint's typed error.
    pub error: E,
    /// The HTTP status (none for a JS-SDK call).
    pub status: Option<u16>,
    /// The request id the platform gave the call.
    pub request_id: Option<String>,
    /// The message exactly as the server sent it.
    pub server_message: String,
    /// The server's wait hint (`Retry-After`, `x-ogw-ratelimit-reset`), when it gave one.
    pub retry_after: Option<Duration>,
    /// The whole error body as the server sent it (secrets scrubbed), for fields the
    /// documentation does not name: DingTalk's `88` puts its detail in `sub_code`.
    pub body: Option<serde_json::Value>,
}

impl<E> ApiFailure<E> {
    /// A failure with the given typed error and context.
    pub fn new(
        error: E,
        status: Option<u16>,
        request_id: Option<String>,
        server_message: impl Into<String>,
    ) -> Self {
        Self {
            error,
            status,
            request_id,
            server_message: server_message.into(),
            retry_after: None,
            body: None,
        }
    }

    /// Keeps the whole error body.
    pub fn with_body(mut self, body: Option<serde_json::Value>) -> Self {
        self.body = body;
        self
    }

    /// Sets the server's wait hint.
    pub fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.retry_after = retry_after;
        self
    }
}

impl<E: ApiError> fmt::Display for ApiFailure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A JS-SDK call has no HTTP status and no server of ours in between: the API answered.
        let who = if self.status.is_some() {
            "the server"
        } else {
            "the API"
        };
        match self.error.row() {
            // The code is documented, but not with what the server said (a code the page gives
            // one row for, answered with another message): the server's words come first, the
            // page's are only what the code is documented as.
            Some(row)
                if !self.server_message.is_empty()
                    && !row.matches_message(&self.server_message) =>
            {
                write!(f, "{who} answered {}: {}", row.code, self.server_message)?;
                write!(f, " (documented for this code: ")?;
                let shown = row.message.unwrap_or(row.explanation);
                f.write_str(shown)?;
                if !row.explanation.is_empty() && row.explanation != shown {
                    write!(f, "; {}", row.explanation)?;
                }
                f.write_str(")")?;
            }
            _ => {
                write!(f, "{who} answered {}", self.error)?;
                if !self.server_message.is_empty() && self.server_message != self.error.message() {
                    write!(f, " [server said: {}]", self.server_message)?;
                }
            }
        }
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// What kept a request from being built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestErrorKind {
    /// The endpoint's API has no host and the client was given none (`with_base_url`).
    NoHost,
    /// The base URL and the path do not make a valid URL.
    InvalidUrl,
    /// A plain `http://` URL to another machine, which would carry the token in clear text;
    /// `allow_insecure_http()` allows it.
    InsecureHttp,
    /// A header name or value (a header parameter's) that HTTP cannot carry.
    InvalidHeader,
    /// An access token with characters a header cannot carry (a line break, a control
    /// character).
    InvalidToken,
    /// The body could not be written as JSON.
    Body,
    /// The endpoint does not travel by this client's transport (a JS-SDK call given to an HTTP
    /// client).
    WrongTransport,
}

/// The request could not be built, so nothing was sent: a construction failure, not a network
/// one. Trying again does not help; the client's settings or the request must change. The
/// message never contains an access token or a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    kind: RequestErrorKind,
    message: String,
}

impl RequestError {
    /// A construction failure with an already-redacted message.
    pub fn new(kind: RequestErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// What kept the request from being built.
    pub fn kind(&self) -> RequestErrorKind {
        self.kind
    }

    /// What was wrong, and what would be right.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the request could not be built, nothing was sent: {}",
            self.message
        )
    }
}

impl std::error::Error for RequestError {}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS).
    Connect,
    /// No complete answer within the timeout.
    Timeout,
    /// Anything else on the way (the connection broke, a body could not be read).
    Other,
}

/// The call got no answer. The message never contains an access token, even for APIs that put it
/// in the URL.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// A transport error with an already-redacted message and its source.
    pub fn new(
        kind: TransportErrorKind,
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            message: message.into(),
            source,
        }
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Connection failures and timeouts are worth another try.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect | TransportErrorKind::Timeout
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Other => "transport failed",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

/// The answer could not be read as the documented shape.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status of the answer (none for a JS-SDK call).
    pub status: Option<u16>,
    /// The first bytes of the body, as text (at most 256 characters).
    pub body_prefix: String,
    /// The path of the field that failed (`data.name`), when one did.
    pub path: Option<String>,
    /// What was wrong.
    pub message: String,
    /// The request id, when the headers carried one.
    pub request_id: Option<String>,
    /// The server's wait hint, when it gave one (a 429 with an HTML body, say).
    pub retry_after: Option<Duration>,
    /// Set when the answer was larger than the client's body limit, so reading stopped.
    pub too_large: Option<BodyTooLarge>,
}

/// An answer larger than the client's body limit (`with_body_limit`): the client stopped reading
/// it there, so a server cannot make the process hold more than about the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct BodyTooLarge {
    /// The client's limit, in bytes.
    pub limit: usize,
    /// How many bytes arrived before the client stopped reading (0 when the announced
    /// `Content-Length` was already over the limit).
    pub received: usize,
    /// The `Content-Length` the server announced, if it announced one.
    pub announced: Option<u64>,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the answer is larger than the client's body limit of {} bytes",
            self.limit
        )?;
        match self.announced {
            Some(length) if self.received == 0 => {
                write!(f, " (it announced {length} bytes; none were read)")?
            }
            Some(length) => write!(
                f,
                " ({} bytes arrived of the {length} announced before reading stopped)",
                self.received
            )?,
            None => write!(
                f,
                " ({} bytes arrived before reading stopped)",
                self.received
            )?,
        }
        f.write_str("; raise it with `with_body_limit` if such answers are expected")
    }
}

impl DecodeError {
    /// How many characters of the body a decode error keeps.
    pub const BODY_PREFIX_CHARS: usize = 256;

    /// A decode error for `body`, keeping its first characters.
    pub fn new(
        status: Option<u16>,
        body: &[u8],
        path: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        // Only the bytes that can make up the kept characters are decoded: a character is at most
        // four bytes, and an invalid byte becomes one replacement character.
        let head = &body[..body.len().min(Self::BODY_PREFIX_CHARS * 4)];
        let text = String::from_utf8_lossy(head);
        let body_prefix = text.chars().take(Self::BODY_PREFIX_CHARS).collect();
        Self {
            status,
            body_prefix,
            path,
            message: message.into(),
            request_id: None,
            retry_after: None,
            too_large: None,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not read the answer")?;
        if let Some(status) = self.status {
            write!(f, " (HTTP {status})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(path) = &self.path {
            write!(f, " at `{path}`")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        write!(f, "; body starts {:?}", self.body_prefix)
    }
}

/// The host's JS-SDK bridge could not make the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeError {
    message: String,
}

impl BridgeError {
    /// A bridge failure with the host's explanation.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The host's explanation.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BridgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the JS-SDK bridge failed: {}", self.message)
    }
}

impl std::error::Error for BridgeError {}
