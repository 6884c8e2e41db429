//! Where a client keeps the state it can share: its tokens (fetched from app credentials) and its
//! rate budgets.
//!
//! [`Store`] is one of two kinds, chosen with `Client::with_store`:
//!
//! - [`MemoryStore`], the default: process memory. Every client starts with one of its own, shared
//!   by its clones; give one `MemoryStore` to several clients and they share it too (one token per
//!   app and host, one budget per limit).
//! - `RedisStore` (feature `redis`): Redis, shared by every instance that uses it, with an
//!   in-process cache in front and process memory as the fallback while Redis cannot be reached.
//!
//! The set is closed (an enum behind [`Store`], not a trait): what a store promises (a lock with an
//! owner, compare-and-delete of a refused token, one GCRA step for several budgets at once) is easy
//! to get subtly wrong, and a new kind is better added here, tested against the same suite.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::{Duration, Instant};

use super::app_credentials::TokenSlot;
use super::rate::{Decision, MemoryBudgets, Plan};

#[cfg(feature = "redis")]
mod redis;
#[cfg(feature = "redis")]
pub(crate) use self::redis::Shared;
#[cfg(feature = "redis")]
pub use self::redis::{RedisStore, StoreError};

/// Where a client keeps its tokens and rate budgets: process memory ([`MemoryStore`], the
/// default) or Redis (`RedisStore`, feature `redis`). Give it to a client with `with_store`.
///
/// ```
/// let store = group_api::MemoryStore::new();
/// // Two clients of one app that share one token and one rate budget.
/// let a = group_api::dingtalk::Client::from_app_credentials("key", "secret").with_store(store.clone());
/// let b = group_api::dingtalk::Client::from_app_credentials("key", "secret").with_store(store);
/// # let _ = (a, b);
/// ```
#[derive(Clone)]
pub struct Store(Kind);

#[derive(Clone)]
enum Kind {
    Memory(MemoryStore),
    #[cfg(feature = "redis")]
    Redis(RedisStore),
}

impl Store {
    /// A new, empty in-process store.
    pub fn in_memory() -> Self {
        Self(Kind::Memory(MemoryStore::new()))
    }

    /// The Redis store behind this one, if it is one.
    #[cfg(feature = "redis")]
    pub(crate) fn redis(&self) -> Option<&RedisStore> {
        match &self.0 {
            Kind::Redis(redis) => Some(redis),
            Kind::Memory(_) => None,
        }
    }

    /// The in-process slot for the token under `key`: one per key and store, however many
    /// clients ask, while one of them holds it.
    pub(crate) fn token_slot(&self, key: &TokenKey) -> Arc<TokenSlot> {
        self.memory().token_slot(key)
    }

    /// Process memory: the store itself, or a Redis store's cache and fallback.
    fn memory(&self) -> &MemoryStore {
        match &self.0 {
            Kind::Memory(memory) => memory,
            #[cfg(feature = "redis")]
            Kind::Redis(redis) => redis.memory(),
        }
    }

    /// One GCRA step for the budgets of `plan`: the slot is reserved when it is within
    /// `plan.max_wait`.
    pub(crate) async fn acquire(&self, plan: &Plan) -> Decision {
        #[cfg(feature = "redis")]
        if let Kind::Redis(redis) = &self.0 {
            return redis.acquire(plan).await;
        }
        self.memory().budgets().decide(plan, |_| true)
    }

    /// Holds back every call under `plan`'s pause key for `pause`.
    pub(crate) async fn pause(&self, plan: &Plan, pause: Duration) {
        #[cfg(feature = "redis")]
        if let Kind::Redis(redis) = &self.0 {
            return redis.pause(plan, pause).await;
        }
        self.memory().budgets().pause(&plan.pause_key, pause);
    }
}

impl Default for Store {
    fn default() -> Self {
        Self::in_memory()
    }
}

impl From<MemoryStore> for Store {
    fn from(store: MemoryStore) -> Self {
        Self(Kind::Memory(store))
    }
}

