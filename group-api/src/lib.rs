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
//! Features: `dingtalk`, `feishu` and `wecom` (default) give each platform's endpoints and client;
//! `http` (default) gives the HTTP clients, which report every call to `tracing` (a
//! `group_api::call` span, and events for retries, token fetches and rate-limit waits; never a
//! token, secret, query value or body); `redis` the `RedisStore`; `testing` the
//! `testing::StandIn`, a local stand-in for every platform's endpoints, for your own tests.
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
// Without `http` the clients, `RetryPolicy` and `Error::Token` that the docs link to do not
// exist; the links are right for the documented (default) build.
#![cfg_attr(not(feature = "http"), allow(rustdoc::broken_intra_doc_links))]

// Generated code names everything through `::group_api`, in this crate as in users' crates.
extern crate self as group_api;

pub mod api_error;
pub mod endpoint;
mod error;
mod fields;
#[cfg(feature = "http")]
mod http;
mod paginate;
mod rate_limit;
mod typestate;
mod validate;

#[cfg(feature = "dingtalk")]
pub mod dingtalk;
#[cfg(feature = "feishu")]
pub mod feishu;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "wecom")]
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
/// For each platform the folder defines (its `<platform>.json`) with an HTTP API, it also
/// generates `<platform>::Client`, with the constructors, settings and behaviour of group-api's
/// own clients and a method per endpoint (`from_app_credentials` where the platform file names a
/// token endpoint). The client needs group-api's `http` feature (on by default); without it the
/// folder still gives its types. Endpoints of DingTalk, Feishu and WeCom need no platform file:
/// they reuse the built-in one and are sent with `group_api::<platform>::Client::send`; a folder
/// cannot define a platform named like a built-in one.
///
/// Options: `endpoints!(dir = "spec", crate = ::my_renamed_group_api)` when you renamed the
/// dependency; `platform = "name"` generates one platform's items inline in the calling module.
pub use group_api_macros::endpoints;

pub use api_error::{ApiError, ErrorCategory, ErrorCode};
pub use endpoint::Endpoint;
pub use error::{
    ApiFailure, BodyTooLarge, BridgeError, DecodeError, Error, RequestError, RequestErrorKind,
    TransportError, TransportErrorKind,
};
#[cfg(feature = "http")]
pub use http::{
    AccessToken, FixedToken, MemoryStore, RateLimited, RateLimits, RetryPolicy, Store, TokenError,
    TokenErrorKind, TokenFuture, TokenRefresh, TokenSource,
};
#[cfg(feature = "redis")]
pub use http::{RedisStore, StoreError};
pub use paginate::Paginated;
pub use rate_limit::{LimitScope, Per, RateLimit};
pub use validate::{Rule, ValidationError, Violation};

/// Its input with the `http` feature, nothing without: generated HTTP clients of users' platforms
/// are wrapped in it, so a spec folder still gives its types to a build without the feature.
#[cfg(feature = "http")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_http {
    ($($item:tt)*) => { $($item)* };
}

/// Its input with the `http` feature, nothing without (this build has no `http`).
#[cfg(not(feature = "http"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_http {
    ($($item:tt)*) => {};
}

/// Its input where group-api has the platform's feature, a compile error that says which feature to
/// turn on where it has not: a user's spec folder with endpoints of a built-in platform is wrapped
/// in the platform's macro (`__with_platform_<name>!`), so a build without the feature fails once,
/// with the cure, instead of once per item that names the platform's types.
#[cfg(feature = "dingtalk")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_platform_dingtalk {
    ($($item:tt)*) => { $($item)* };
}

/// Without the `dingtalk` feature: the compile error that names it.
#[cfg(not(feature = "dingtalk"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_platform_dingtalk {
    ($($item:tt)*) => {
        ::core::compile_error!(
            "this spec folder has endpoints of DingTalk, which group-api builds only with its `dingtalk` feature: add \"dingtalk\" to group-api's features in Cargo.toml"
        );
    };
}

#[cfg(feature = "feishu")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_platform_feishu {
    ($($item:tt)*) => { $($item)* };
}

