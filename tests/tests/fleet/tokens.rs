//! One token for the fleet: 4 processes × 25 concurrent calls make exactly one token fetch; after
//! the server refuses that token, exactly one more, fleet-wide; a rotated secret gets its own.

use super::redis_server::RedisServer;
use super::stand_in::{APP_ID, ROTATED_SECRET, SECRET, StandIn};
use super::worker::{Worker, round};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_processes_share_one_token_and_replace_a_refused_one_once() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let redis = RedisServer::start();
    let stand_in = StandIn::without_limit().await;
    let (redis_url, base) = (redis.url(), stand_in.uri());
    let spawn = |secret: &str| Worker::spawn(&redis_url, &base, "dingtalk", APP_ID, secret, "off");
    let mut fleet: Vec<Worker> = (0..4).map(|_| spawn(SECRET)).collect();

    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 25"));
    assert!(done.iter().all(|d| d.ok == 25), "{done:?}");
    assert_eq!(stand_in.fetches(), 1, "4 × 25 calls, one token fetch");

    // The server refuses the token: every process finds out, one fetches, the rest take its token.
    stand_in.revoke_all();
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 25"));
    assert!(done.iter().all(|d| d.ok == 25), "{done:?}");
    assert_eq!(
        stand_in.fetches(),
        2,
        "one more fetch fleet-wide after a refusal"
    );

    // A rotated secret is another key: its token is its own, and the old secret's is kept.
    let mut rotated = spawn(ROTATED_SECRET);
    rotated.send("calls 5");
    let done = tokio::task::block_in_place(|| rotated.done());
    assert_eq!(done.ok, 5, "{done:?}");
    assert_eq!(stand_in.fetches_with(ROTATED_SECRET), 1);
    let done = tokio::task::block_in_place(|| round(&mut fleet, "calls 5"));
    assert!(done.iter().all(|d| d.ok == 5), "{done:?}");
    assert_eq!(stand_in.fetches(), 3);

    fleet.push(rotated);
    for worker in fleet {
        assert!(worker.quit(), "a worker did not exit cleanly");
    }
}
