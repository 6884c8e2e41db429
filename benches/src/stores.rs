//! The three sides of the store comparison (BENCHMARKS.md, "Redis store"): one client each, alike
//! but for where its rate budget is kept. DingTalk's `update_group` against the local server,
//! with a limit of a million calls per second so that no call waits and each still takes its slot:
//!
//! - in memory (the default store): the GCRA step under a mutex;
//! - Redis: the GCRA script (`EVALSHA`) on a `redis-server` started on a free port of 127.0.0.1;
//! - limits off: no budget at all, the floor.
//!
//! The token is a fixed one on every side: a token from app credentials is cached in process
//! with either store, and read from Redis only when it is refreshed, so the per-call difference is
//! the budget.

use std::hint::black_box;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use group_api::dingtalk::{Client, UpdateGroupRequest};
use group_api::{LimitScope, Per, RateLimit, RateLimits, RedisStore};
use tokio::runtime::Runtime;

use crate::calls::{ANSWER, TOKEN};
use crate::server;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Memory,
    Redis,
    Off,
}

pub struct Stores {
    runtime: Runtime,
    memory: Client,
    redis: Client,
    off: Client,
    request: UpdateGroupRequest,
    _redis_server: RedisServer,
}

impl Stores {
    pub fn new() -> Self {
        let server = server::start(ANSWER);
        let redis_server = RedisServer::start();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let limits = RateLimits::default().with_limits(
            "update_group",
            [RateLimit::new(
                1_000_000,
                Per::Second,
                LimitScope::AppAndApi,
            )],
        );
        let client = Client::new(TOKEN).with_base_url(server.url());
        let store = RedisStore::new(&redis_server.url()).expect("a Redis URL");
        let request = UpdateGroupRequest::builder()
            .chatid("chatxxxx")
            .name("全员群。")
            .build()
            .expect("valid");
        let stores = Self {
            runtime,
            memory: client.clone().with_rate_limits(limits.clone()),
            redis: client
                .clone()
                .with_rate_limits(limits)
                .with_store(store.clone()),
            off: client.with_rate_limits(RateLimits::off()),
            request,
            _redis_server: redis_server,
        };
        stores.runtime.block_on(async {
            store
                .ping()
                .await
                .expect("the bench's redis-server answers");
        });
        stores
    }

    /// `n` calls of one side, timed.
    pub fn run(&self, n: u64, side: Side) -> Duration {
        let client = match side {
            Side::Memory => &self.memory,
            Side::Redis => &self.redis,
            Side::Off => &self.off,
        };
        self.runtime.block_on(async {
            let start = Instant::now();
            for _ in 0..n {
                let response = client
                    .update_group(&self.request)
                    .await
                    .expect("the server answers success");
                black_box(response);
            }
            start.elapsed()
        })
    }
}

impl Default for Stores {
    fn default() -> Self {
        Self::new()
    }
}

/// A `redis-server` of the bench's own on a free port of 127.0.0.1, without persistence; killed on
/// drop.
struct RedisServer {
    port: u16,
    dir: PathBuf,
    child: Child,
}

impl RedisServer {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir = std::env::temp_dir().join(format!("group-api-bench-redis-{port}"));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server on PATH (apt-get install -y redis-server)");
        let until = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < until, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { port, dir, child }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
