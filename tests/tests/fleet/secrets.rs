//! A Redis password never shows: not in the store's `Debug` or `Display`, not in a client's
//! `Debug`, not in the error of a Redis that refuses it.

use std::time::Duration;

use group_api::{RedisStore, RetryPolicy, dingtalk};

use super::redis_server::RedisServer;
use super::stand_in::{APP_ID, SECRET, StandIn};

const RIGHT: &str = "right-redis-password-6f2d9c41";
const WRONG: &str = "wrong-redis-password-81c3e7a0";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_password_never_shows() {
    let _one_at_a_time = crate::ONE_AT_A_TIME.lock().await;
    let redis = RedisServer::start_with_password(Some(RIGHT));
    let url = |password: &str| format!("redis://:{password}@127.0.0.1:{}/0", redis.port());

    let store = RedisStore::new(&url(WRONG))
        .unwrap()
        .with_timeout(Duration::from_millis(500));
    for shown in [format!("{store:?}"), store.to_string()] {
        assert!(!shown.contains(WRONG), "{shown}");
        assert!(
            shown.contains(&format!("127.0.0.1:{}", redis.port())),
            "{shown}"
        );
    }

    // Redis refuses the password: the call goes on in process, and the error says so without it.
    let stand_in = StandIn::start().await;
    let client = dingtalk::Client::from_app_credentials(APP_ID, SECRET)
        .with_base_url(stand_in.uri())
        .with_retry_policy(RetryPolicy::none())
        .with_store(store.clone());
    let request = dingtalk::UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("fleet")
        .build()
        .unwrap();
    client.update_group(&request).await.unwrap();
    let error = store.last_error().expect("Redis refused the password");
    let error_shown = format!("{error} {error:?}");
    assert!(!error_shown.contains(WRONG), "{error_shown}");
    assert!(error_shown.contains("127.0.0.1"), "{error_shown}");
    let ping = store.ping().await.unwrap_err();
    assert!(!format!("{ping} {ping:?}").contains(WRONG));
    let client_shown = format!("{client:?}");
    assert!(!client_shown.contains(WRONG), "{client_shown}");
    assert!(client_shown.contains("RedisStore"), "{client_shown}");
    assert!(store.outages() >= 1);

    // The right password: Redis answers, and it still never shows.
    let store = RedisStore::new(&url(RIGHT)).unwrap();
    store.ping().await.unwrap();
    assert!(store.last_error().is_none());
    for shown in [format!("{store:?}"), store.to_string()] {
        assert!(!shown.contains(RIGHT), "{shown}");
    }
    // A URL that cannot be read: its error does not show the password either.
    let error = RedisStore::new(&format!("redis://:{RIGHT}@127.0.0.1:notaport/0")).unwrap_err();
    assert!(!format!("{error} {error:?}").contains(RIGHT), "{error}");
}
