//! The app-credentials token source: exchanges an app's key and secret for access tokens at the
//! platform's token endpoint, caches each token until shortly before it expires, and refreshes it
//! with one fetch however many calls are waiting.
//!
//! The token endpoints are ordinary spec files (`dingtalk.get_access_token`,
//! `feishu.get_tenant_access_token`, with `"auth": {"in": "none"}`), sent by the same
//! [`HttpCore`] as every other call, with the client's own host, HTTP client, timeout and retry
//! policy. Each platform module supplies only an [`Issue`] function: which request to build from
//! the credentials, and which response fields hold the token and its lifetime.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::core::HttpCore;
use super::redact::{AccessToken, Secret};
use super::store::{Store, TokenKey, until};
use super::token::{TokenError, TokenFuture, TokenSource};
use crate::endpoint::{Endpoint, Transport};
use crate::error::Error;
use crate::validate::ValidationError;

/// When the app-credentials source of `Client::from_app_credentials` refreshes its token.
///
/// A token is refreshed `margin` before the expiry its token endpoint announces (`expireIn` for
/// DingTalk, `expire` for Feishu), so that no call goes out with a token about to lapse; the
/// margin is at most half the token's lifetime, so a short-lived token is still used for a while.
/// When the endpoint announces no lifetime, or 0, the token is taken to live `default_lifetime`.
///
/// The defaults: a **5-minute** margin, and a **30-minute** lifetime when none is announced. Both
/// platforms issue tokens for 7200 s, so a token is refreshed after 1 h 55 min. Feishu hands out
/// a new token once less than 30 minutes remain, DingTalk the same token until it expires: either
/// way the 5 minutes leave room for a slow token call. The default lifetime is shorter than the
/// platforms' two hours on purpose: an endpoint that says nothing about expiry is not one whose
/// tokens should be trusted for long, and a refused token is replaced anyway.
///
/// ```
/// use std::time::Duration;
/// use group_api::TokenRefresh;
///
/// let refresh = TokenRefresh::default().with_margin(Duration::from_secs(60));
/// assert_eq!(refresh.margin(), Duration::from_secs(60));
/// assert_eq!(refresh.default_lifetime(), Duration::from_secs(30 * 60));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenRefresh {
    margin: Duration,
    default_lifetime: Duration,
}

impl Default for TokenRefresh {
    fn default() -> Self {
        Self {
            margin: Duration::from_secs(5 * 60),
            default_lifetime: Duration::from_secs(30 * 60),
        }
    }
}

impl TokenRefresh {
    /// How long before the announced expiry a token is replaced (at most half its lifetime).
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// How long a token is taken to live when its endpoint announces no lifetime, or 0.
    pub fn with_default_lifetime(mut self, lifetime: Duration) -> Self {
        self.default_lifetime = lifetime;
        self
    }

    /// The margin before expiry.
    pub fn margin(&self) -> Duration {
        self.margin
    }

    /// The lifetime assumed when none is announced.
    pub fn default_lifetime(&self) -> Duration {
        self.default_lifetime
    }

    /// How long after it was asked for a token with `lifetime` (as announced) is used.
    fn use_for(&self, lifetime: Option<Duration>) -> Duration {
        let lifetime = lifetime
            .filter(|l| !l.is_zero())
            .unwrap_or(self.default_lifetime)
            // Both platforms issue 2-hour tokens; an announced lifetime beyond a day is a broken
            // answer, not a reason to keep a token for years (or overflow the clock).
            .min(MAX_LIFETIME);
        lifetime - self.margin.min(lifetime / 2)
    }
}

/// The longest a fetched token is kept, whatever lifetime the server announces.
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// After a refused token is thrown away, a refusal of its successor within this time keeps the
/// successor (the call gets the refusal, no new token is fetched); each further refusal in a row
/// doubles the pause, up to [`MAX_REFUSAL_PAUSE`]. A token the server accepts ends the run. A platform that refuses every token (a revoked app, a token endpoint
/// and an API out of step) then costs one token call a minute, not one per API call, and the
/// platforms throttle token calls.
const FIRST_REFUSAL_PAUSE: Duration = Duration::from_secs(1);

/// The longest pause between two token fetches caused by refusals.
const MAX_REFUSAL_PAUSE: Duration = Duration::from_secs(60);