#[cfg(feature = "redis")]
impl From<RedisStore> for Store {
    fn from(store: RedisStore) -> Self {
        Self(Kind::Redis(store))
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Memory(memory) => fmt::Debug::fmt(memory, f),
            #[cfg(feature = "redis")]
            Kind::Redis(redis) => fmt::Debug::fmt(redis, f),
        }
    }
}

/// Tokens and rate budgets in process memory: what every client starts with (one store per
/// client, shared by its clones). Clone it into several clients to make them share.
#[derive(Clone, Default)]
pub struct MemoryStore(Arc<MemoryInner>);

#[derive(Default)]
struct MemoryInner {
    /// Token key → its slot, while some client holds it.
    slots: Mutex<HashMap<String, Weak<TokenSlot>>>,
    budgets: Mutex<MemoryBudgets>,
}

impl MemoryStore {
    /// A new, empty store.
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn token_slot(&self, key: &TokenKey) -> Arc<TokenSlot> {
        let mut slots = lock(&self.0.slots);
        if let Some(slot) = slots.get(&key.0).and_then(Weak::upgrade) {
            return slot;
        }
        slots.retain(|_, slot| slot.strong_count() > 0);
        let slot = Arc::new(TokenSlot::default());
        slots.insert(key.0.clone(), Arc::downgrade(&slot));
        slot
    }

    pub(crate) fn budgets(&self) -> MutexGuard<'_, MemoryBudgets> {
        lock(&self.0.budgets)
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemoryStore")
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Names an app's token in a store: platform, host, app id, and a hash of the secret, never the
/// secret. Two apps, one app on two hosts, or one app before and after its secret was rotated, get
/// different keys and so never share a token.
///
/// `group-api:v1:token:<platform>:<app id>:<32 hex digits>`: the hex digits are the first 128 bits
/// of SHA-256 over the platform, host, app id and secret (length-prefixed, so no two inputs run
/// together). The secret's own entropy (DingTalk, Feishu and WeCom issue random secrets of 32
/// characters and more) keeps it from being guessed back from the hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TokenKey(String);

impl TokenKey {
    pub(crate) fn new(platform: &str, host: &str, app_id: &str, secret: &str) -> Self {
        let hash = digest(&[
            b"group-api token key v1",
            platform.as_bytes(),
            host.as_bytes(),
            app_id.as_bytes(),
            secret.as_bytes(),
        ]);
        Self(format!(
            "{}token:{platform}:{app_id}:{hash}",
            super::rate::KEY_PREFIX
        ))
    }

    /// The key of the token itself.
    #[cfg_attr(not(feature = "redis"), allow(dead_code))]
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The key of the lock held while one instance fetches the token.
    #[cfg(feature = "redis")]
    pub(crate) fn lock(&self) -> String {
        format!("{}:lock", self.0)
    }
}

/// The first 128 bits of SHA-256 over `parts`, each prefixed by its length, in hex.
pub(crate) fn digest(parts: &[&[u8]]) -> String {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    for part in parts {
        context.update(&(part.len() as u64).to_be_bytes());
        context.update(part);
    }
    let hash = context.finish();
    hash.as_ref()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An id no other process or call is likely to hold: a lock's owner, a client's budget identity
/// when it has no app id. Random from std's randomly seeded hasher, the process id and a counter.
pub(crate) fn unique_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    hasher.write_u64(count);
    format!("{:x}-{:016x}-{count}", std::process::id(), hasher.finish())
}

/// When a fetched token is stopped being used: `use_for` from `asked`.
pub(crate) fn until(asked: Instant, use_for: Duration) -> Instant {
    asked.checked_add(use_for).unwrap_or(asked)
}

#[cfg(test)]
mod tests {
    use super::digest;

    /// The token key's hash is SHA-256 over the length-prefixed parts, cut to 128 bits: the value
    /// Python's hashlib gives for the same bytes, so keys stay the same whichever library computes
    /// them (instances of different versions share one Redis).
    #[test]
    fn the_digest_is_sha256_of_the_length_prefixed_parts() {
        assert_eq!(
            digest(&[b"feishu", b"cli_a1b2c3", b"app-secret"]),
            "691eed995c9e6061eed005b9d14ff1a2"
        );
        assert_ne!(digest(&[b"ab", b"c"]), digest(&[b"a", b"bc"]));
    }
}
