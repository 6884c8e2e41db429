//! One instance of a fleet, for the multi-process tests in `tests/tests/fleet/`: a client of one
//! app with a `RedisStore`, driven by commands on stdin, one per line, each answered by one line
//! on stdout.
//!
//! ```text
//! fleet-worker <redis url> <base url> <dingtalk|feishu> <app id> <app secret> <limits: on|off>
//! calls N    → N concurrent calls through clones of the client → `done <ok> <failed> <kinds>`
//! ping       → waits (at most 15 s) until Redis answers          → `ping ok` or `ping failed`
//! quit       → exits
//! ```
//!
//! The process ends by itself after 5 minutes, or when stdin closes.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use group_api::{Error, RateLimits, RedisStore, RetryPolicy, dingtalk, feishu};

const LIFETIME: Duration = Duration::from_secs(300);

enum Client {
    DingTalk(dingtalk::Client),
    Feishu(feishu::Client),
}

impl Client {
    async fn call(&self) -> Result<(), String> {
        match self {
            Client::DingTalk(client) => {
                let request = dingtalk::UpdateGroupRequest::builder()
                    .chatid("chatxxxx")
                    .name("fleet")
                    .build()
                    .map_err(|e| e.to_string())?;
                client.update_group(&request).await.map(drop).map_err(kind)
            }
            Client::Feishu(client) => {
                let request = feishu::UpdateUserGroupRequest::builder()
                    .group_id("g187131")
                    .name("fleet")
                    .build()
                    .map_err(|e| e.to_string())?;
                client
                    .update_user_group(&request)
                    .await
                    .map(drop)
                    .map_err(kind)
            }
        }
    }
}

/// A failure in one word, for the test to count.
fn kind<E: group_api::ApiError>(error: Error<E>) -> String {
    match error {
        Error::Api(_) if error.status() == Some(429) => "api429".into(),
        Error::Api(_) => "api".into(),
        Error::Token(_) => "token".into(),
        Error::RateLimited(_) => "ratelimited".into(),
        Error::Transport(_) => "transport".into(),
        _ => "other".into(),
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [redis_url, base_url, platform, id, secret, limits] = &args[..] else {
        eprintln!(
            "usage: fleet-worker <redis url> <base url> <dingtalk|feishu> <id> <secret> <on|off>"
        );
        std::process::exit(2);
    };
    let store = RedisStore::new(redis_url)
        .expect("a valid Redis URL")
        .with_timeout(Duration::from_millis(300));
    let limits = match limits.as_str() {
        "off" => RateLimits::off(),
        // Only the shared pauses: no client-side limit for Feishu's group update.
        "pause" => RateLimits::default().with_limits("update_user_group", []),
        _ => RateLimits::default(),
    };
    let client = match platform.as_str() {
        "dingtalk" => Client::DingTalk(
            dingtalk::Client::from_app_credentials(id, secret)
                .with_base_url(base_url)
                .with_retry_policy(RetryPolicy::none())
                .with_rate_limits(limits)
                .with_store(store.clone()),
        ),
        _ => Client::Feishu(
            feishu::Client::from_app_credentials(id, secret)
                .with_base_url(base_url)
                .with_retry_policy(RetryPolicy::none())
                .with_rate_limits(limits)
                .with_store(store.clone()),
        ),
    };
    let client = std::sync::Arc::new(client);

    let started = Instant::now();
    let (lines, mut commands) = tokio::sync::mpsc::channel::<String>(16);
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if lines.blocking_send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let left = LIFETIME.saturating_sub(started.elapsed());
        let Ok(Some(command)) = tokio::time::timeout(left, commands.recv()).await else {
            break;
        };
        let mut words = command.split_whitespace();
        let answer = match (words.next(), words.next()) {
            (Some("calls"), Some(n)) => {
                let n: usize = n.parse().unwrap_or(0).min(1000);
                let calls: Vec<_> = (0..n)
                    .map(|_| {
                        let client = client.clone();
                        tokio::spawn(async move { client.call().await })
                    })
                    .collect();
                let (mut ok, mut failed, mut kinds) = (0, 0, Vec::new());
                for call in calls {
                    match call.await {
                        Ok(Ok(())) => ok += 1,
                        Ok(Err(kind)) => {
                            failed += 1;
                            kinds.push(kind);
                        }
                        Err(_) => {
                            failed += 1;
                            kinds.push("panic".into());
                        }
                    }
                }
                kinds.sort();
                kinds.dedup();
                format!("done {ok} {failed} {}", kinds.join(","))
            }
            (Some("ping"), _) => {
                let mut answered = false;
                for _ in 0..75 {
                    if store.ping().await.is_ok() {
                        answered = true;
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                format!("ping {}", if answered { "ok" } else { "failed" })
            }
            (Some("quit"), _) => break,
            _ => format!("unknown command {command:?}"),
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{answer}");
        let _ = out.flush();
    }
}
