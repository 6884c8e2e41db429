//! Client-side rate limits: which budgets a call draws from ([`RateLimits`]), the GCRA that decides
//! when its slot comes ([`Gcra`], the same arithmetic as the Redis store's script), the budgets
//! kept in process memory ([`MemoryBudgets`]), and the error of a call whose slot is too far off
//! ([`RateLimited`]).
//!
//! # The algorithm
//!
//! Each budget is a GCRA (generic cell rate algorithm): one number, the theoretical arrival time
//! (TAT) of the next call. A limit of `calls` per `period` spaces calls `T = period × (100 +
//! margin) / 100 / calls` apart; a call may go at `TAT − τ` (`τ = (burst − 1) × T`), and moves the
//! TAT to `max(TAT, its time) + T`. With the default burst of 1, no window of the period, wherever
//! it starts, holds more than `calls` calls, and the margin (10 % by default) absorbs the jitter
//! between taking a slot and the request reaching the server. A call that draws from several
//! budgets (and a pause set after a server's rate-limit answer) takes the latest of their slots and
//! reserves it in all of them at once.

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use crate::endpoint::EndpointInfo;
use crate::rate_limit::{LimitScope, RateLimit};

/// How a client keeps to the rate limits the spec documents: on by default.
///
/// Every call of an endpoint with documented limits (its own, in its spec file, and its API's, in
/// the platform file) waits for its slot before it is sent. All clones of a client draw from one
/// budget; clients given one store with `with_store` share it, and with a `RedisStore` so does
/// every instance using that Redis. A call whose slot is more than [`max_wait`](Self::max_wait)
/// away (or past the call's total timeout) is not sent: it fails at once with
/// `Error::RateLimited`, which names the limit and says how long to wait.
///
/// A server's rate-limit answer (HTTP 429, Feishu's `99991400` with `x-ogw-ratelimit-reset`,
/// DingTalk's QPS codes, WeCom's `45009`) pauses the endpoint's budget for the time the answer
/// hints (1 s when it hints none, at most an hour), for every client sharing the store.
///
/// The defaults: documented limits on, calls spaced with a **10 %** margin, slots waited for up to
/// **30 s**.
///
/// ```
/// use std::time::Duration;
/// use group_api::{LimitScope, Per, RateLimit, RateLimits};
///
/// // Keep to the documented limits, but never wait more than 2 s for a slot.
/// let impatient = RateLimits::default().with_max_wait(Duration::from_secs(2));
/// // A stricter limit of your own for one endpoint (its documented ones no longer apply).
/// let custom = RateLimits::default()
///     .with_limits("update_group", [RateLimit::new(5, Per::Second, LimitScope::AppAndApi)]);
/// // No client-side limits at all.
/// let off = RateLimits::off();
/// assert!(!off.is_enabled());
/// # let _ = (impatient, custom);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimits {
    enabled: bool,
    max_wait: Duration,
    margin_percent: u32,
    /// Endpoint name → the limits that replace its documented ones (none: no limit).
    overrides: Vec<(String, Vec<RateLimit>)>,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            enabled: true,
            max_wait: Duration::from_secs(30),
            margin_percent: 10,
            overrides: Vec::new(),
        }
    }
}

impl RateLimits {
    /// The documented limits, with the defaults (the same as `default()`).
    pub fn documented() -> Self {
        Self::default()
    }

    /// No client-side limits and no shared pauses: every call is sent at once, and a server's
    /// rate-limit answer is handled by the retry policy alone.
    pub fn off() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    /// The longest a call waits for its slot; a call whose slot is further off fails at once with
    /// `Error::RateLimited`. `Duration::ZERO`: never wait.
    #[must_use]
    pub fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// How much slower than the documented rate calls are spaced, in percent (default 10, at most
    /// 100): `calls` per `period` become `calls` per `period × (100 + percent) / 100`.
    #[must_use]
    pub fn with_safety_margin(mut self, percent: u32) -> Self {
        self.margin_percent = percent.min(100);
        self
    }

    /// Replaces the limits of the endpoint named `endpoint` (its spec name: `update_group`) with
    /// `limits`, its API's included; no limits turns them off for that endpoint.
    #[must_use]
    pub fn with_limits(
        mut self,
        endpoint: impl Into<String>,
        limits: impl IntoIterator<Item = RateLimit>,
    ) -> Self {
        let endpoint = endpoint.into();
        self.overrides.retain(|(name, _)| *name != endpoint);
        self.overrides
            .push((endpoint, limits.into_iter().collect()));
        self
    }