/// An app's key and secret (DingTalk `appKey`/`appSecret`, Feishu `app_id`/`app_secret`). The key
/// names the app and shows in `Debug`; the secret never does.
#[doc(hidden)]
#[derive(Clone)]
pub struct AppCredentials {
    key: String,
    secret: Secret,
}

impl AppCredentials {
    pub fn new(key: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            secret: Secret::new(secret),
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The secret itself, for the token request.
    pub fn secret(&self) -> &str {
        self.secret.expose()
    }

    pub(crate) fn secret_ref(&self) -> &Secret {
        &self.secret
    }
}

/// A token as its endpoint issued it.
#[doc(hidden)]
pub struct IssuedToken {
    token: AccessToken,
    lifetime: Option<Duration>,
}

/// What an [`Issue`] function returns.
#[doc(hidden)]
pub type IssueFuture<'a> =
    Pin<Box<dyn Future<Output = Result<IssuedToken, TokenError>> + Send + 'a>>;

/// A platform's way of exchanging app credentials for a token, through `core`.
#[doc(hidden)]
pub type Issue = for<'a> fn(&'a HttpCore, &'a AppCredentials) -> IssueFuture<'a>;

/// Sends the token request `request` (built from the credentials) through `core`, and reads the
/// token and its lifetime in seconds from the response with `read`. `platform` names the platform
/// in errors (`DingTalk`), `token_field` the response field that holds the token.
#[doc(hidden)]
pub async fn exchange<R: Endpoint>(
    core: &HttpCore,
    platform: &'static str,
    token_field: &'static str,
    request: Result<R, ValidationError>,
    read: impl FnOnce(R::Response) -> (Option<String>, Option<i64>),
) -> Result<IssuedToken, TokenError> {
    let what = match R::INFO.transport {
        Transport::Http { method, path, .. } => format!("{method} {path}"),
        Transport::JsSdk { call, .. } => call.to_owned(),
    };
    let fail = |error: Error<R::Error>| TokenError::from_token_endpoint(platform, &what, error);
    let request = request.map_err(|error| fail(Error::Validation(error)))?;
    let response = core.send(&request).await.map_err(fail)?;
    let (token, lifetime) = read(response);
    let token = token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| TokenError::no_token(platform, &what, token_field))?;
    if reqwest::header::HeaderValue::from_str(&token).is_err() {
        return Err(TokenError::unusable_token(platform, &what, token_field));
    }
    Ok(IssuedToken {
        token: AccessToken::new(token),
        lifetime: lifetime
            .and_then(|seconds| u64::try_from(seconds).ok())
            .map(Duration::from_secs),
    })
}

/// A token endpoint's token field, as the generated issue function reads it: `String` where the spec
/// marks it required, `Option<String>` otherwise.
#[doc(hidden)]
pub trait TokenText {
    fn token_text(self) -> Option<String>;
}

impl TokenText for String {
    fn token_text(self) -> Option<String> {
        Some(self)
    }
}

impl TokenText for Option<String> {
    fn token_text(self) -> Option<String> {
        self
    }
}

/// A token endpoint's lifetime field (seconds), required or not.
#[doc(hidden)]
pub trait TokenLifetime {
    fn token_lifetime(self) -> Option<i64>;
}

impl TokenLifetime for i64 {
    fn token_lifetime(self) -> Option<i64> {
        Some(self)
    }
}

impl TokenLifetime for Option<i64> {
    fn token_lifetime(self) -> Option<i64> {
        self
    }
}

/// The token source of `Client::from_app_credentials`: one per client (and its clones), with its
/// token in a [`TokenSlot`] of the client's store, so two apps never share a token, and clients
/// given one store share the token of their app.
pub(crate) struct AppTokenSource {
    platform: &'static str,
    app: AppCredentials,
    issue: Issue,
    refresh: TokenRefresh,
    /// Sends the token requests: the client's settings, no token, the app secret scrubbed.
    core: HttpCore,
    /// Where the token is shared (a Redis store: by every instance).
    store: Store,
    /// The token's key in a shared store.
    #[cfg_attr(not(feature = "redis"), allow(dead_code))]
    key: TokenKey,
    slot: Arc<TokenSlot>,
}

