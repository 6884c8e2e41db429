//! `RedisStore`: tokens and rate budgets shared by every instance through Redis (the `redis`
//! crate's reconnecting connection manager; no protocol code of ours).
//!
//! # Keys
//!
//! | key | value | written by |
//! | --- | --- | --- |
//! | `group-api:v1:token:<platform>:<app id>:<hash>` | the token; TTL: its lifetime less the refresh margin | the instance that fetched it, under the lock |
//! | `…:lock` (same key, `:lock` appended) | the fetching instance's owner id; TTL 15 s | `SET NX PX`, released by compare-and-delete |
//! | `group-api:v1:rate:<platform>:<endpoint>:<scope>:<subject>:<calls>/<per>/<burst>` | the budget's GCRA TAT (µs, Redis clock) | the GCRA script |
//! | `group-api:v1:pause:<platform>:<endpoint>:<app>` | until when the endpoint is paused (µs, Redis clock) | the pause script, after a server's rate-limit answer |
//!
//! # When Redis cannot be reached
//!
//! Every command has a timeout (1 s by default). A command that fails or times out marks Redis
//! unreachable: a warning is logged (through `tracing`, once per outage),
//! [`RedisStore::last_error`] says why, and for a backoff (200 ms, doubling up to 5 s) no command
//! is tried: tokens are fetched and cached in process, rate budgets kept in process. The first
//! command after the backoff tries Redis again; once it answers, instances share again.

use std::fmt;
use std::future::Future;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, Script};

use super::{MemoryStore, TokenKey, lock, unique_id};
use crate::http::rate::{Binding, Decision, Plan};
use crate::http::redact::{AccessToken, REDACTED, Scrubber, Secret};

/// How long a command may take before Redis is taken to be unreachable, unless told otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);

/// How long the token lock is held at most: a fetch that takes longer lets another instance fetch.
const LOCK_TTL: Duration = Duration::from_secs(15);

/// How often an instance waiting for another's fetch looks for the token.
const POLL: Duration = Duration::from_millis(20);

/// The backoff after Redis failed, and its ceiling.
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Compare-and-delete: deletes `KEYS[1]` only while it holds `ARGV[1]` (a refused token that no
/// instance has replaced yet; a lock still held by its owner).
const COMPARE_AND_DELETE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// One GCRA step (see `http::rate`) on Redis's clock, for several budgets at once.
/// KEYS[1]: the pause key; KEYS[2..]: budget keys. ARGV[1]: the longest wait (µs); then per
/// budget its spacing T and tolerance τ (µs). Returns {granted (0/1), wait (µs), binding (-1:
/// none, 0: the pause, i: budget i)}.
const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local start = now
local binding = -1
local pause = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if pause > start then
  start = pause
  binding = 0
end
local tats = {}
for i = 2, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0') or 0
  local tau = tonumber(ARGV[2 * i - 1])
  tats[i] = tat
  if tat - tau > start then
    start = tat - tau
    binding = i - 1
  end
end
local wait = start - now
if wait > tonumber(ARGV[1]) then
  return {0, wait, binding}
end
for i = 2, #KEYS do
  local emission = tonumber(ARGV[2 * i - 2])
  local tat = math.max(tats[i], start) + emission
  redis.call('SET', KEYS[i], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
end
return {1, wait, binding}
";

/// Pauses `KEYS[1]` for `ARGV[1]` µs from now on Redis's clock, unless a longer pause is set.
const PAUSE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local pause = tonumber(ARGV[1])
local untl = now + pause
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if untl > current then
  redis.call('SET', KEYS[1], string.format('%.0f', untl), 'PX', math.floor(pause / 1000) + 1000)
end
return 1
";

/// Tokens and rate budgets kept in Redis, shared by every instance (process, pod, host) that uses
/// the same Redis: one token fetch for the whole fleet, one rate budget per documented limit.
///
/// Built from a URL (`redis://[:password@]host:port[/db]`); it connects on first use, and
/// reconnects by itself. Give it to each client with `with_store` (a clone is cheap and shares the
/// connection).
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let store = group_api::RedisStore::new("redis://:s3cret@10.0.0.5:6379/2")?;
/// assert!(!format!("{store:?}").contains("s3cret"));
/// let client = group_api::dingtalk::Client::from_app_credentials("key", "secret").with_store(store);
/// # let _ = client; Ok(()) }
/// ```
///
/// - **Tokens.** Each app's token is kept under a key named by the platform, the host, the app id
///   and a hash of the secret (never the secret). An instance that finds no token takes a lock
///   (`SET NX PX`, with an owner id, released by compare-and-delete), reads again, and only then
///   fetches; the others wait for its token. A refused token is deleted only while it is still the
///   stored one, so a newer token is never thrown away. Each instance keeps the token in memory
///   for as long as Redis says it lives, so most calls do not touch Redis for it.
/// - **Rate budgets.** Every call of an endpoint with limits runs one script (a GCRA on Redis's
///   clock) for all its budgets at once.
/// - **Outages.** While Redis cannot be reached (or answers slower than
///   [`with_timeout`](Self::with_timeout)), calls go on with tokens fetched and cached in process
///   and budgets kept in process; see [`last_error`](Self::last_error).
///
/// The password never appears in `Debug`, `Display` or errors. Tokens are stored in Redis as
/// they are: protect it as you would the app secrets.
#[derive(Clone)]
pub struct RedisStore(std::sync::Arc<Inner>);

struct Inner {
    client: redis::Client,
    /// The URL as it may be shown: the password replaced.
    shown: String,
    password: Option<Secret>,
    timeout: Duration,
    manager: OnceLock<Result<ConnectionManager, String>>,
    health: Mutex<Health>,
    /// The in-process cache of tokens, and the budgets kept while Redis cannot be reached.
    memory: MemoryStore,
    gcra: Script,
    pause: Script,
    compare_and_delete: Script,
}

#[derive(Default)]
struct Health {
    /// While `Some`, Redis is taken to be unreachable; no command is tried before it.
    retry_at: Option<Instant>,
    backoff: Duration,
    last_error: Option<StoreError>,
    outages: u64,
}

/// A failure of the Redis store: the URL does not parse, or Redis could not be reached or
/// refused a command. Never holds the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    message: String,
}

impl StoreError {
    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redis store: {}", self.message)
    }
}

