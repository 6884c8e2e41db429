//! One rate budget: DingTalk's 20 calls per second per app and API (its platform file), kept by 4
//! processes together and by 100 concurrent calls through clones; a 429 received by one process
//! holds the others back for the hinted time; a slot too far off fails at once, unsent.

use std::time::Duration;

use group_api::{Error, LimitScope, Per, RateLimit, RateLimits, RedisStore, RetryPolicy, dingtalk};

use super::redis_server::RedisServer;
use super::stand_in::{APP_ID, DINGTALK_LIMIT, SECRET, StandIn, busiest_second};
use super::worker::{Worker, round};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_processes_keep_to_twenty_per_second_together() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let redis = RedisServer::start();
    let stand_in = StandIn::start().await;
    let mut fleet: Vec<Worker> = (0..4)
        .map(|_| {
            Worker::spawn(
                &redis.url(),
                &stand_in.uri(),
                "dingtalk",
                APP_ID,
                SECRET,
                "on",
            )
        })
        .collect();
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 30"));
    let times = stand_in.update_times();
    let (busiest, refused) = (busiest_second(&times), stand_in.refused_for_rate());
    let report = format!("{done:?}; busiest second {busiest}; refused {refused}");
    assert!(done.iter().all(|d| d.ok == 30), "{report}");
    assert_eq!(times.len(), 120, "{report}");
    assert!(busiest <= DINGTALK_LIMIT, "{report}");
    assert_eq!(refused, 0, "{report}");
    for worker in fleet {
        assert!(worker.quit());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_received_by_one_process_holds_the_others_back() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let redis = RedisServer::start();
    let stand_in = StandIn::start().await;
    // Feishu's group update with no client-side limit: only the shared pause holds calls back.
    let mut fleet: Vec<Worker> = (0..4)
        .map(|_| {
            Worker::spawn(
                &redis.url(),
                &stand_in.uri(),
                "feishu",
                APP_ID,
                SECRET,
                "pause",
            )
        })
        .collect();
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 1"));
    assert!(done.iter().all(|d| d.ok == 1), "{done:?}");

    stand_in.throttle_next(1, 2);
    fleet[0].send("calls 1");
    let done = tokio::task::block_in_place(|| fleet[0].done());
    assert_eq!(
        (done.failed, done.kinds.as_str()),
        (1, "api429"),
        "{done:?}"
    );
    let throttled = stand_in.throttled_at()[0];

    let done = tokio::task::block_in_place(|| round(&mut fleet[1..], "calls 2"));
    assert!(done.iter().all(|d| d.ok == 2), "{done:?}");
    let after: Vec<_> = stand_in
        .update_times()
        .into_iter()
        .filter(|t| *t > throttled)
        .collect();
    assert_eq!(after.len(), 6);
    for at in after {
        let waited = at.duration_since(throttled);
        // The pause is 2 s from when process 0 read the answer, which is after the server sent it.
        assert!(
            waited >= Duration::from_millis(1900),
            "sent {waited:?} after the 429"
        );
    }
    for worker in fleet {
        assert!(worker.quit());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_concurrent_calls_through_clones_keep_to_the_limit() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let stand_in = StandIn::start().await;
    let client = dingtalk::Client::from_app_credentials(APP_ID, SECRET)
        .with_base_url(stand_in.uri())
        .with_retry_policy(RetryPolicy::none());
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_group(&request()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let times = stand_in.update_times();
    assert_eq!(times.len(), 100);
    let busiest = busiest_second(&times);
    assert!(
        busiest <= DINGTALK_LIMIT,
        "{busiest} calls arrived within one second"
    );
    assert_eq!(stand_in.refused_for_rate(), 0);
}

#[tokio::test]
async fn a_slot_too_far_off_fails_at_once_naming_the_limit_unsent() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let stand_in = StandIn::start().await;
    let client = dingtalk::Client::from_app_credentials(APP_ID, SECRET)
        .with_base_url(stand_in.uri())
        .with_retry_policy(RetryPolicy::none())
        .with_rate_limits(RateLimits::default().with_max_wait(Duration::from_millis(100)));
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_group(&request()).await })
        })
        .collect();
    let mut limited = Vec::new();
    for call in calls {
        match call.await.unwrap() {
            Ok(_) => {}
            Err(Error::RateLimited(error)) => limited.push(error),
            Err(other) => panic!("{other}"),
        }
    }
    // Slots 55 ms apart (20 per second, 10 % margin): the first two fit in 100 ms.
    assert_eq!(limited.len(), 8);
    let error = &limited[0];
    assert_eq!(error.endpoint(), "update_group");
    let limit = error.limit().expect("the documented limit");
    assert_eq!(limit.to_string(), "20 calls per second per app and API");
    assert!(limit.source.unwrap().contains("调用频次与限流"));
    assert!(error.retry_after() > Duration::from_millis(100));
    let message = error.to_string();
    assert!(
        message.contains("20 calls per second per app and API"),
        "{message}"
    );
    assert!(message.contains("with_rate_limits"), "{message}");
    assert_eq!(
        stand_in.update_times().len(),
        2,
        "held-back calls are not sent"
    );

    // Off: every call is sent at once.
    let client = client.with_rate_limits(RateLimits::off());
    for _ in 0..5 {
        client.update_group(&request()).await.unwrap();
    }
}