    /// Whether the client keeps to rate limits at all.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The longest a call waits for its slot.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// The spacing margin, in percent.
    pub fn safety_margin(&self) -> u32 {
        self.margin_percent
    }

    /// The limits a call of `info` keeps to: an override, or the endpoint's and its API's.
    pub fn limits_for(&self, info: &EndpointInfo) -> Vec<RateLimit> {
        if let Some((_, limits)) = self.overrides.iter().find(|(name, _)| name == info.name) {
            return limits.clone();
        }
        info.api
            .rate_limits
            .iter()
            .chain(info.rate_limits)
            .copied()
            .collect()
    }

    /// The budgets a call of `info` by the app known as `app` draws from, or `None` when limits
    /// are off.
    pub(crate) fn plan(&self, info: &EndpointInfo, app: &str) -> Option<Plan> {
        if !self.enabled {
            return None;
        }
        let slots = self
            .limits_for(info)
            .into_iter()
            .map(|limit| {
                let subject = match limit.scope {
                    LimitScope::AppAndApi | LimitScope::Company | LimitScope::Ip => app,
                    LimitScope::Api => "*",
                };
                Budget {
                    key: format!(
                        "{KEY_PREFIX}rate:{}:{}:{}:{subject}:{}/{}/{}",
                        info.platform,
                        info.name,
                        limit.scope.as_str(),
                        limit.calls,
                        limit.per.as_str(),
                        limit.burst,
                    ),
                    local: limit.scope == LimitScope::Ip,
                    gcra: Gcra::new(&limit, self.margin_percent),
                    limit,
                }
            })
            .collect();
        Some(Plan {
            pause_key: format!("{KEY_PREFIX}pause:{}:{}:{app}", info.platform, info.name),
            budgets: slots,
            max_wait: self.max_wait,
        })
    }
}

/// What every key group-api keeps in a store starts with; the version changes when their meaning
/// does, so that two releases never misread each other's keys.
pub(crate) const KEY_PREFIX: &str = "group-api:v1:";

/// The longest pause a server's rate-limit answer sets: a hint beyond it is a broken answer.
pub(crate) const MAX_PAUSE: Duration = Duration::from_secs(60 * 60);

/// The pause after a rate-limit answer that hints no wait (WeCom's `45009`).
pub(crate) const DEFAULT_PAUSE: Duration = Duration::from_secs(1);

/// The budgets of one call.
#[derive(Debug)]
pub(crate) struct Plan {
    /// Where a server's rate-limit answer for this endpoint and app is kept.
    pub pause_key: String,
    pub budgets: Vec<Budget>,
    pub max_wait: Duration,
}

/// One limit's budget for one call.
#[derive(Debug)]
pub(crate) struct Budget {
    pub key: String,
    /// Kept in process memory whatever the store (a per-IP limit).
    #[cfg_attr(not(feature = "redis"), allow(dead_code))]
    pub local: bool,
    pub gcra: Gcra,
    pub limit: RateLimit,
}

/// A limit's GCRA parameters, in microseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gcra {
    /// The spacing between two calls (T).
    pub emission_us: u64,
    /// How far ahead of its TAT a call may go (τ = (burst − 1) × T).
    pub tolerance_us: u64,
}

impl Gcra {
    pub(crate) fn new(limit: &RateLimit, margin_percent: u32) -> Self {
        let period_us = limit.period().as_micros() as u64;
        let stretched = period_us * u64::from(100 + margin_percent) / 100;
        let emission_us = (stretched / u64::from(limit.calls.max(1))).max(1);
        Self {
            emission_us,
            tolerance_us: emission_us * u64::from(limit.burst.max(1) - 1),
        }
    }
}

/// What decided a call's slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Binding {
    /// Nothing: the call goes at once.
    Free,
    /// A pause after a server's rate-limit answer.
    Pause,
    /// The budget at this index of the plan.
    Limit(usize),
}

/// A GCRA decision for one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Whether the slot was reserved (the wait is within the call's bound).
    pub granted: bool,
    pub wait: Duration,
    pub binding: Binding,
}

