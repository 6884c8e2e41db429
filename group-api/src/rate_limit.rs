//! Documented rate limits, as the spec files declare them: "20 calls per second per app and API"
//! (DingTalk's new-style API), "100 calls per minute" (Feishu's `update_user_group`), "1,000 group
//! changes per hour per company" (WeCom's `appchat/update`).
//!
//! These are plain data, generated into each API's [`ApiInfo`](crate::endpoint::ApiInfo) and each
//! endpoint's [`EndpointInfo`](crate::endpoint::EndpointInfo). The HTTP clients keep to them (see `RateLimits`, with the
//! `http` feature).

use std::fmt;
use std::time::Duration;

/// A documented limit: at most `calls` calls per `per`, counted over `scope`.
///
/// ```
/// use group_api::{LimitScope, Per, RateLimit};
///
/// let limit = RateLimit::new(20, Per::Second, LimitScope::AppAndApi);
/// assert_eq!(limit.to_string(), "20 calls per second per app and API");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimit {
    /// How many calls the period allows (at least 1).
    pub calls: u32,
    /// The period.
    pub per: Per,
    /// Whose calls count towards the limit.
    pub scope: LimitScope,
    /// How many calls may go out back to back before the spacing applies (at least 1). The spec
    /// never sets it (no vendor documents one): with 1, calls are spaced evenly, so that no window
    /// of the period, wherever it starts, holds more than `calls`.
    pub burst: u32,
    /// Where the limit is documented, as the spec file says it (`None` for a limit set in code).
    pub source: Option<&'static str>,
}

impl RateLimit {
    /// `calls` per `per` over `scope`, spaced evenly (a burst of 1), with no source.
    pub const fn new(calls: u32, per: Per, scope: LimitScope) -> Self {
        Self {
            calls: if calls == 0 { 1 } else { calls },
            per,
            scope,
            burst: 1,
            source: None,
        }
    }

    /// Where the limit is documented.
    #[must_use]
    pub const fn with_source(mut self, source: &'static str) -> Self {
        self.source = Some(source);
        self
    }

    /// Lets up to `burst` calls go out back to back (at most `calls`). A burst above 1 lets a window
    /// of the period that starts mid-way hold up to `calls + burst - 1` calls: use it only where the
    /// vendor counts calls in fixed windows.
    #[must_use]
    pub const fn with_burst(mut self, burst: u32) -> Self {
        self.burst = if burst == 0 {
            1
        } else if burst > self.calls {
            self.calls
        } else {
            burst
        };
        self
    }

    /// The period as a duration.
    pub const fn period(&self) -> Duration {
        self.per.duration()
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.per.as_str();
        match self.calls {
            1 => write!(f, "1 call per {unit} {}", self.scope.describe()),
            n => write!(f, "{n} calls per {unit} {}", self.scope.describe()),
        }
    }
}

/// The period of a [`RateLimit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Per {
    /// Per second.
    Second,
    /// Per minute.
    Minute,
    /// Per hour.
    Hour,
}

impl Per {
    /// The period's length.
    pub const fn duration(self) -> Duration {
        match self {
            Per::Second => Duration::from_secs(1),
            Per::Minute => Duration::from_secs(60),
            Per::Hour => Duration::from_secs(3600),
        }
    }

    /// `second`, `minute` or `hour`, as the spec files write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Per::Second => "second",
            Per::Minute => "minute",
            Per::Hour => "hour",
        }
    }
}

/// Whose calls count towards a [`RateLimit`]; this decides which calls share a budget.
///
/// Every budget is per endpoint: a limit declared for a whole API (DingTalk's 20 per second per
/// app and API) gives each of its endpoints a budget of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LimitScope {
    /// One app's calls to one API (DingTalk's `QpsLimitForAppkeyAndApi`). The app is the
    /// client's app id (`from_app_credentials`), or its fixed token.
    AppAndApi,
    /// Every app's calls to one API (DingTalk's `QpsLimitForApi`). A client can only count the
    /// calls of the instances that share its store.
    Api,
    /// One company's calls (WeCom's per-company limits). The company is known by the client's
    /// app id: on WeCom that is the `corpid`, which every app of the company shares.
    Company,
    /// The calls from one IP address. Kept per process, even with a shared store: instances on
    /// other hosts have other addresses.
    Ip,
}

impl LimitScope {
    /// `per app and API`, ...: how the limit reads in a message.
    pub const fn describe(self) -> &'static str {
        match self {
            LimitScope::AppAndApi => "per app and API",
            LimitScope::Api => "per API (all apps)",
            LimitScope::Company => "per company",
            LimitScope::Ip => "per IP address",
        }
    }

    /// `app_and_api`, ...: as the spec files write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            LimitScope::AppAndApi => "app_and_api",
            LimitScope::Api => "api",
            LimitScope::Company => "company",
            LimitScope::Ip => "ip",
        }
    }
}