impl std::error::Error for StoreError {}

impl RedisStore {
    /// A store in the Redis at `url` (`redis://[[user]:password@]host[:port][/db]`). Nothing is
    /// connected yet: the first call that needs Redis connects. Fails only when the URL cannot be
    /// read.
    pub fn new(url: &str) -> Result<Self, StoreError> {
        let password = password_in(url);
        let scrub = |text: String| match &password {
            Some(password) => Scrubber::new([password]).scrub(&text),
            None => text,
        };
        let client = redis::Client::open(url).map_err(|error| StoreError {
            message: scrub(format!("the URL cannot be read: {error}")),
        })?;
        let info = client.get_connection_info();
        let settings = info.redis_settings();
        let user = match (settings.username(), settings.password()) {
            (Some(user), Some(_)) => format!("{user}:{REDACTED}@"),
            (None, Some(_)) => format!(":{REDACTED}@"),
            (Some(user), None) => format!("{user}@"),
            (None, None) => String::new(),
        };
        let shown = format!("redis://{user}{}/{}", info.addr(), settings.db());
        let password = settings.password().map(Secret::new).or(password);
        Ok(Self::build(client, shown, password, DEFAULT_TIMEOUT))
    }

    fn build(
        client: redis::Client,
        shown: String,
        password: Option<Secret>,
        timeout: Duration,
    ) -> Self {
        Self(std::sync::Arc::new(Inner {
            client,
            shown,
            password,
            timeout,
            manager: OnceLock::new(),
            health: Mutex::default(),
            memory: MemoryStore::new(),
            gcra: Script::new(GCRA),
            pause: Script::new(PAUSE),
            compare_and_delete: Script::new(COMPARE_AND_DELETE),
        }))
    }

    /// How long one command may take before Redis is taken to be unreachable (default 1 s). Set it
    /// before the store is first used or cloned into a client.
    #[must_use]
    pub fn with_timeout(self, timeout: Duration) -> Self {
        let inner = &*self.0;
        Self::build(
            inner.client.clone(),
            inner.shown.clone(),
            inner.password.clone(),
            timeout,
        )
    }

    /// Why Redis could not last be used, if it could not; `None` once it answers again.
    pub fn last_error(&self) -> Option<StoreError> {
        lock(&self.0.health).last_error.clone()
    }

    /// How many times Redis became unreachable since the store was made.
    pub fn outages(&self) -> u64 {
        lock(&self.0.health).outages
    }

