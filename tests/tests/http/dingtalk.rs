//! DingTalk over HTTP: the new-style `update_group` (token in a header, errors as a non-2xx status)
//! and the old-style `update_group_nick` (token in the query, `errcode` even with HTTP 200).

use std::time::Duration;

use group_api::dingtalk::{
    TopapiPlatformError, UpdateGroupError, UpdateGroupNickError, UpdateGroupNickRequest,
    V1PlatformError,
};
use group_api::{ApiError, Error, ErrorCategory};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    DINGTALK_TOKEN, all_rows, assert_row, body_from_field_examples, dingtalk_client, request_id,
    spec,
};

/// The page's request example (shared with the golden test).
pub use group_api_tests::page_update_group;

/// The fields' examples from the page (it has no request example).
pub fn nick_request() -> UpdateGroupNickRequest {
    UpdateGroupNickRequest::builder()
        .userid("user123")
        .chatid("chate3929fxxxx")
        .group_nick("DingTalk Assistant")
        .build()
        .expect("valid")
}

#[tokio::test]
async fn update_group_sends_the_pages_request_and_reads_its_response() {
    let server = MockServer::start().await;
    let example = &spec("dingtalk.update_group")["examples"][0];
    Mock::given(method("POST"))
        .and(path("/v1.0/im/group/update"))
        .and(header("x-acs-dingtalk-access-token", DINGTALK_TOKEN))
        .and(header("content-type", "application/json"))
        .and(body_json(&example["request"]["body"]))
        .respond_with(ResponseTemplate::new(200).set_body_json(&example["response"]))
        .expect(1)
        .mount(&server)
        .await;

    let response = dingtalk_client(&server)
        .update_group(&page_update_group())
        .await
        .expect("the page's response example is a success");
    assert_eq!(response.success, Some(true));

    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        received.url.query(),
        None,
        "the new-style API takes no query"
    );
    assert!(received.headers.get("authorization").is_none());
    let user_agent = received.headers["user-agent"].to_str().unwrap();
    assert!(user_agent.starts_with("group-api/0."), "{user_agent}");
    assert_eq!(received.headers["accept"], "application/json");
    let body: Value = serde_json::from_slice(&received.body).unwrap();
    assert_eq!(body, example["request"]["body"]);
}

#[tokio::test]
async fn update_group_reads_every_documented_error_row() {
    let server = MockServer::start().await;
    let client = dingtalk_client(&server);
    for row in all_rows("dingtalk.update_group") {
        server.reset().await;
        let status = row.status.unwrap_or(400);
        Mock::given(method("POST"))
            .and(path("/v1.0/im/group/update"))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({
                "code": row.wire_code,
                "message": row.server_message(),
                "requestid": request_id(&row),
            })))
            .mount(&server)
            .await;
        let result = client.update_group(&page_update_group()).await;
        assert_row(result, &row, status);
    }
}

#[tokio::test]
async fn update_group_tells_the_two_permission_rows_apart_by_message() {
    let server = MockServer::start().await;
    let client = dingtalk_client(&server);
    for (message, expected) in [
        ("权限校验失败", UpdateGroupError::PermissionCheckFailed),
        (
            "群主不在应用可见性内",
            UpdateGroupError::OwnerNotVisibleToApp,
        ),
    ] {
        server.reset().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(400).set_body_json(json!({
                "code": "permession.checkFailed", "message": message, "requestid": "4E7C0F"
            })))
            .mount(&server)
            .await;
        let error = client.update_group(&page_update_group()).await.unwrap_err();
        match error.api_error() {
            Some(UpdateGroupError::PermissionCheckFailed) => {
                assert_eq!(expected, UpdateGroupError::PermissionCheckFailed)
            }
            Some(UpdateGroupError::OwnerNotVisibleToApp) => {
                assert_eq!(expected, UpdateGroupError::OwnerNotVisibleToApp)
            }
            other => panic!("{message}: {other:?}"),
        }
        assert_eq!(error.status(), Some(400));
        assert_eq!(error.request_id(), Some("4E7C0F"));
        assert!(!error.is_retryable());
    }
}

