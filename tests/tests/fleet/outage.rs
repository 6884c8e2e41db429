//! Redis stopped mid-run: calls keep succeeding with tokens fetched and cached in each process,
//! with at most one fetch per process, and no panic; Redis back: the fleet shares again.

use super::redis_server::RedisServer;
use super::stand_in::{APP_ID, SECRET, StandIn};
use super::worker::{Worker, round};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_go_on_while_redis_is_down_and_the_fleet_shares_again_when_it_is_back() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let mut redis = RedisServer::start();
    let stand_in = StandIn::without_limit().await;
    let mut fleet: Vec<Worker> = (0..4)
        .map(|_| {
            Worker::spawn(
                &redis.url(),
                &stand_in.uri(),
                "dingtalk",
                APP_ID,
                SECRET,
                "off",
            )
        })
        .collect();
    let all_ok = |done: &[super::worker::Done], n| done.iter().all(|d| d.ok == n && d.failed == 0);

    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 10"));
    assert!(all_ok(&done, 10), "{done:?}");
    assert_eq!(stand_in.fetches(), 1);

    // Redis dies: the token each process holds serves on.
    redis.stop();
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 10"));
    assert!(all_ok(&done, 10), "{done:?}");
    assert_eq!(stand_in.fetches(), 1);

    // The token is refused while Redis is down: each process fetches its own, once, and keeps it.
    stand_in.revoke_all();
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 10"));
    assert!(all_ok(&done, 10), "{done:?}");
    let during = stand_in.fetches();
    assert!(
        (2..=5).contains(&during),
        "{during} fetches: at most one per process"
    );
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 10"));
    assert!(all_ok(&done, 10), "{done:?}");
    assert_eq!(
        stand_in.fetches(),
        during,
        "in-process tokens are cached, not fetched per call"
    );

    // Redis is back (empty): once each process sees it answer, a refusal costs one fetch again.
    redis.restart();
    for worker in &mut fleet {
        worker.send("ping");
    }
    for worker in &mut fleet {
        assert_eq!(tokio::task::block_in_place(|| worker.answer()), "ping ok");
    }
    stand_in.revoke_all();
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 10"));
    assert!(all_ok(&done, 10), "{done:?}");
    assert_eq!(stand_in.fetches(), during + 1, "the fleet shares again");

    for worker in fleet {
        assert!(worker.quit(), "a worker did not exit cleanly");
    }
}