    /// Whether commands are sent to Redis now (`false` during the backoff after a failure).
    pub fn is_available(&self) -> bool {
        self.usable()
    }

    /// Sends `PING` now, even during the backoff after a failure (a health check): `Ok` once
    /// Redis answers, which also ends the backoff.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let connection = self
            .connection()
            .map_err(|()| self.last_error_or("no connection"))?;
        let mut connection = connection;
        let command = redis::cmd("PING");
        let ping = command.query_async::<String>(&mut connection);
        match tokio::time::timeout(self.0.timeout, ping).await {
            Ok(Ok(_)) => {
                self.answered();
                Ok(())
            }
            Ok(Err(error)) => {
                self.failed(error.to_string());
                Err(self.last_error_or("PING failed"))
            }
            Err(_) => {
                self.failed(format!("no answer within {:?}", self.0.timeout));
                Err(self.last_error_or("PING timed out"))
            }
        }
    }

    fn last_error_or(&self, message: &str) -> StoreError {
        self.last_error().unwrap_or_else(|| StoreError {
            message: message.to_owned(),
        })
    }

    pub(crate) fn memory(&self) -> &MemoryStore {
        &self.0.memory
    }

    fn usable(&self) -> bool {
        lock(&self.0.health)
            .retry_at
            .is_none_or(|at| Instant::now() >= at)
    }

    /// The connection manager, made on first use (it needs the async runtime).
    fn connection(&self) -> Result<ConnectionManager, ()> {
        let made = self.0.manager.get_or_init(|| {
            let timeout = Some(self.0.timeout);
            let config = ConnectionManagerConfig::new()
                .set_connection_timeout(timeout)
                .set_response_timeout(timeout)
                .set_number_of_retries(0);
            ConnectionManager::new_lazy_with_config(self.0.client.clone(), config)
                .map_err(|error| error.to_string())
        });
        match made {
            Ok(manager) => Ok(manager.clone()),
            Err(message) => {
                self.failed(message.clone());
                Err(())
            }
        }
    }

    /// Runs `command` with the store's timeout; a failure marks Redis unreachable.
    async fn run<T, F>(&self, command: impl FnOnce(ConnectionManager) -> F) -> Result<T, ()>
    where
        F: Future<Output = redis::RedisResult<T>>,
    {
        if !self.usable() {
            return Err(());
        }
        let connection = self.connection()?;
        match tokio::time::timeout(self.0.timeout, command(connection)).await {
            Ok(Ok(value)) => {
                self.answered();
                Ok(value)
            }
            Ok(Err(error)) => {
                self.failed(error.to_string());
                Err(())
            }
            Err(_) => {
                self.failed(format!("no answer within {:?}", self.0.timeout));
                Err(())
            }
        }
    }

    fn answered(&self) {
        let mut health = lock(&self.0.health);
        if health.retry_at.take().is_some() || health.last_error.is_some() {
            health.last_error = None;
            health.backoff = Duration::ZERO;
            tracing::info!(store = %self.0.shown, "Redis store reachable again: tokens and rate budgets are shared again");
        }
    }

    fn failed(&self, message: String) {
        let message = match &self.0.password {
            Some(password) => Scrubber::new([password]).scrub(&message),
            None => message,
        };
        let error = StoreError {
            message: format!("{} cannot be used: {message}", self.0.shown),
        };
        let mut health = lock(&self.0.health);
        let first = health.retry_at.is_none();
        health.backoff = if first {
            FIRST_BACKOFF
        } else {
            health.backoff.saturating_mul(2).min(MAX_BACKOFF)
        };
        health.retry_at = Some(Instant::now() + health.backoff);
        if first {
            health.outages += 1;
            tracing::warn!(
                error = %error,
                "Redis store unreachable: tokens are fetched and cached in process and rate \
                 budgets kept in process until it answers"
            );
        }
        health.last_error = Some(error);
    }

    /// The token under `key`, shared by the fleet: read from Redis, or fetched by `fetch` under the
    /// fleet's lock (by this instance or another) and stored for `use_for` of the fetch. `rejected`
    /// is a token the server refused, deleted from Redis if it is still the stored one and never
    /// handed out.
    pub(crate) async fn shared_token<F, Fut, E>(
        &self,
        key: &TokenKey,
        rejected: Option<&AccessToken>,
        deadline: Option<Instant>,
        fetch: F,
    ) -> Shared<E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(AccessToken, Duration), E>>,
    {
        let lock_key = key.lock();
        let owner = unique_id();
        let started = Instant::now();
        let give_up = started + LOCK_TTL + POLL * 10;
        let give_up = deadline.map_or(give_up, |d| d.min(give_up));
        let mut polls = 0u32;
        loop {
            match self.read_token(key, rejected).await {
                Ok(Some(found)) => return Shared::Token(found.0, found.1),
                Ok(None) => {}
                Err(()) => return Shared::Unavailable,
            }
            let taken = self
                .run(|mut c| {
                    let (lock_key, owner) = (lock_key.clone(), owner.clone());
                    async move {
                        let options = redis::SetOptions::default()
                            .conditional_set(redis::ExistenceCheck::NX)
                            .with_expiration(redis::SetExpiry::PX(LOCK_TTL.as_millis() as u64));
                        c.set_options::<_, _, Option<String>>(&lock_key, &owner, options)
                            .await
                    }
                })
                .await;
            match taken {
                Ok(Some(_)) => {
                    return self
                        .fetch_locked(key, &lock_key, &owner, rejected, fetch)
                        .await;
                }
                Ok(None) => {}
                Err(()) => return Shared::Unavailable,
            }
            polls += 1;
            // Bounded: the lock lapses after LOCK_TTL, so waiting longer means something is wrong
            // with Redis; the caller then fetches in process.
            if Instant::now() >= give_up || polls > 2_000 {
                return Shared::Unavailable;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// With the lock held: reads once more (another instance may have just stored a token), else
    /// fetches and stores; releases the lock either way.
    async fn fetch_locked<F, Fut, E>(
        &self,
        key: &TokenKey,
        lock_key: &str,
        owner: &str,
        rejected: Option<&AccessToken>,
        fetch: F,
    ) -> Shared<E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(AccessToken, Duration), E>>,
    {
        let result = match self.read_token(key, rejected).await {
            Ok(Some((token, ttl))) => Shared::Token(token, ttl),
            Err(()) => Shared::Unavailable,
            Ok(None) => match fetch().await {
                Ok((token, use_for)) => {
                    let value = token.expose().to_owned();
                    let millis = (use_for.as_millis() as u64).max(1);
                    let _ = self
                        .run(|mut c| {
                            let key = key.as_str().to_owned();
                            async move { c.pset_ex::<_, _, ()>(key, value, millis).await }
                        })
                        .await;
                    Shared::Token(token, use_for)
                }
                Err(error) => Shared::Failed(error),
            },
        };
        let _ = self
            .run(|mut c| {
                let script = self.0.compare_and_delete.clone();
                let (lock_key, owner) = (lock_key.to_owned(), owner.to_owned());
                async move {
                    script
                        .key(lock_key)
                        .arg(owner)
                        .invoke_async::<i64>(&mut c)
                        .await
                }
            })
            .await;
        result
    }

    /// The stored token and how long it still lives, unless there is none or it is `rejected`
    /// (which is then deleted, if still stored).
    async fn read_token(
        &self,
        key: &TokenKey,
        rejected: Option<&AccessToken>,
    ) -> Result<Option<(AccessToken, Duration)>, ()> {
        let (value, pttl): (Option<String>, i64) = self
            .run(|mut c| {
                let key = key.as_str().to_owned();
                async move { redis::pipe().get(&key).pttl(&key).query_async(&mut c).await }
            })
            .await?;
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        if rejected.is_some_and(|r| r.expose() == value) {
            self.run(|mut c| {
                let script = self.0.compare_and_delete.clone();
                let key = key.as_str().to_owned();
                async move { script.key(key).arg(value).invoke_async::<i64>(&mut c).await }
            })
            .await?;
            return Ok(None);
        }
        // -1: stored without a TTL (not by group-api); kept a minute, then read again.
        let ttl = match pttl {
            -1 => Duration::from_secs(60),
            ms if ms > 0 => Duration::from_millis(ms as u64),
            _ => return Ok(None),
        };
        Ok(Some((AccessToken::new(value), ttl)))
    }

    /// One GCRA step: on Redis for the shared budgets (and in process for per-IP ones), or all in
    /// process while Redis cannot be reached.
    ///
    /// A slot is taken only from budgets that all grant the call: the per-IP budgets are asked
    /// first without taking one (a call they refuse never reaches Redis, so it takes no slot of
    /// the fleet's shared budgets that other instances need), and take it only once the shared
    /// budgets have granted theirs (a call the fleet's budget or pause refuses takes no per-IP
    /// slot).
    pub(crate) async fn acquire(&self, plan: &Plan) -> Decision {
        let shared: Vec<usize> = (0..plan.budgets.len())
            .filter(|i| !plan.budgets[*i].local)
            .collect();
        let has_local = shared.len() < plan.budgets.len();
        if has_local {
            let local = self.0.memory.budgets().peek(plan, |b| b.local);
            if !local.granted {
                return local;
            }
        }
        let max_wait_us = plan.max_wait.as_micros().min(i64::MAX as u128) as i64;
        let answer = self
            .run(|mut c| {
                let mut invocation = self.0.gcra.key(&plan.pause_key);
                invocation.arg(max_wait_us);
                for i in &shared {
                    let budget = &plan.budgets[*i];
                    invocation
                        .key(&budget.key)
                        .arg(budget.gcra.emission_us)
                        .arg(budget.gcra.tolerance_us);
                }
                async move { invocation.invoke_async::<(i64, i64, i64)>(&mut c).await }
            })
            .await;
        let decision = match answer {
            Ok((granted, wait, binding)) => Decision {
                granted: granted == 1,
                wait: Duration::from_micros(wait.max(0) as u64),
                binding: match binding {
                    0 => Binding::Pause,
                    i if i > 0 => shared
                        .get(i as usize - 1)
                        .map_or(Binding::Free, |j| Binding::Limit(*j)),
                    _ => Binding::Free,
                },
            },
            // Redis cannot be reached: every budget in process, in one step, as without a store.
            Err(_) => return self.0.memory.budgets().decide(plan, |_| true),
        };
        if !decision.granted || !has_local {
            return decision;
        }
        // Granted by the fleet: now the per-IP slot is taken (another call of this process may
        // have taken the one seen above; then this call waits longer, or is refused).
        let local = self.0.memory.budgets().decide(plan, |b| b.local);
        if !local.granted || local.wait > decision.wait {
            local
        } else {
            decision
        }
    }

    /// Pauses the endpoint for every instance (and in process, for while Redis cannot be reached).
    pub(crate) async fn pause(&self, plan: &Plan, pause: Duration) {
        self.0.memory.budgets().pause(&plan.pause_key, pause);
        let micros = pause.as_micros().min(i64::MAX as u128) as i64;
        let _ = self
            .run(|mut c| {
                let mut invocation = self.0.pause.key(&plan.pause_key);
                invocation.arg(micros);
                async move { invocation.invoke_async::<i64>(&mut c).await }
            })
            .await;
    }
}

/// What the fleet's token store gave.
pub(crate) enum Shared<E> {
    /// A token, and how long to use it.
    Token(AccessToken, Duration),
    /// This instance fetched, and the token endpoint failed.
    Failed(E),
    /// Redis could not be used: fetch in process.
    Unavailable,
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("url", &self.0.shown)
            .field("timeout", &self.0.timeout)
            .field("available", &self.usable())
            .finish()
    }
}

impl fmt::Display for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.shown)
    }
}

/// The password in a `redis://` URL, percent-decoded, for scrubbing from error messages (a URL
/// redis cannot read is not known to be free of it).
fn password_in(url: &str) -> Option<Secret> {
    let parsed = reqwest::Url::parse(url).ok()?;
    let raw = parsed.password()?;
    let decoded = percent_decode(raw);
    Some(Secret::new(decoded))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_never_shows() {
        let store = RedisStore::new("redis://:pa%24%24word-9f3@127.0.0.1:6390/3").unwrap();
        for shown in [format!("{store:?}"), store.to_string()] {
            assert!(!shown.contains("pa$$word"), "{shown}");
            assert!(!shown.contains("pa%24%24"), "{shown}");
            assert!(shown.contains("127.0.0.1:6390/3"), "{shown}");
        }
        let store = RedisStore::new("redis://app:pw-71f0c2@localhost/0").unwrap();
        assert_eq!(store.to_string(), "redis://app:<redacted>@localhost:6379/0");
        let error = RedisStore::new("redis://:pw-71f0c2@host:notaport/0").unwrap_err();
        assert!(!error.to_string().contains("pw-71f0c2"), "{error}");
    }
}
