//! The user's endpoint is a first-class citizen: typed builder, validation, a call through
//! `ga::dingtalk::Client::send` against a local server, its own error rows and the platform-wide
//! ones.

use ga::dingtalk::Client;
use group_api_user_crate::dingtalk::{PinLevel, SetGroupTopicError, SetGroupTopicRequest};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn request() -> SetGroupTopicRequest {
    SetGroupTopicRequest::builder()
        .chatid("chat/1")
        .topic("周会")
        .pin_level(PinLevel::Pinned)
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_users_endpoint_is_sent_with_the_built_in_platforms_auth_and_parsed() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1.0/im/groups/chat%2F1/topic"))
        .and(header("x-acs-dingtalk-access-token", "user-token"))
        .and(body_json(json!({"topic": "周会", "pinLevel": 1})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"success": true, "topic": "周会"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::new("user-token").with_base_url(server.uri());
    let response = client.send(&request()).await.unwrap();
    assert_eq!(response.success, Some(true));
    assert_eq!(response.topic.as_deref(), Some("周会"));
}

#[tokio::test]
async fn its_own_rows_and_the_platform_wide_rows_are_typed() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"code": "topic.blocked", "message": "topic not allowed", "requestid": "r-1"}),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"code": "InvalidAuthentication", "message": "不合法的access_token", "requestid": "r-2"}),
        ))
        .mount(&server)
        .await;
    let client = Client::new("user-token").with_base_url(server.uri());
    let error = client.send(&request()).await.unwrap_err();
    assert_eq!(error.api_error(), Some(&SetGroupTopicError::TopicBlocked));
    assert_eq!(
        (error.status(), error.request_id()),
        (Some(400), Some("r-1"))
    );
    let error = client.send(&request()).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&SetGroupTopicError::Platform(
            ga::dingtalk::V1PlatformError::InvalidAuthentication
        ))
    );
    assert!(error.is_token_rejected());
}

#[test]
fn its_constraints_are_checked_before_sending() {
    let error = SetGroupTopicRequest::builder()
        .chatid("c")
        .topic("")
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request: `topic` is 0 characters long; at least 1 are required"
    );
}
