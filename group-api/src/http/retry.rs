//! Trying a call again: which failures, how often, and how long to wait in between.

use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::api_error::{ApiError, ErrorCategory};
use crate::error::{Error, TransportErrorKind};

/// When a client tries a failed call again.
///
/// Only failures that [`Error::is_retryable`] calls retryable are tried again: an error row the
/// spec marks retryable (DingTalk's `system.error`, old-style `-1` system busy, the rate limits),
/// an undocumented code or unreadable answer with HTTP 5xx or 429, a connection failure, or a
/// timeout. Validation, permission, quota and token errors are never retried: the same call would
/// fail the same way.
///
/// A call whose method is not idempotent (`POST`, `PATCH`) is sent again only when the failure
/// says the server did not carry it out, so that a write is never repeated:
///
/// | failure | `GET`, `PUT`, `DELETE` | `POST`, `PATCH` |
/// | --- | --- | --- |
/// | connection failure (nothing was sent) | retried | retried |
/// | rate-limit refusal (a rate-limit row, or HTTP 429) | retried | retried |
/// | a documented row the spec marks retryable (system busy) | retried | retried |
/// | timeout | retried | not resent: the server may have carried it out |
/// | HTTP 5xx without a documented code (a gateway's 502, 503, 504), an unreadable answer | retried | not resent |
///
/// The same rule applies to every call, the token endpoints' included.
///
/// Between attempts the client waits, in this order of preference:
///
/// 1. the server's hint: the `Retry-After` header or Feishu's `x-ogw-ratelimit-reset` (seconds);
/// 2. the error row's advice (DingTalk's QPS limits: about one second);
/// 3. an exponential backoff with full jitter: a random time up to `initial_backoff × 2ⁿ⁻¹` before
///    retry `n`, at most `max_backoff`.
///
/// A wait longer than `max_wait` is not waited out: the call returns the error at once, and
/// [`Error::retry_after`] tells the caller when to try again (Feishu's limit windows can be a
/// minute long; DingTalk's per-IP block lasts five). A row's own attempt limit (old-style `-1`:
/// at most three) applies when it is lower than the policy's.
///
/// The default: **3 attempts in all** (the first and two retries), backoff from **200 ms** up to
/// **5 s**, server waits honoured up to **30 s**, with jitter. [`RetryPolicy::none`] sends each
/// call once.
///
/// ```
/// use std::time::Duration;
/// use group_api::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_backoff(Duration::from_millis(500), Duration::from_secs(10))
///     .with_max_wait(Duration::from_secs(60));
/// assert_eq!(patient.max_attempts(), 5);
/// assert_eq!(RetryPolicy::none().max_attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_wait: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_wait: Duration::from_secs(30),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// Each call is sent once, whatever the failure.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// How many attempts a call gets in all, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry, and the most any backoff grows to.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// The longest wait the server may ask for that the client still waits out before retrying.
    pub fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// Backoffs without randomness: exactly `initial_backoff × 2ⁿ⁻¹` (capped). Jitter keeps many
    /// clients that failed together from retrying together; turn it off only for tests.
    pub fn without_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    /// How many attempts a call gets in all, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The most any backoff grows to.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest server-requested wait the client waits out.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// How long to wait before trying again after attempt `attempt` (counting from 1) failed with
    /// `error`, or `None` to give up and return the error.
    pub(crate) fn next_wait<E: ApiError>(
        &self,
        attempt: u32,
        error: &Error<E>,
    ) -> Option<Duration> {
        if !error.is_retryable() {
            return None;
        }
        let row_limit = error
            .api_error()
            .and_then(ApiError::row)
            .and_then(|row| row.max_attempts);
        let limit = row_limit.map_or(self.max_attempts, |row| row.min(self.max_attempts));
        if attempt >= limit {
            return None;
        }
        match error.retry_after() {
            Some(wait) if wait > self.max_wait => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(attempt)),
        }
    }

    /// The backoff before retry number `retry` (counting from 1).
    fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let ceiling = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        if self.jitter {
            ceiling.mul_f64(random_fraction())
        } else {
            ceiling
        }
    }
}