#[tokio::test]
async fn update_group_platform_codes_and_undocumented_codes() {
    let server = MockServer::start().await;
    let client = dingtalk_client(&server);
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": "InvalidAuthentication",
            "message": "不合法的access_token",
            "requestid": "A1B2"
        })))
        .mount(&server)
        .await;
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateGroupError::Platform(
            V1PlatformError::InvalidAuthentication
        ))
    );
    assert!(error.is_token_rejected());

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({
            "code": "group.locked", "message": "群已锁定", "requestid": "C3D4"
        })))
        .mount(&server)
        .await;
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    match error.api_error() {
        Some(UpdateGroupError::Undocumented { code, message }) => {
            assert_eq!(*code, "group.locked");
            assert_eq!(message, "群已锁定");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.request_id(), Some("C3D4"));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn update_group_nick_sends_the_token_in_the_query_and_reads_errcode_zero() {
    let server = MockServer::start().await;
    let success = body_from_field_examples("dingtalk.update_group_nick");
    assert_eq!(success["errcode"], 0);
    Mock::given(method("POST"))
        .and(path("/topapi/chat/updategroupnick"))
        .and(query_param("access_token", DINGTALK_TOKEN))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "userid": "user123",
            "chatid": "chate3929fxxxx",
            "group_nick": "DingTalk Assistant"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(&success))
        .expect(1)
        .mount(&server)
        .await;

    let response = dingtalk_client(&server)
        .update_group_nick(&nick_request())
        .await
        .expect("errcode 0 is success");
    assert_eq!(response.success, Some(true));
    assert_eq!(response.request_id.as_deref(), Some("id1aatxt9mco"));

    let received = &server.received_requests().await.unwrap()[0];
    let query: Vec<(String, String)> = received.url.query_pairs().into_owned().collect();
    assert_eq!(
        query,
        [("access_token".to_owned(), DINGTALK_TOKEN.to_owned())]
    );
    assert!(
        received
            .headers
            .get("x-acs-dingtalk-access-token")
            .is_none(),
        "the old-style API takes the token in the query only"
    );
}

#[tokio::test]
async fn update_group_nick_reads_every_documented_error_row_with_http_200() {
    let server = MockServer::start().await;
    let client = dingtalk_client(&server);
    for row in all_rows("dingtalk.update_group_nick") {
        server.reset().await;
        Mock::given(method("POST"))
            .and(path("/topapi/chat/updategroupnick"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "errcode": row.wire_code,
                "errmsg": row.server_message(),
                "request_id": request_id(&row),
            })))
            .mount(&server)
            .await;
        let result = client.update_group_nick(&nick_request()).await;
        assert_row(result, &row, 200);
    }
}

#[tokio::test]
async fn update_group_nick_platform_codes_by_variant() {
    let server = MockServer::start().await;
    let client = dingtalk_client(&server);
    let cases = [
        (
            40014,
            TopapiPlatformError::InvalidAccessToken,
            ErrorCategory::TokenRejected,
        ),
        (
            88,
            TopapiPlatformError::AuthenticationOrPermissionFailed,
            ErrorCategory::Permission,
        ),
        (-1, TopapiPlatformError::SystemBusy, ErrorCategory::Server),
        (
            90018,
            TopapiPlatformError::QpsLimitForAppAndApi,
            ErrorCategory::RateLimited,
        ),
        (
            90002,
            TopapiPlatformError::QpsLimitForApi,
            ErrorCategory::RateLimited,
        ),
        (
            90020,
            TopapiPlatformError::MonthlyQuotaExceeded,
            ErrorCategory::QuotaExceeded,
        ),
    ];
    for (code, variant, category) in cases {
        server.reset().await;
        Mock::given(method("POST"))
            // `request_id` may be absent or null (platform-facts.md).
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "errcode": code, "errmsg": "platform error", "request_id": null
            })))
            .mount(&server)
            .await;
        let error = client.update_group_nick(&nick_request()).await.unwrap_err();
        assert_eq!(
            error.api_error(),
            Some(&UpdateGroupNickError::Platform(variant))
        );
        assert_eq!(error.api_error().unwrap().category(), Some(category));
        assert_eq!(error.status(), Some(200));
        assert_eq!(error.request_id(), None);
    }
}

#[tokio::test]
async fn the_per_ip_block_is_a_decode_error_with_the_wait_and_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 1111, "wait": 5})))
        .expect(2)
        .mount(&server)
        .await;
    // The default retry policy: the block is not retried by either API.
    let client = group_api::dingtalk::Client::new(DINGTALK_TOKEN).with_base_url(server.uri());

    let old = client.update_group_nick(&nick_request()).await.unwrap_err();
    let new = client.update_group(&page_update_group()).await.unwrap_err();
    for error in [old.to_string(), new.to_string()] {
        assert!(error.contains("blocked this IP"), "{error}");
        assert!(error.contains("wait 5 minutes"), "{error}");
    }
    for error in [&old.retry_after(), &new.retry_after()] {
        assert_eq!(*error, Some(Duration::from_secs(300)));
    }
    assert!(matches!(old, Error::Decode(_)) && !old.is_retryable());
    assert!(matches!(new, Error::Decode(_)) && !new.is_retryable());
}
