//! Many instances, one token and one rate budget: clients in several OS processes (the
//! `fleet-worker` binary, spawned N times) share a real `redis-server` that the tests start on a
//! free port of 127.0.0.1, and one local stand-in of the platforms.
//!
//! - `tokens`: 4 processes × 25 concurrent calls make exactly one token fetch; a refused token
//!   makes exactly one more, fleet-wide; a rotated secret gets its own token.
//! - `outage`: Redis stopped mid-run: calls go on with in-process tokens and a bounded number of
//!   fetches; Redis back: the fleet shares again.
//! - `rates`: 4 processes × 30 calls to an endpoint limited to 20 per second never put more than 20
//!   in a one-second window at the server; a 429 received by one process holds the others back;
//!   100 concurrent calls through clones of one client keep to the limit.
//! - `secrets`: a Redis password never shows.
//!
//! Needs `redis-server` on PATH (`.ci/run` installs it; locally `apt-get install redis-server`).

/// The fleet tests run one at a time: two of them keep time (calls per second at the server, a
/// pause's length), and on a 2-core machine the processes of the others would make theirs late.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

mod outage;
mod rates;
mod redis_server;
mod secrets;
mod stand_in;
mod tokens;
mod worker;