/// One app's token in process memory, shared by the sources that name the same app, secret and
/// host in one store.
#[derive(Default)]
pub(crate) struct TokenSlot {
    cache: Mutex<Cache>,
    /// Held while a token is fetched: callers that find the token stale queue here, and the first
    /// one fetches while the others wait for its result.
    fetching: tokio::sync::Mutex<()>,
    /// Whether a run of refusals is going on (`Cache::refused` is set): checked without the lock
    /// after every accepted call.
    refusal_run: AtomicBool,
}

impl TokenSlot {
    fn cache(&self) -> MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[derive(Default)]
struct Cache {
    /// The token, and when to stop using it.
    token: Option<(AccessToken, Instant)>,
    /// How many fetches have finished, so that a caller who waited can tell whether one did.
    fetches: u64,
    /// Why the last fetch failed, for the callers that waited on it.
    failure: Option<TokenError>,
    /// When a refused token was last thrown away, and how long until the next may be.
    refused: Option<(Instant, Duration)>,
    /// The last token thrown away after a refusal, until the shared store has been told (it
    /// deletes it there if it is still the stored one).
    #[cfg_attr(not(feature = "redis"), allow(dead_code))]
    rejected: Option<AccessToken>,
}

impl Cache {
    /// Why a token is fetched now, for the log: none yet, the last one was refused, or it is
    /// about to expire.
    fn fetch_reason(&self) -> &'static str {
        match (&self.token, &self.rejected) {
            (Some(_), _) => "refresh before the token expires",
            (None, Some(_)) => "refresh after the server refused the token",
            (None, None) => "first token",
        }
    }

    fn fresh(&self) -> Option<AccessToken> {
        let (token, until) = self.token.as_ref()?;
        (Instant::now() < *until).then(|| token.clone())
    }
}

impl AppTokenSource {
    /// A source for `app` on `platform`, fetching through `core` (which sends the token endpoint
    /// with no token and scrubs the app secret from its errors), keeping its token in `core`'s
    /// store.
    pub(crate) fn new(
        platform: &'static str,
        app: AppCredentials,
        issue: Issue,
        refresh: TokenRefresh,
        core: HttpCore,
    ) -> Self {
        let store = core.store().clone();
        let key = TokenKey::new(platform, core.host_key(), app.key(), app.secret());
        let slot = store.token_slot(&key);
        Self {
            platform,
            app,
            issue,
            refresh,
            core,
            store,
            key,
            slot,
        }
    }

    /// The same app with other settings (and the slot of its store and host).
    pub(crate) fn reconfigured(&self, refresh: TokenRefresh, core: HttpCore) -> Self {
        Self::new(self.platform, self.app.clone(), self.issue, refresh, core)
    }

    pub(crate) fn refresh(&self) -> TokenRefresh {
        self.refresh
    }

    /// The server accepted `token` (the call was answered, and not with a token refusal): a run
    /// of refusals is over.
    pub(crate) fn accepted(&self, token: &AccessToken) {
        if !self.slot.refusal_run.load(Ordering::Relaxed) {
            return;
        }
        let mut cache = self.slot.cache();
        if cache.token.as_ref().is_some_and(|(held, _)| held == token) {
            cache.refused = None;
            self.slot.refusal_run.store(false, Ordering::Relaxed);
        }
    }