/// The GCRA step at `now_us` for budgets whose TATs are `tats` (0: no TAT yet), with a pause until
/// `pause_until_us`; reserves the slot (updates `tats`) when it is at most `max_wait_us` away.
/// The Redis store's script does exactly this, on Redis's clock.
pub(crate) fn decide(
    now_us: u64,
    pause_until_us: u64,
    tats: &mut [u64],
    gcras: &[Gcra],
    max_wait_us: u64,
) -> Decision {
    let mut start = now_us;
    let mut binding = Binding::Free;
    if pause_until_us > start {
        start = pause_until_us;
        binding = Binding::Pause;
    }
    for (index, (tat, gcra)) in tats.iter().zip(gcras).enumerate() {
        let earliest = tat.saturating_sub(gcra.tolerance_us);
        if earliest > start {
            start = earliest;
            binding = Binding::Limit(index);
        }
    }
    let wait_us = start - now_us;
    let granted = wait_us <= max_wait_us;
    if granted {
        for (tat, gcra) in tats.iter_mut().zip(gcras) {
            *tat = (*tat).max(start) + gcra.emission_us;
        }
    }
    Decision {
        granted,
        wait: Duration::from_micros(wait_us),
        binding,
    }
}

/// Budgets and pauses kept in process memory: the default store's, and a Redis store's while
/// Redis cannot be reached.
pub(crate) struct MemoryBudgets {
    epoch: Instant,
    /// Budget key → TAT, in microseconds since `epoch`.
    tats: HashMap<String, u64>,
    /// Pause key → until, in microseconds since `epoch`.
    pauses: HashMap<String, u64>,
}

/// Past this many entries, those that no longer hold anything back are dropped.
const PRUNE_ABOVE: usize = 4096;

impl Default for MemoryBudgets {
    fn default() -> Self {
        Self {
            epoch: Instant::now(),
            tats: HashMap::new(),
            pauses: HashMap::new(),
        }
    }
}

impl MemoryBudgets {
    fn now_us(&self) -> u64 {
        self.epoch.elapsed().as_micros() as u64
    }

    /// The GCRA step for the budgets of `plan` that `include` selects.
    pub(crate) fn decide(&mut self, plan: &Plan, include: impl Fn(&Budget) -> bool) -> Decision {
        self.step(plan, include, true)
    }

    /// What [`decide`](Self::decide) would answer, without taking the slot it grants.
    #[cfg(feature = "redis")]
    pub(crate) fn peek(&mut self, plan: &Plan, include: impl Fn(&Budget) -> bool) -> Decision {
        self.step(plan, include, false)
    }

    fn step(&mut self, plan: &Plan, include: impl Fn(&Budget) -> bool, take: bool) -> Decision {
        let now = self.now_us();
        let chosen: Vec<(usize, &Budget)> = plan
            .budgets
            .iter()
            .enumerate()
            .filter(|(_, b)| include(b))
            .collect();
        let mut tats: Vec<u64> = chosen
            .iter()
            .map(|(_, b)| self.tats.get(&b.key).copied().unwrap_or(0))
            .collect();
        let gcras: Vec<Gcra> = chosen.iter().map(|(_, b)| b.gcra).collect();
        let pause = self.pauses.get(&plan.pause_key).copied().unwrap_or(0);
        let max_wait = plan.max_wait.as_micros().min(u128::from(u64::MAX)) as u64;
        let mut decision = decide(now, pause, &mut tats, &gcras, max_wait);
        if let Binding::Limit(i) = decision.binding {
            decision.binding = Binding::Limit(chosen[i].0);
        }
        if decision.granted && take {
            for ((_, budget), tat) in chosen.iter().zip(tats) {
                self.tats.insert(budget.key.clone(), tat);
            }
            self.prune(now);
        }
        decision
    }

    /// Holds back calls under `pause_key` for `pause` from now (a longer pause already set stays).
    pub(crate) fn pause(&mut self, pause_key: &str, pause: Duration) {
        let now = self.now_us();
        let until = now.saturating_add(pause.as_micros() as u64);
        let entry = self.pauses.entry(pause_key.to_owned()).or_insert(0);
        *entry = (*entry).max(until);
        self.prune(now);
    }

    fn prune(&mut self, now: u64) {
        if self.tats.len() > PRUNE_ABOVE {
            self.tats.retain(|_, tat| *tat > now);
        }
        if self.pauses.len() > PRUNE_ABOVE {
            self.pauses.retain(|_, until| *until > now);
        }
    }
}

