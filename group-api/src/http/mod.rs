//! Typed calls over HTTPS: what `dingtalk::Client` and `feishu::Client` share.
//!
//! Everything a call needs to know about a platform comes from the spec through [`ApiInfo`]: the
//! host, where the token goes ([`Auth`]), how success and failure are told apart ([`Envelope`])
//! and where the request id is. So the two clients are thin: each wraps one [`HttpCore`], and an
//! endpoint that exists only as a spec file is sent by the same code as every other.
//!
//! - [`core`]: builds the request (URL, query, auth, headers, body), sends it, retries.
//! - [`envelope`]: reads the answer: the documented response, the endpoint's typed error, or why
//!   the answer could not be read.
//! - [`retry`]: which failures are tried again, how often and after how long.
//! - [`redact`]: the access token and the app secret, kept out of every `Debug`, `Display` and
//!   error message.
//! - [`token`]: where tokens come from ([`TokenSource`]), and what a source says when it has none
//!   ([`TokenError`]).
//! - [`rate`]: client-side rate limits from the spec (a GCRA per budget), and the error of a call
//!   held back by one.
//! - [`store`]: where tokens and rate budgets are kept: process memory, or Redis (feature
//!   `redis`), shared by every instance.
//! - [`app_credentials`]: the source of `Client::from_app_credentials`: fetches a token at the
//!   platform's token endpoint, caches it, refreshes it once however many calls wait for it.
//!
//! [`ApiInfo`]: crate::endpoint::ApiInfo
//! [`Auth`]: crate::endpoint::Auth
//! [`Envelope`]: crate::endpoint::Envelope

mod app_credentials;
mod core;
mod envelope;
mod rate;
mod redact;
mod retry;
mod store;
mod token;

// The property tests read answers as DingTalk's and Feishu's endpoints.
#[cfg(all(test, feature = "dingtalk", feature = "feishu"))]
mod proptests;

pub use self::app_credentials::{
    AppCredentials, Issue, IssueFuture, TokenLifetime, TokenText, exchange,
};
pub use self::core::HttpCore;
pub use app_credentials::TokenRefresh;
pub use rate::{RateLimited, RateLimits};
pub use redact::AccessToken;
pub use retry::RetryPolicy;
pub use store::{MemoryStore, Store};
#[cfg(feature = "redis")]
pub use store::{RedisStore, StoreError};
pub use token::{FixedToken, TokenError, TokenErrorKind, TokenFuture, TokenSource};

/// How long a client waits for a connection to be made, unless given its own `reqwest::Client`.
pub(crate) const DEFAULT_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long a client waits for one complete answer (connecting, sending, reading the body),
/// unless told otherwise with `with_timeout` or given its own `reqwest::Client`.
pub(crate) const DEFAULT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The most time one call takes in all (the token fetch, every attempt and every wait between
/// them), unless told otherwise with `with_total_timeout`.
pub(crate) const DEFAULT_TOTAL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The most bytes of one answer a client reads, unless told otherwise with `with_body_limit`.
/// The group-management APIs answer a few KiB (a page of a list, tens of KiB); 8 MiB leaves room
/// for any of them and keeps a broken or hostile server from filling memory.
pub(crate) const DEFAULT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The `User-Agent` every request carries, unless the client was given its own `reqwest::Client`.
pub(crate) const USER_AGENT: &str = concat!("group-api/", env!("CARGO_PKG_VERSION"));
