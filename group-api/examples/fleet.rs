//! The README's "Running on many instances": a DingTalk client whose token and rate budget are
//! shared with every instance through Redis.
//!
//! `REDIS_URL=redis://127.0.0.1:6379/0 DINGTALK_APP_KEY=... DINGTALK_APP_SECRET=... \
//! DINGTALK_CHAT_ID=... cargo run --example fleet --features redis` (it renames a real group: use a
//! test group). The tests in `tests/tests/fleet/` run the same client against a local stand-in.

use std::time::Duration;

use group_api::{Error, RateLimits, RedisStore, dingtalk};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Every instance names the same Redis. Nothing connects yet: the first call does.
    let store = RedisStore::new(&std::env::var("REDIS_URL")?)?; // redis://:password@10.0.0.5:6379/0
    println!("sharing tokens and budgets through {store}"); // the password shows as <redacted>

    // One client per app (clone it freely); the store makes it share with the whole fleet.
    let client = dingtalk::Client::from_app_credentials(
        std::env::var("DINGTALK_APP_KEY")?,
        std::env::var("DINGTALK_APP_SECRET")?,
    )
    .with_store(store.clone())
    .with_rate_limits(RateLimits::default().with_max_wait(Duration::from_secs(10)));

    let request = dingtalk::UpdateGroupRequest::builder()
        .chatid(std::env::var("DINGTALK_CHAT_ID")?)
        .name("全员群")
        .build()?;
    match client.update_group(&request).await {
        Ok(response) => println!("updated: {:?}", response.success),
        // The fleet's budget (20 per second per app and API) had no slot within 10 s.
        Err(Error::RateLimited(limited)) => {
            eprintln!("{limited}; try again in {:?}", limited.retry_after())
        }
        Err(other) => eprintln!("{other}"),
    }
    // Calls go on while Redis is down; this says why it could not be used.
    if let Some(outage) = store.last_error() {
        eprintln!("{outage}");
    }
    Ok(())
}