/// A call that was not sent because the client's rate budget for it had no slot within its bound:
/// a documented limit was used up, or a server's rate-limit answer paused the endpoint.
///
/// [`retry_after`](Self::retry_after) says when a slot is free again; [`limit`](Self::limit) which
/// limit held the call back (`None` for a pause).
#[derive(Clone, Debug)]
pub struct RateLimited {
    platform: &'static str,
    endpoint: &'static str,
    limit: Option<RateLimit>,
    retry_after: Duration,
    max_wait: Duration,
}

impl RateLimited {
    pub(crate) fn new(
        info: &EndpointInfo,
        limit: Option<RateLimit>,
        retry_after: Duration,
        max_wait: Duration,
    ) -> Self {
        Self {
            platform: info.platform,
            endpoint: info.name,
            limit,
            retry_after,
            max_wait,
        }
    }

    /// The platform (`dingtalk`).
    pub fn platform(&self) -> &'static str {
        self.platform
    }

    /// The endpoint held back (`update_group`).
    pub fn endpoint(&self) -> &'static str {
        self.endpoint
    }

    /// The documented (or configured) limit that held the call back; `None` when a server's
    /// rate-limit answer paused the endpoint.
    pub fn limit(&self) -> Option<&RateLimit> {
        self.limit.as_ref()
    }

    /// How long until the call's slot would have come.
    pub fn retry_after(&self) -> Duration {
        self.retry_after
    }
}

impl fmt::Display for RateLimited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (platform, endpoint) = (self.platform, self.endpoint);
        match &self.limit {
            Some(limit) => {
                write!(f, "rate limit: {platform} `{endpoint}` allows {limit}")?;
                if let Some(source) = limit.source {
                    write!(f, " ({source})")?;
                }
                write!(f, "; its next slot is")?;
            }
            None => write!(
                f,
                "rate limit: {platform} answered a call to `{endpoint}` with a rate-limit \
                 error and asked to wait; the pause ends"
            )?,
        }
        write!(
            f,
            " {:.1} s away, more than the client waits ({:.1} s, or what is left of the call's \
             total timeout); not sent. Try again in {:.1} s, or change `with_rate_limits`",
            self.retry_after.as_secs_f64(),
            self.max_wait.as_secs_f64(),
            self.retry_after.as_secs_f64(),
        )
    }
}

impl std::error::Error for RateLimited {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rate_limit::Per;

    fn gcra(calls: u32, per: Per) -> Gcra {
        Gcra::new(&RateLimit::new(calls, per, LimitScope::AppAndApi), 10)
    }

    #[test]
    fn the_spacing_includes_the_margin() {
        assert_eq!(gcra(20, Per::Second).emission_us, 55_000);
        assert_eq!(gcra(100, Per::Minute).emission_us, 660_000);
        assert_eq!(gcra(1000, Per::Hour).emission_us, 3_960_000);
        assert_eq!(gcra(20, Per::Second).tolerance_us, 0);
    }

    #[test]
    fn no_window_of_the_period_holds_more_than_the_limit() {
        let gcras = [gcra(20, Per::Second)];
        let mut tats = [0u64];
        let mut times = Vec::new();
        // 200 calls all arriving at t = 1 s: each is given the next slot.
        for _ in 0..200 {
            let d = decide(1_000_000, 0, &mut tats, &gcras, u64::MAX);
            assert!(d.granted);
            times.push(1_000_000 + d.wait.as_micros() as u64);
        }
        for (i, start) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .take_while(|t| **t < start + 1_000_000)
                .count();
            assert!(in_window <= 20, "{in_window} calls in one second");
        }
    }

    #[test]
    fn a_slot_too_far_off_is_not_reserved() {
        let gcras = [gcra(1, Per::Second)];
        let mut tats = [0u64];
        assert!(decide(0, 0, &mut tats, &gcras, 0).granted);
        let d = decide(0, 0, &mut tats, &gcras, 500_000);
        assert!(!d.granted);
        assert_eq!(d.binding, Binding::Limit(0));
        assert_eq!(tats, [1_100_000]);
    }

    #[test]
    fn a_pause_holds_every_budget_back() {
        let gcras = [gcra(20, Per::Second)];
        let mut tats = [0u64];
        let d = decide(0, 2_000_000, &mut tats, &gcras, u64::MAX);
        assert_eq!(
            (d.wait, d.binding),
            (Duration::from_secs(2), Binding::Pause)
        );
    }
}
