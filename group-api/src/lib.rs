//! Typed calls to the group-management APIs of DingTalk, Feishu and WeCom.
//!
//! Every endpoint is described once, in a JSON spec file transcribed from the vendor's page, and
//! generated into a platform module: [`dingtalk`], [`feishu`], [`wecom`]. For an endpoint `name`
//! the module holds `<Name>Request` (with a builder that will not compile while a required field
//! is missing), `<Name>Response` and `<Name>Error` (a variant per documented error row).
//!
//! ```
//! use group_api::dingtalk::UpdateGroupRequest;
//!
//! let request = UpdateGroupRequest::builder().chatid("chatxxxx").name("全员群").build()?;
//! assert_eq!(serde_json::to_string(&request)?, r#"{"chatid":"chatxxxx","name":"全员群"}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A value that breaks a documented constraint is refused by `.build()`:
//!
//! ```
//! use group_api::dingtalk::UpdateGroupRequest;
//!
//! let error = UpdateGroupRequest::builder().chatid("c").name("一二三四五六七八九十一二三四五六七八九十一").build().unwrap_err();
//! assert_eq!(error.to_string(), "invalid request: `name` is 21 characters long; at most 20 are allowed");
//! ```
#![warn(missing_docs)]

// Generated code names everything through `::group_api`, in this crate as in users' crates.
extern crate self as group_api;

mod endpoint;
mod error;
mod failure;
#[cfg(feature = "http")]
mod http;
mod rate_limit;
mod support;
mod typestate;
mod validate;

pub mod dingtalk;
pub mod feishu;
pub mod wecom;

/// Generates typed endpoints from a folder of JSON spec files, in your own crate.
///
/// `group_api::endpoints!("spec")` reads every `<platform>.json` and `<platform>.<name>.json` in
/// `spec/` (relative to your crate's `Cargo.toml`, or failing that to the calling file) and
/// generates one `pub mod <platform>` per platform with the same request builders, response types
/// and error enums group-api ships. The spec format is described in the repository's
/// `spec/README.md`. A broken spec file is a compile error that names the file, line, column and
/// JSON path.
///
/// Options: `endpoints!(dir = "spec", crate = ::my_renamed_group_api)` when you renamed the
/// dependency; `platform = "name"` generates one platform's items inline in the calling module.
pub use group_api_macros::endpoints;

pub use endpoint::{ApiInfo, Auth, Endpoint, EndpointInfo, Envelope, Method, Transport};
pub use error::{ApiError, ErrorCategory, ErrorCode, ErrorRow, PlatformError, match_row};
pub use failure::{
    ApiFailure, BodyTooLarge, BridgeError, DecodeError, Error, TransportError, TransportErrorKind,
};
#[cfg(feature = "http")]
pub use http::{
    AccessToken, FixedToken, MemoryStore, RateLimited, RateLimits, RetryPolicy, Store, TokenError,
    TokenErrorKind, TokenFuture, TokenRefresh, TokenSource,
};
#[cfg(feature = "redis")]
pub use http::{RedisStore, StoreError};
pub use rate_limit::{LimitScope, Per, RateLimit};
pub use validate::{Rule, ValidationError, Violation};

/// The HTTP client crate the platform clients send through, for `Client::with_http_client`.
#[cfg(feature = "http")]
pub use reqwest;

/// What generated code reaches for. Not a public API: it changes without notice.
///
/// Generated endpoint modules open with `use ::group_api::__private as __p;` and name
/// everything as `__p::Name`: the standard library's items they use and group-api's own are
/// re-exported here, so a path is three tokens, not twelve (`__p::Some` for
/// `::core::option::Option::Some`). That keeps the expansion, and the time to produce and
/// parse it, small (see BENCHMARKS.md).
#[doc(hidden)]
pub mod __private {

    pub use serde;
    pub use serde_json;

    pub use core::convert::Into;
    pub use core::iter::IntoIterator;
    pub use core::marker::PhantomData;
    pub use core::option::Option::{self, None, Some};
    pub use core::result::Result;
    pub use core::{fmt, write};
    pub use std::borrow::Cow;
    pub use std::error::Error as StdError;
    pub use std::format;
    pub use std::string::{String, ToString};
    pub use std::vec::Vec;

    pub use crate::{
        ApiError, ApiInfo, Auth, Endpoint, EndpointInfo, Envelope, Error, ErrorCategory, ErrorCode,
        ErrorRow, LimitScope, Method, Per, PlatformError, RateLimit, Transport, ValidationError,
        match_row,
    };

    pub use crate::error::{documented_row, endpoint_from_wire, fmt_api_error, parse_err_msg};
    pub use crate::support::{collect, debug_field, debug_secret, entry};
    pub use crate::validate::{Presence, Validate, Validator, finish, is_present};

    #[cfg(feature = "http")]
    pub use crate::http::{
        AppCredentials, HttpCore, Issue, IssueFuture, RateLimits, RetryPolicy, Store,
        TokenLifetime, TokenRefresh, TokenSource, TokenText, exchange,
    };
    #[cfg(feature = "http")]
    pub use std::boxed::Box;
    #[cfg(feature = "http")]
    pub use std::sync::Arc;
    #[cfg(feature = "http")]
    pub use std::time::Duration;

    pub use crate::typestate::indices::*;
    pub use crate::typestate::{Filled, Fresh, Next, Set, Slot, Unset, Zero};

    /// Percent-encodes one path segment (RFC 3986: everything but unreserved characters).
    pub fn encode_path_segment(segment: &str) -> String {
        let mut out = String::with_capacity(segment.len());
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(byte as char);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::__private::encode_path_segment;

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(encode_path_segment("g187131"), "g187131");
        assert_eq!(encode_path_segment("a/b c?"), "a%2Fb%20c%3F");
        assert_eq!(encode_path_segment("组"), "%E7%BB%84");
    }
}