/// A call that its per-IP budget refuses takes no slot of the fleet's shared budget: another
/// instance still finds the slots the refused calls did not use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_refused_by_a_per_ip_budget_leave_the_shared_budget_to_the_fleet() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let redis = RedisServer::start();
    let stand_in = StandIn::start().await;
    // Shared by the fleet: 3 calls a minute, all 3 at once if need be. Per IP: 1 call a minute.
    let limits = [
        RateLimit::new(3, Per::Minute, LimitScope::AppAndApi).with_burst(3),
        RateLimit::new(1, Per::Minute, LimitScope::Ip),
    ];
    let first = fleet_instance(&redis, &stand_in, limits);
    let second = fleet_instance(&redis, &stand_in, limits);
    first
        .update_group(&request())
        .await
        .expect("the first call");
    refused_twice(&first, LimitScope::Ip).await;
    // Two of the three shared slots are left, whatever the first instance's refused calls did.
    second
        .update_group(&request())
        .await
        .expect("a shared slot");
    second
        .update_group(&request())
        .await
        .expect_err("the second instance's own per-IP budget");
    assert_eq!(stand_in.update_times().len(), 2);
}

/// A call that the fleet's shared budget refuses takes no per-IP slot either: once the shared
/// budget has room again, the instance's own per-IP budget is whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_refused_by_the_shared_budget_leave_the_per_ip_budget_whole() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let redis = RedisServer::start();
    let stand_in = StandIn::start().await;
    // Shared by the fleet: 1 call a minute. Per IP: 2 calls a minute, both at once if need be.
    let limits = [
        RateLimit::new(1, Per::Minute, LimitScope::AppAndApi),
        RateLimit::new(2, Per::Minute, LimitScope::Ip).with_burst(2),
    ];
    let first = fleet_instance(&redis, &stand_in, limits);
    let second = fleet_instance(&redis, &stand_in, limits);
    second
        .update_group(&request())
        .await
        .expect("the fleet's one slot");
    refused_twice(&first, LimitScope::AppAndApi).await;
    // The shared budget is free again (as a minute later): both of the first instance's per-IP
    // slots are still there.
    let flushed = std::process::Command::new("redis-cli")
        .args(["-p", &redis.port().to_string(), "flushall"])
        .output()
        .expect("redis-cli, which comes with redis-server");
    assert!(flushed.status.success(), "{flushed:?}");
    first.update_group(&request()).await.expect("a per-IP slot");
    assert_eq!(stand_in.update_times().len(), 2);
}

/// Two calls of `client` that its rate budget refuses, naming a limit of `scope`.
async fn refused_twice(client: &dingtalk::Client, scope: LimitScope) {
    for _ in 0..2 {
        match client.update_group(&request()).await {
            Err(Error::RateLimited(error)) => {
                assert_eq!(error.limit().map(|l| l.scope), Some(scope));
            }
            other => panic!("refused by the {scope:?} budget: {other:?}"),
        }
    }
}

/// One instance of a fleet on its own host: the shared Redis, its own store (and so its own
/// per-IP budgets), `limits` on `update_group`, waiting at most 100 ms for a slot.
fn fleet_instance(
    redis: &RedisServer,
    stand_in: &StandIn,
    limits: [RateLimit; 2],
) -> dingtalk::Client {
    dingtalk::Client::from_app_credentials(APP_ID, SECRET)
        .with_base_url(stand_in.uri())
        .with_retry_policy(RetryPolicy::none())
        .with_store(RedisStore::new(&redis.url()).unwrap())
        .with_rate_limits(
            RateLimits::default()
                .with_max_wait(Duration::from_millis(100))
                .with_limits("update_group", limits),
        )
}

fn request() -> dingtalk::UpdateGroupRequest {
    dingtalk::UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("fleet")
        .build()
        .unwrap()
}
