//! A refused token: an app-credentials client (or a source of the user's) invalidates it, gets a
//! new one and sends the call once more; a second refusal is the caller's; a fixed token is
//! never refreshed. Against `group_api::testing::StandIn`, told to refuse or expire tokens.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use group_api::dingtalk::{GetAccessTokenRequest, UpdateGroupNickRequest, UpdateGroupRequest};
use group_api::endpoint::HttpEndpoint;
use group_api::feishu::{GetTenantAccessTokenRequest, UpdateUserGroupRequest};
use group_api::testing::StandIn;
use group_api::{AccessToken, Error, RetryPolicy, TokenFuture, TokenSource, dingtalk, feishu};

use super::stand_in::{APP_KEY, APP_SECRET};
use crate::dingtalk::{nick_request, page_update_group};
use crate::feishu::page_update_user_group;

/// A DingTalk client of the test app that sends to `stand_in`, each call once.
fn dingtalk_client(stand_in: &StandIn) -> dingtalk::Client {
    dingtalk::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none())
}

/// A Feishu client of the test app that sends to `stand_in`, each call once.
fn feishu_client(stand_in: &StandIn) -> feishu::Client {
    feishu::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none())
}

/// The token each call of `R` carried, in order.
fn tokens_sent_to<R: HttpEndpoint>(stand_in: &StandIn) -> Vec<String> {
    stand_in
        .requests_to::<R>()
        .iter()
        .map(|call| call.token().unwrap_or_default().to_owned())
        .collect()
}

/// `tokens` follow the pattern of `same`: equal entries of `same` are equal tokens, different
/// entries different ones (`[1, 1, 2]`: the same token twice, then a new one).
fn assert_pattern(tokens: &[String], same: &[usize]) {
    assert_eq!(tokens.len(), same.len(), "{tokens:?}");
    for (i, a) in same.iter().enumerate() {
        for (j, b) in same.iter().enumerate() {
            assert_eq!(
                tokens[i] == tokens[j],
                a == b,
                "{tokens:?} against {same:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_refused_token_is_replaced_and_the_call_succeeds_on_its_second_try() {
    let stand_in = StandIn::start().await;
    let dingtalk = dingtalk_client(&stand_in);
    let feishu = feishu_client(&stand_in);

    // DingTalk new style: `InvalidAuthentication`.
    dingtalk.update_group(&page_update_group()).await.unwrap();
    stand_in.expire_tokens();
    let response = dingtalk.update_group(&page_update_group()).await;
    assert_eq!(response.unwrap().success, Some(true));
    let sent = tokens_sent_to::<UpdateGroupRequest>(&stand_in);
    assert_pattern(&sent, &[1, 1, 2]);

    // DingTalk old style: `40014`, with the same client's token.
    stand_in.expire_tokens();
    let response = dingtalk.update_group_nick(&nick_request()).await;
    assert_eq!(response.unwrap().errcode, Some(0));
    let nick = tokens_sent_to::<UpdateGroupNickRequest>(&stand_in);
    assert_pattern(&nick, &[2, 3]);
    assert_eq!(nick[0], sent[2], "the same client's token");
    assert_eq!(stand_in.requests_to::<GetAccessTokenRequest>().len(), 3);

    // Feishu: `99991663`.
    feishu
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    stand_in.expire_tokens();
    let response = feishu.update_user_group(&page_update_user_group()).await;
    assert_eq!(response.unwrap().code, Some(0));
    assert_pattern(
        &tokens_sent_to::<UpdateUserGroupRequest>(&stand_in),
        &[4, 4, 5],
    );
    assert_eq!(
        stand_in.requests_to::<GetTenantAccessTokenRequest>().len(),
        2
    );
}

#[tokio::test]
async fn a_second_refusal_is_returned_to_the_caller() {
    let stand_in = StandIn::start().await;
    stand_in.refuse_tokens(u32::MAX);
    let error = dingtalk_client(&stand_in)
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    assert!(error.is_token_rejected(), "{error:?}");
    assert_eq!(error.status(), Some(400));
    assert_pattern(&tokens_sent_to::<UpdateGroupRequest>(&stand_in), &[1, 2]);

    let error = feishu_client(&stand_in)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(error.is_token_rejected(), "{error:?}");
    assert_eq!(stand_in.requests_to::<UpdateUserGroupRequest>().len(), 2);
    assert_eq!(stand_in.tokens_issued(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_refusals_of_one_token_fetch_one_new_token() {
    let stand_in = StandIn::start().await;
    let client = dingtalk_client(&stand_in);
    client.update_group(&page_update_group()).await.unwrap();
    stand_in.expire_tokens();
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_group_nick(&nick_request()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().expect("replayed with the new token");
    }
    assert_eq!(stand_in.tokens_issued(), 2);
}

#[tokio::test]
async fn a_fixed_token_is_never_refreshed() {
    let stand_in = StandIn::start().await;
    stand_in.refuse_tokens(u32::MAX);
    let client = dingtalk::Client::new("tok-that-was-never-issued")
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none());
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    assert!(error.is_token_rejected());
    let error = client.update_group_nick(&nick_request()).await.unwrap_err();
    assert!(error.is_token_rejected());
    assert_eq!(stand_in.requests_to::<UpdateGroupRequest>().len(), 1);
    assert_eq!(stand_in.requests_to::<UpdateGroupNickRequest>().len(), 1);
    assert_eq!(stand_in.tokens_issued(), 0);
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
    stand_in.refuse_tokens(1);
    let source = std::sync::Arc::new(Rotating::new(vec![
        "user-token-1-xxxxxxxx",
        "user-token-2-xxxxxxxx",
    ]));
    let client = feishu::Client::from_token_source(source.clone())
        .with_base_url(stand_in.url())
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
        tokens_sent_to::<UpdateUserGroupRequest>(&stand_in),
        ["user-token-1-xxxxxxxx", "user-token-2-xxxxxxxx"]
    );
}

#[tokio::test]
async fn a_source_that_hands_back_the_refused_token_is_not_asked_to_resend() {
    let stand_in = StandIn::start().await;
    stand_in.refuse_tokens(1);
    let source = Rotating::new(vec!["user-token-only-xxxxxxxx"]);
    let client = feishu::Client::from_token_source(source)
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none());
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Api(_)) && error.is_token_rejected());
    assert_eq!(stand_in.requests_to::<UpdateUserGroupRequest>().len(), 1);
}