    async fn current(&self) -> Result<AccessToken, TokenError> {
        let slot = &self.slot;
        let seen = {
            let cache = slot.cache();
            if let Some(token) = cache.fresh() {
                return Ok(token);
            }
            cache.fetches
        };
        let _fetching = slot.fetching.lock().await;
        {
            let cache = slot.cache();
            if let Some(token) = cache.fresh() {
                return Ok(token);
            }
            // A fetch finished while this caller waited, and failed: its answer is this caller's
            // too, rather than one more call to an endpoint that just refused or was unreachable.
            if let (true, Some(failure)) = (cache.fetches != seen, &cache.failure) {
                return Err(failure.clone());
            }
        }
        #[cfg(feature = "redis")]
        if let Some(redis) = self.store.redis() {
            use super::store::Shared;
            let rejected = slot.cache().rejected.clone();
            let fetch = || async {
                let issued = (self.issue)(&self.core, &self.app).await?;
                Ok::<_, TokenError>((issued.token, self.refresh.use_for(issued.lifetime)))
            };
            match redis
                .shared_token(&self.key, rejected.as_ref(), None, fetch)
                .await
            {
                Shared::Token(token, use_for) => {
                    let mut cache = slot.cache();
                    cache.fetches += 1;
                    cache.token = Some((token.clone(), until(Instant::now(), use_for)));
                    cache.failure = None;
                    cache.rejected = None;
                    return Ok(token);
                }
                Shared::Failed(error) => {
                    let mut cache = slot.cache();
                    cache.fetches += 1;
                    cache.failure = Some(error.clone());
                    return Err(error);
                }
                // Redis cannot be used: fetched and cached in process, as without a store.
                Shared::Unavailable => {}
            }
        }
        let reason = slot.cache().fetch_reason();
        tracing::info!(platform = self.platform, reason, "fetching an access token");
        let asked = Instant::now();
        let result = (self.issue)(&self.core, &self.app).await;
        let mut cache = slot.cache();
        cache.fetches += 1;
        match result {
            Ok(issued) => {
                let use_for = self.refresh.use_for(issued.lifetime);
                tracing::info!(
                    platform = self.platform,
                    outcome = "issued",
                    lifetime_s = issued.lifetime.map(|l| l.as_secs()),
                    use_for_s = use_for.as_secs(),
                    "access token fetched"
                );
                cache.token = Some((issued.token.clone(), until(asked, use_for)));
                cache.failure = None;
                Ok(issued.token)
            }
            Err(error) => {
                tracing::warn!(
                    platform = self.platform,
                    outcome = ?error.kind(),
                    status = error.status(),
                    request_id = error.request_id(),
                    "no access token: the fetch failed"
                );
                cache.failure = Some(error.clone());
                Err(error)
            }
        }
    }
}

impl TokenSource for AppTokenSource {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.current())
    }

    /// Throws `rejected` away if it is still the token held; but within a run of refusals (no
    /// token accepted since the last one was thrown away) only once the pause has passed
    /// ([`FIRST_REFUSAL_PAUSE`], doubling each time, at most [`MAX_REFUSAL_PAUSE`]). Until then
    /// the token is kept and the caller gets the refusal, without a token call.
    fn invalidate(&self, rejected: &AccessToken) {
        let mut cache = self.slot.cache();
        if !cache
            .token
            .as_ref()
            .is_some_and(|(held, _)| held == rejected)
        {
            return;
        }
        let now = Instant::now();
        let pause = match cache.refused {
            Some((at, pause)) if now.duration_since(at) < pause => return,
            Some((_, pause)) => pause.saturating_mul(2).min(MAX_REFUSAL_PAUSE),
            None => FIRST_REFUSAL_PAUSE,
        };
        cache.refused = Some((now, pause));
        self.slot.refusal_run.store(true, Ordering::Relaxed);
        cache.token = None;
        cache.rejected = Some(rejected.clone());
    }

    fn is_refreshable(&self) -> bool {
        true
    }
}

impl fmt::Debug for AppTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self
            .slot
            .cache()
            .token
            .as_ref()
            .map(|(token, _)| token.secret().clone());
        f.debug_struct("AppCredentials")
            .field("platform", &self.platform)
            .field("app_key", &self.app.key)
            .field("app_secret", &self.app.secret)
            .field("token", &cached)
            .field("refresh", &self.refresh)
            .field("store", &self.store)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_used_until_the_margin_before_its_expiry() {
        let refresh = TokenRefresh::default();
        let two_hours = Duration::from_secs(7200);
        assert_eq!(refresh.use_for(Some(two_hours)), Duration::from_secs(6900));
        // An absurd lifetime is capped at a day (less the margin), not kept for years.
        assert_eq!(
            refresh.use_for(Some(Duration::from_secs(u64::MAX))),
            MAX_LIFETIME - Duration::from_secs(5 * 60)
        );
        // No lifetime, or 0: the default lifetime, less the margin.
        assert_eq!(refresh.use_for(None), Duration::from_secs(25 * 60));
        assert_eq!(
            refresh.use_for(Some(Duration::ZERO)),
            Duration::from_secs(25 * 60)
        );
        // A lifetime shorter than twice the margin: used for half of it.
        assert_eq!(
            refresh.use_for(Some(Duration::from_secs(60))),
            Duration::from_secs(30)
        );
    }
}
