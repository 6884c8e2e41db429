//! A refused token: an app-credentials client (or a source of the user's) invalidates it, gets a
//! new one and sends the call once more; a second refusal is the caller's; a fixed token is
//! never refreshed.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use group_api::{AccessToken, Error, RetryPolicy, TokenFuture, TokenSource, dingtalk, feishu};

use super::stand_in::{
    APP_KEY, APP_SECRET, DINGTALK_TOKEN_PATH, FEISHU_TOKEN_PATH, StandIn, UPDATE_GROUP_NICK_PATH,
    UPDATE_GROUP_PATH, UPDATE_USER_GROUP_PATH,
};
use crate::dingtalk::{nick_request, page_update_group};
use crate::feishu::page_update_user_group;

fn token(n: usize) -> String {
    format!("tok-{APP_KEY}-{n}")
}

#[tokio::test]
async fn a_refused_token_is_replaced_and_the_call_succeeds_on_its_second_try() {
    let stand_in = StandIn::start().await;
    let dingtalk = stand_in.dingtalk(APP_KEY, APP_SECRET);
    let feishu = stand_in.feishu(APP_KEY, APP_SECRET);

    // DingTalk new style: `InvalidAuthentication`.
    dingtalk.update_group(&page_update_group()).await.unwrap();
    stand_in.revoke_all();
    let response = dingtalk.update_group(&page_update_group()).await;
    assert_eq!(response.unwrap().success, Some(true));
    assert_eq!(
        stand_in.tokens_sent_to(UPDATE_GROUP_PATH).await,
        [token(1), token(1), token(2)]
    );

    // DingTalk old style: `40014`, with the same client's token.
    stand_in.revoke_all();
    let response = dingtalk.update_group_nick(&nick_request()).await;
    assert_eq!(response.unwrap().errcode, Some(0));
    assert_eq!(
        stand_in.tokens_sent_to(UPDATE_GROUP_NICK_PATH).await,
        [token(2), token(3)]
    );
    assert_eq!(stand_in.requests_to(DINGTALK_TOKEN_PATH).await, 3);

    // Feishu: `99991663`.
    feishu
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    stand_in.revoke_all();
    let response = feishu.update_user_group(&page_update_user_group()).await;
    assert_eq!(response.unwrap().code, Some(0));
    assert_eq!(
        stand_in.tokens_sent_to(UPDATE_USER_GROUP_PATH).await,
        [token(4), token(4), token(5)]
    );
    assert_eq!(stand_in.requests_to(FEISHU_TOKEN_PATH).await, 2);
}

#[tokio::test]
async fn a_second_refusal_is_returned_to_the_caller() {
    let stand_in = StandIn::start().await;
    stand_in.refuse_all();
    let error = stand_in
        .dingtalk(APP_KEY, APP_SECRET)
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    assert!(error.is_token_rejected(), "{error:?}");
    assert_eq!(error.status(), Some(400));
    assert_eq!(
        stand_in.tokens_sent_to(UPDATE_GROUP_PATH).await,
        [token(1), token(2)],
        "sent twice, with two tokens"
    );

    let error = stand_in
        .feishu(APP_KEY, APP_SECRET)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(error.is_token_rejected(), "{error:?}");
    assert_eq!(stand_in.requests_to(UPDATE_USER_GROUP_PATH).await, 2);
    assert_eq!(stand_in.issued(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_refusals_of_one_token_fetch_one_new_token() {
    let stand_in = StandIn::start().await;
    let client = stand_in.dingtalk(APP_KEY, APP_SECRET);
    client.update_group(&page_update_group()).await.unwrap();
    stand_in.revoke_all();
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_group_nick(&nick_request()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().expect("replayed with the new token");
    }
    assert_eq!(stand_in.issued(), 2);
}

#[tokio::test]
async fn a_fixed_token_is_never_refreshed() {
    let stand_in = StandIn::start().await;
    let client = dingtalk::Client::new("tok-that-was-never-issued")
        .with_base_url(stand_in.server.uri())
        .with_retry_policy(RetryPolicy::none());
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    assert!(error.is_token_rejected());
    let error = client.update_group_nick(&nick_request()).await.unwrap_err();
    assert!(error.is_token_rejected());
    assert_eq!(stand_in.requests_to(UPDATE_GROUP_PATH).await, 1);
    assert_eq!(stand_in.requests_to(UPDATE_GROUP_NICK_PATH).await, 1);
    assert_eq!(stand_in.issued(), 0);
    assert!(!client.token_source().is_refreshable());
}

/// A source of the user's: hands out the tokens of a list in turn, moving on when one is refused.
#[derive(Debug)]
struct Rotating {
    tokens: Vec<&'static str>,
    next: AtomicUsize,
    invalidated: Mutex<Vec<String>>,
}

impl Rotating {
    fn new(tokens: Vec<&'static str>) -> Self {
        Self {
            tokens,
            next: AtomicUsize::new(0),
            invalidated: Mutex::default(),
        }
    }
}

impl TokenSource for Rotating {
    fn token(&self) -> TokenFuture<'_> {
        let index = self.next.load(Ordering::SeqCst).min(self.tokens.len() - 1);
        let token = AccessToken::new(self.tokens[index]);
        Box::pin(async move { Ok(token) })
    }

    fn invalidate(&self, rejected: &AccessToken) {
        self.invalidated
            .lock()
            .unwrap()
            .push(rejected.expose().to_owned());
        self.next.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_users_source_is_told_which_token_was_refused_and_asked_again() {
    let stand_in = StandIn::start().await;
    stand_in.accept("user-token-2-xxxxxxxx");
    let source = std::sync::Arc::new(Rotating::new(vec![
        "user-token-1-xxxxxxxx",
        "user-token-2-xxxxxxxx",
    ]));
    let client = feishu::Client::from_token_source(source.clone())
        .with_base_url(stand_in.server.uri())
        .with_retry_policy(RetryPolicy::none());
    client
        .update_user_group(&page_update_user_group())
        .await
        .expect("the second token is accepted");
    assert_eq!(
        *source.invalidated.lock().unwrap(),
        ["user-token-1-xxxxxxxx"]
    );
    assert_eq!(
        stand_in.tokens_sent_to(UPDATE_USER_GROUP_PATH).await,
        ["user-token-1-xxxxxxxx", "user-token-2-xxxxxxxx"]
    );
}

#[tokio::test]
async fn a_source_that_hands_back_the_refused_token_is_not_asked_to_resend() {
    let stand_in = StandIn::start().await;
    let source = Rotating::new(vec!["user-token-only-xxxxxxxx"]);
    let client = feishu::Client::from_token_source(source)
        .with_base_url(stand_in.server.uri())
        .with_retry_policy(RetryPolicy::none());
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Api(_)) && error.is_token_rejected());
    assert_eq!(stand_in.requests_to(UPDATE_USER_GROUP_PATH).await, 1);
}
