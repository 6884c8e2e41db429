//! A token endpoint that fails: a wrong secret, a server that is down or failing, an answer
//! without a token. The call is not sent, and the error says which platform, which endpoint and
//! what went wrong there.

use std::error::Error as _;
use std::time::Duration;

use group_api::{ApiError, Error, ErrorCode, RetryPolicy, TokenErrorKind, dingtalk, feishu};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::stand_in::{
    APP_KEY, APP_SECRET, DINGTALK_TOKEN_PATH, FEISHU_TOKEN_PATH, StandIn, UPDATE_GROUP_PATH,
    UPDATE_USER_GROUP_PATH,
};
use crate::dingtalk::page_update_group;
use crate::feishu::page_update_user_group;
use crate::hostile::refused_address;

#[tokio::test]
async fn a_wrong_secret_names_the_platform_the_endpoint_and_the_servers_code() {
    let stand_in = StandIn::start().await;
    let error = stand_in
        .dingtalk(APP_KEY, "not-the-app-secret")
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    let Error::Token(token_error) = &error else {
        panic!("expected a token error, got {error:?}");
    };
    assert_eq!(token_error.kind(), TokenErrorKind::Refused);
    assert!(!error.is_retryable());
    assert!(!error.is_token_rejected());
    assert_eq!(
        error.to_string(),
        "could not get an access token: DingTalk token endpoint POST /v1.0/oauth2/accessToken: \
         the server answered stand-in.wrongAppSecret: the app key and secret do not match \
         (undocumented error code) (HTTP 400) (request id token-req-1); check the app key and secret"
    );
    // The token endpoint's own typed error is the source.
    let source = token_error.source().expect("the token endpoint's error");
    let endpoint_error = source
        .downcast_ref::<Error<dingtalk::GetAccessTokenError>>()
        .expect("a group_api::Error<GetAccessTokenError>");
    assert_eq!(
        endpoint_error.api_error().map(ApiError::code),
        Some(ErrorCode::text("stand-in.wrongAppSecret"))
    );
    assert_eq!(stand_in.requests_to(UPDATE_GROUP_PATH).await, 0, "not sent");

    let error = stand_in
        .feishu(APP_KEY, "not-the-app-secret")
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::Refused));
    let text = error.to_string();
    assert!(
        text.starts_with(
            "could not get an access token: Feishu token endpoint \
             POST /open-apis/auth/v3/tenant_access_token/internal: the server answered 777002"
        ),
        "{text}"
    );
    assert!(text.ends_with("check the app key and secret"), "{text}");
    assert_eq!(stand_in.requests_to(UPDATE_USER_GROUP_PATH).await, 0);
}

#[tokio::test]
async fn a_token_endpoint_that_is_down_is_unreachable_and_worth_another_try() {
    let error = dingtalk::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(refused_address())
        .with_retry_policy(RetryPolicy::none())
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::Unreachable));
    assert!(error.is_retryable());
    let text = error.to_string();
    assert!(
        text.starts_with(
            "could not get an access token: DingTalk token endpoint POST /v1.0/oauth2/accessToken: \
             could not connect: POST http://127.0.0.1:"
        ),
        "{text}"
    );
}

#[tokio::test]
async fn a_failing_token_endpoint_is_retried_by_the_clients_policy_then_recovers() {
    let stand_in = StandIn::start().await;
    stand_in.token_endpoint_down(true);
    let client = feishu::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(stand_in.server.uri())
        .with_retry_policy(crate::support::quick_retries(2));
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::ServerError));
    assert!(error.is_retryable(), "HTTP 500: {error}");
    assert_eq!(stand_in.requests_to(FEISHU_TOKEN_PATH).await, 2);

    // A failure is not cached: once the endpoint is back, the next call gets a token.
    stand_in.token_endpoint_down(false);
    client
        .update_user_group(&page_update_user_group())
        .await
        .expect("the token endpoint is back");
    assert_eq!(stand_in.issued(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callers_waiting_on_a_failing_fetch_share_its_failure() {
    let stand_in = StandIn::start().await;
    stand_in.token_delay(Duration::from_millis(1000));
    let client = stand_in.dingtalk(APP_KEY, "not-the-app-secret");
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_group(&page_update_group()).await })
        })
        .collect();
    for call in calls {
        let error = call.await.unwrap().unwrap_err();
        assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::Refused));
    }
    assert_eq!(stand_in.requests_to(DINGTALK_TOKEN_PATH).await, 1);
}

#[tokio::test]
async fn a_success_without_a_token_is_unreadable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(DINGTALK_TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"expireIn": 7200})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(FEISHU_TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"code": 0, "msg": "ok", "tenant_access_token": ""})),
        )
        .mount(&server)
        .await;
    let error = dingtalk::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::Unreadable));
    assert_eq!(
        error.to_string(),
        "could not get an access token: DingTalk token endpoint POST /v1.0/oauth2/accessToken: \
         the answer is a success but carries no `accessToken`"
    );
    let error = feishu::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("carries no `tenant_access_token`"),
        "{error}"
    );
}