/// Whether a call that failed with `error` may be sent again, by the rule in [`RetryPolicy`]'s
/// table: always when `idempotent`; otherwise only when the failure shows the server did not
/// carry the call out.
pub(crate) fn may_resend<E: ApiError>(error: &Error<E>, idempotent: bool) -> bool {
    if idempotent {
        return true;
    }
    match error {
        Error::Transport(transport) => transport.kind() == TransportErrorKind::Connect,
        Error::Api(failure) => match failure.error.row() {
            Some(row) => row.retryable || row.category == ErrorCategory::RateLimited,
            None => failure.status == Some(429),
        },
        Error::Decode(decode) => decode.status == Some(429),
        _ => false,
    }
}

/// The server's wait hint: `Retry-After` (delay in seconds), else the API's own wait headers
/// (`extra`, from its platform file: Feishu's `x-ogw-ratelimit-reset`, seconds until the
/// rate-limit window resets). An HTTP-date `Retry-After` is not read.
///
/// A number too large for a `Duration` (`1e20`, `inf`) is the longest wait there is, so that the
/// call gives up rather than retrying at once; a negative number or `NaN` is no hint.
pub(crate) fn wait_hint(headers: &HeaderMap, extra: &[&str]) -> Option<Duration> {
    std::iter::once(&"retry-after")
        .chain(extra)
        .filter_map(|name| headers.get(*name)?.to_str().ok())
        .find_map(|value| {
            let seconds: f64 = value.trim().parse().ok()?;
            if seconds.is_nan() || seconds < 0.0 {
                return None;
            }
            Some(Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX))
        })
}

/// A number in `[0, 1)`, different on every call; enough randomness for jitter without a
/// random-number crate (std's `RandomState` is seeded randomly and differently every time).
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let policy = RetryPolicy::default()
            .with_backoff(Duration::from_millis(100), Duration::from_millis(350))
            .without_jitter();
        let waits: Vec<_> = (1..=4).map(|n| policy.backoff(n).as_millis()).collect();
        assert_eq!(waits, [100, 200, 350, 350]);
    }

    #[test]
    fn jitter_stays_below_the_ceiling() {
        let policy = RetryPolicy::default();
        for retry in 1..=10 {
            assert!(policy.backoff(retry) <= Duration::from_secs(5));
        }
        let fractions: Vec<f64> = (0..20).map(|_| random_fraction()).collect();
        assert!(fractions.iter().all(|f| (0.0..1.0).contains(f)));
        assert!(fractions.windows(2).any(|w| w[0] != w[1]));
    }

    const FEISHU: &[&str] = &["x-ogw-ratelimit-reset"];

    #[test]
    fn reads_both_wait_headers() {
        let mut headers = HeaderMap::new();
        assert_eq!(wait_hint(&headers, FEISHU), None);
        headers.insert("x-ogw-ratelimit-reset", "7".parse().unwrap());
        assert_eq!(wait_hint(&headers, FEISHU), Some(Duration::from_secs(7)));
        headers.insert("retry-after", "2".parse().unwrap());
        assert_eq!(wait_hint(&headers, FEISHU), Some(Duration::from_secs(2)));
        headers.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(wait_hint(&headers, FEISHU), Some(Duration::from_secs(7)));
    }

    #[test]
    fn a_wait_hint_too_large_for_a_duration_is_the_longest_wait() {
        for huge in ["1e20", "inf", "Infinity", "18446744073709551616"] {
            let mut headers = HeaderMap::new();
            headers.insert("retry-after", huge.parse().unwrap());
            assert_eq!(wait_hint(&headers, FEISHU), Some(Duration::MAX), "{huge}");
        }
        for none in ["-1", "NaN", "-inf"] {
            let mut headers = HeaderMap::new();
            headers.insert("retry-after", none.parse().unwrap());
            assert_eq!(wait_hint(&headers, FEISHU), None, "{none}");
        }
    }
}