/// Without the `feishu` feature: the compile error that names it.
#[cfg(not(feature = "feishu"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_platform_feishu {
    ($($item:tt)*) => {
        ::core::compile_error!(
            "this spec folder has endpoints of Feishu, which group-api builds only with its `feishu` feature: add \"feishu\" to group-api's features in Cargo.toml"
        );
    };
}

#[cfg(feature = "wecom")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_platform_wecom {
    ($($item:tt)*) => { $($item)* };
}

/// Without the `wecom` feature: the compile error that names it.
#[cfg(not(feature = "wecom"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_platform_wecom {
    ($($item:tt)*) => {
        ::core::compile_error!(
            "this spec folder has endpoints of WeCom, which group-api builds only with its `wecom` feature: add \"wecom\" to group-api's features in Cargo.toml"
        );
    };
}

/// Its input with the `testing` feature, nothing without: every generated HTTP endpoint registers
/// itself with `testing::StandIn` in it.
#[cfg(feature = "testing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_testing {
    ($($item:tt)*) => { $($item)* };
}

/// Its input with the `testing` feature, nothing without (this build has no `testing`).
#[cfg(not(feature = "testing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_testing {
    ($($item:tt)*) => {};
}

/// The HTTP client crate the platform clients send through, for `Client::with_http_client`.
#[cfg(feature = "http")]
pub use reqwest;

/// What generated code reaches for. Not a public API: it changes without notice.
///
/// The version is in the name (as in serde's and thiserror's private modules), so code generated
/// by one version of the macro never links against another version's internals: two copies of
/// group-api in one build fail to compile instead of mixing. The generator names this module in
/// one place (`group_api_codegen`'s `codegen::private_path`).
///
/// Generated endpoint modules open with `use ::group_api::__private_0_1 as __p;` and name
/// everything as `__p::Name`: the standard library's items they use and group-api's own are
/// re-exported here, so a path is three tokens, not twelve (`__p::Some` for
/// `::core::option::Option::Some`). That keeps the expansion, and the time to produce and
/// parse it, small (see BENCHMARKS.md).
#[doc(hidden)]
pub mod __private_0_1 {

    pub use serde;
    pub use serde_json;

    pub use core::clone::Clone;
    pub use core::convert::{From, Into};
    pub use core::iter::IntoIterator;
    pub use core::marker::PhantomData;
    pub use core::option::Option::{self, None, Some};
    pub use core::result::Result::{self, Ok};
    pub use core::{fmt, write};
    pub use std::borrow::Cow;
    pub use std::error::Error as StdError;
    pub use std::format;
    pub use std::string::{String, ToString};
    pub use std::vec::Vec;

    pub use crate::api_error::{
        ApiError, ErrorCategory, ErrorCode, ErrorRow, PlatformError, RowTable, documented_row,
        documented_with_platform, endpoint_from_wire, fmt_api_error, match_row, parse_err_msg,
    };
    pub use crate::endpoint::{
        ApiInfo, Auth, Body, Endpoint, EndpointInfo, Envelope, HttpEndpoint, JsSdkEndpoint, Method,
        Transport,
    };
    pub use crate::error::Error;
    pub use crate::fields::{
        FromPiece, MapFields, collect, debug_fields, encode_path_segment, join, map_fields,
        redacted, shown, split,
    };
    pub use crate::paginate::{CursorText, FromCursor, Paginated, Stream, pages};
    pub use crate::rate_limit::{LimitScope, Per, RateLimit};
    pub use crate::validate::{
        Documented, Pattern, Presence, Validate, ValidationError, Validator, finish, is_present,
    };

    #[cfg(feature = "http")]
    pub use crate::http::{
        AppCredentials, HttpCore, Issue, IssueFuture, RateLimits, RetryPolicy, Store,
        TokenLifetime, TokenRefresh, TokenSource, TokenText, exchange,
    };
    #[cfg(feature = "testing")]
    pub use crate::testing::StandInEndpoint;
    #[cfg(feature = "testing")]
    pub use inventory;

    #[cfg(feature = "http")]
    pub use std::boxed::Box;
    #[cfg(feature = "http")]
    pub use std::sync::Arc;
    #[cfg(feature = "http")]
    pub use std::time::Duration;

    pub use crate::typestate::indices::*;
    pub use crate::typestate::{Filled, Fresh, IsUnset, Next, Set, Slot, Unset, Zero};
}
