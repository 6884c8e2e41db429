//! Caching: one fetch serves many calls and both DingTalk styles; a stale token is refreshed by
//! one fetch under 50 concurrent calls; an endpoint that announces no lifetime gets the default;
//! each source has its own token, and clones share theirs.

use std::time::Duration;

use group_api::TokenRefresh;

use super::stand_in::{
    APP_KEY, APP_SECRET, DINGTALK_TOKEN_PATH, FEISHU_TOKEN_PATH, OTHER_APP_KEY, OTHER_APP_SECRET,
    StandIn, UPDATE_GROUP_NICK_PATH, UPDATE_GROUP_PATH, UPDATE_USER_GROUP_PATH,
};
use crate::dingtalk::{nick_request, page_update_group};
use crate::feishu::page_update_user_group;

#[tokio::test]
async fn one_fetch_serves_many_calls_of_both_dingtalk_styles() {
    let stand_in = StandIn::start().await;
    let client = stand_in.dingtalk(APP_KEY, APP_SECRET);
    for _ in 0..5 {
        client.update_group(&page_update_group()).await.unwrap();
        client.update_group_nick(&nick_request()).await.unwrap();
    }
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_group(&page_update_group()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(stand_in.requests_to(DINGTALK_TOKEN_PATH).await, 1);
    let token = format!("tok-{APP_KEY}-1");
    let sent = stand_in.tokens_sent_to(UPDATE_GROUP_PATH).await;
    assert_eq!(sent.len(), 25);
    assert!(sent.iter().all(|t| *t == token), "{sent:?}");
    assert_eq!(
        stand_in.tokens_sent_to(UPDATE_GROUP_NICK_PATH).await,
        vec![token; 5]
    );
}

#[tokio::test]
async fn one_fetch_serves_many_feishu_calls() {
    let stand_in = StandIn::start().await;
    let client = stand_in.feishu(APP_KEY, APP_SECRET);
    for _ in 0..10 {
        client
            .update_user_group(&page_update_user_group())
            .await
            .unwrap();
    }
    assert_eq!(stand_in.requests_to(FEISHU_TOKEN_PATH).await, 1);
    let token = format!("tok-{APP_KEY}-1");
    assert_eq!(
        stand_in.tokens_sent_to(UPDATE_USER_GROUP_PATH).await,
        vec![token; 10]
    );
}

#[tokio::test]
async fn no_token_is_fetched_before_the_first_call() {
    let stand_in = StandIn::start().await;
    let _client = stand_in.dingtalk(APP_KEY, APP_SECRET);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(stand_in.issued(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_token_is_refreshed_once_under_50_concurrent_calls() {
    let stand_in = StandIn::start().await;
    let client = stand_in.dingtalk(APP_KEY, APP_SECRET);
    // The first token is announced for 1 s: with the default margin (at most half the lifetime) it
    // is used for half a second. The next one lives the platforms' two hours.
    stand_in.announce_lifetime(Some(1));
    client.update_group(&page_update_group()).await.unwrap();
    stand_in.announce_lifetime(Some(7200));
    tokio::time::sleep(Duration::from_millis(600)).await;

    // The refresh takes a while, so all 50 calls find the token stale while it runs.
    stand_in.token_delay(Duration::from_millis(200));
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_group(&page_update_group()).await })
        })
        .collect();
    for call in calls {
        call.await
            .unwrap()
            .expect("every call succeeds with the refreshed token");
    }
    assert_eq!(
        stand_in.requests_to(DINGTALK_TOKEN_PATH).await,
        2,
        "one fetch, then exactly one refresh"
    );
    let sent = stand_in.tokens_sent_to(UPDATE_GROUP_PATH).await;
    assert_eq!(sent[0], format!("tok-{APP_KEY}-1"));
    assert!(
        sent[1..].iter().all(|t| *t == format!("tok-{APP_KEY}-2")),
        "{sent:?}"
    );
}

#[tokio::test]
async fn a_token_is_refreshed_the_margin_before_it_expires() {
    let stand_in = StandIn::start().await;
    // Announced for 2 s, refreshed 1.5 s early... but the margin is at most half the lifetime.
    let client = stand_in
        .feishu(APP_KEY, APP_SECRET)
        .with_token_refresh(TokenRefresh::default().with_margin(Duration::from_millis(1500)));
    stand_in.announce_lifetime(Some(2));
    client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    assert_eq!(stand_in.issued(), 1, "still within the first second");
    tokio::time::sleep(Duration::from_millis(400)).await;
    client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    assert_eq!(
        stand_in.issued(),
        2,
        "refreshed a second before the announced expiry"
    );
}

#[tokio::test]
async fn a_token_announced_for_0_or_no_time_lives_the_default_lifetime() {
    for announced in [Some(0), None] {
        let stand_in = StandIn::start().await;
        stand_in.announce_lifetime(announced);
        let refresh = TokenRefresh::default().with_default_lifetime(Duration::from_millis(400));
        let client = stand_in
            .dingtalk(APP_KEY, APP_SECRET)
            .with_token_refresh(refresh);
        client.update_group(&page_update_group()).await.unwrap();
        client.update_group(&page_update_group()).await.unwrap();
        assert_eq!(stand_in.issued(), 1, "{announced:?}: the token is cached");
        // 400 ms, less the margin (at most half of it): used for 200 ms.
        tokio::time::sleep(Duration::from_millis(300)).await;
        client.update_group(&page_update_group()).await.unwrap();
        assert_eq!(
            stand_in.issued(),
            2,
            "{announced:?}: refreshed after the default lifetime"
        );
    }
}

#[tokio::test]
async fn two_apps_never_share_a_token() {
    let stand_in = StandIn::start().await;
    let first = stand_in.dingtalk(APP_KEY, APP_SECRET);
    let second = stand_in.dingtalk(OTHER_APP_KEY, OTHER_APP_SECRET);
    for _ in 0..3 {
        first.update_group(&page_update_group()).await.unwrap();
        second.update_group(&page_update_group()).await.unwrap();
    }
    let sent = stand_in.tokens_sent_to(UPDATE_GROUP_PATH).await;
    let first_app = format!("tok-{APP_KEY}-");
    let second_app = format!("tok-{OTHER_APP_KEY}-");
    for (i, token) in sent.iter().enumerate() {
        let expected = if i % 2 == 0 { &first_app } else { &second_app };
        assert!(
            token.starts_with(expected.as_str()),
            "call {i} sent {token}"
        );
    }
    assert_eq!(stand_in.issued(), 2);
}

#[tokio::test]
async fn two_sources_of_one_app_keep_their_own_tokens_and_clones_share_theirs() {
    let stand_in = StandIn::start().await;
    let first = stand_in.feishu(APP_KEY, APP_SECRET);
    let clone = first.clone();
    let second = stand_in.feishu(APP_KEY, APP_SECRET);
    first
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    clone
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    assert_eq!(stand_in.issued(), 1, "a clone shares its client's token");
    second
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    assert_eq!(
        stand_in.issued(),
        2,
        "another client has a source of its own"
    );
    let sent = stand_in.tokens_sent_to(UPDATE_USER_GROUP_PATH).await;
    assert_eq!(
        sent,
        [
            format!("tok-{APP_KEY}-1"),
            format!("tok-{APP_KEY}-1"),
            format!("tok-{APP_KEY}-2")
        ]
    );

    // Sharing a client's source shares its cache.
    let sharing = group_api::feishu::Client::from_token_source(first.token_source())
        .with_base_url(stand_in.server.uri());
    sharing
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    assert_eq!(stand_in.issued(), 2);
}
