//! Retries: only what can succeed on another try, as often as the policy and the row allow, after
//! the wait the server asks for.

use std::time::{Duration, Instant};

use group_api::dingtalk::{TopapiPlatformError, UpdateGroupNickError};
use group_api::{Error, RetryPolicy, TransportErrorKind};
use serde_json::json;
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::dingtalk::{nick_request, page_update_group};
use crate::feishu::page_update_user_group;
use crate::hostile::refused_address;
use crate::support::{dingtalk_client, feishu_client, quick_retries};

/// Mounts `first` for the first `times` requests, then `then` for the rest.
async fn answers(server: &MockServer, first: ResponseTemplate, times: u64, then: ResponseTemplate) {
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(any())
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

async fn attempts(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// A GET (here DingTalk's old token endpoint) may be sent again after any retryable failure:
/// repeating it changes nothing.
fn idempotent_request() -> group_api::dingtalk::GetTokenRequest {
    group_api::dingtalk::GetTokenRequest::builder()
        .appkey("dingappkey")
        .appsecret("app-secret-for-retries")
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_503_then_200_succeeds_in_two_attempts() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(503).set_body_string("Service Unavailable"),
        1,
        ResponseTemplate::new(200).set_body_json(
            json!({"errcode": 0, "errmsg": "ok", "access_token": "fresh-token", "expires_in": 7200}),
        ),
    )
    .await;
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(3));
    let response = client.get_token(&idempotent_request()).await.unwrap();
    assert_eq!(response.errcode, Some(0));
    assert_eq!(attempts(&server).await, 2);
}

/// A write answered by a gateway's page (502, 503, 504 without a documented code) may have been
/// carried out behind the gateway: it reaches the server once, retries or not.
#[tokio::test]
async fn a_write_answered_by_a_gateway_page_reaches_the_server_once() {
    for status in [502, 503, 504] {
        let server = MockServer::start().await;
        answers(
            &server,
            ResponseTemplate::new(status)
                .insert_header("content-type", "text/html")
                .set_body_string("<html><body><h1>502 Bad Gateway</h1></body></html>"),
            1,
            ResponseTemplate::new(200).set_body_json(json!({"success": true})),
        )
        .await;
        let client = dingtalk_client(&server).with_retry_policy(quick_retries(3));
        let error = client.update_group(&page_update_group()).await.unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert!(matches!(error, Error::Decode(_)), "{error:?}");
        assert_eq!(attempts(&server).await, 1, "HTTP {status}");
    }
    // The same with an undocumented JSON code and with an unreadable body.
    for answer in [
        ResponseTemplate::new(502)
            .set_body_json(json!({"code": "Gateway.Error", "message": "bad gateway"})),
        ResponseTemplate::new(500).set_body_string("{\"code\": "),
    ] {
        let server = MockServer::start().await;
        answers(
            &server,
            answer,
            1,
            ResponseTemplate::new(200).set_body_json(json!({"success": true})),
        )
        .await;
        let client = dingtalk_client(&server).with_retry_policy(quick_retries(3));
        client.update_group(&page_update_group()).await.unwrap_err();
        assert_eq!(attempts(&server).await, 1);
    }
}

/// What tells a write was not carried out lets it be sent again: a rate-limit refusal (HTTP 429
/// without a documented code too), a documented retryable row (old-style `-1`, see below).
#[tokio::test]
async fn a_write_refused_for_its_rate_is_sent_again() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(429).set_body_string("Too Many Requests"),
        1,
        ResponseTemplate::new(200).set_body_json(json!({"success": true})),
    )
    .await;
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(3));
    let response = client.update_group(&page_update_group()).await.unwrap();
    assert_eq!(response.success, Some(true));
    assert_eq!(attempts(&server).await, 2);
}

#[tokio::test]
async fn a_feishu_429_with_a_reset_header_waits_that_long() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(429)
            .insert_header("x-ogw-ratelimit-limit", "100")
            .insert_header("x-ogw-ratelimit-reset", "1")
            .set_body_json(json!({"code": 99991400, "msg": "request trigger frequency limit"})),
        1,
        ResponseTemplate::new(200).set_body_json(json!({"code": 0, "msg": "success", "data": {}})),
    )
    .await;
    let client = feishu_client(&server).with_retry_policy(quick_retries(3));
    let started = Instant::now();
    let response = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    assert_eq!(response.code, Some(0));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "retried after {:?}, before the 1 s reset",
        started.elapsed()
    );
    assert_eq!(attempts(&server).await, 2);
}

#[tokio::test]
async fn a_retry_after_header_is_honoured() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(503)
            .insert_header("retry-after", "1")
            .set_body_json(json!({"code": "system.error", "message": "请重试,若始终失败请提交工单", "requestid": "r1"})),
        1,
        ResponseTemplate::new(200).set_body_json(json!({"success": true})),
    )
    .await;
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(3));
    let started = Instant::now();
    client.update_group(&page_update_group()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(attempts(&server).await, 2);
}

#[tokio::test]
async fn a_dingtalk_qps_limit_waits_the_rows_one_second() {
    let server = MockServer::start().await;
    answers(
        &server,
        ResponseTemplate::new(403).set_body_json(json!({
            "code": "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi",
            "message": "访问频率超过限制",
            "requestid": "qps"
        })),
        1,
        ResponseTemplate::new(200).set_body_json(json!({"success": true})),
    )
    .await;
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(3));
    let started = Instant::now();
    client.update_group(&page_update_group()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(attempts(&server).await, 2);
}

#[tokio::test]
async fn a_permission_error_is_tried_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": "permession.checkFailed", "message": "权限校验失败", "requestid": "p"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(5));
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    assert!(!error.is_retryable());
    assert_eq!(attempts(&server).await, 1);
}

#[tokio::test]
async fn quota_token_and_request_errors_are_tried_once() {
    let server = MockServer::start().await;
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(5));
    let new_style = [
        (403, "Forbidden.AccessDenied.ApiCountLimitForOrg"),
        (400, "InvalidAuthentication"),
        (400, "parameter.invalid"),
    ];
    for (status, code) in new_style {
        server.reset().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(json!({"code": code, "message": "no", "requestid": "x"})),
            )
            .mount(&server)
            .await;
        let error = client.update_group(&page_update_group()).await.unwrap_err();
        assert!(matches!(error, Error::Api(_)), "{code}: {error:?}");
        assert_eq!(attempts(&server).await, 1, "{code}");
    }
    for errcode in [90020, 40014, 88, 60124] {
        server.reset().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"errcode": errcode, "errmsg": "no"})),
            )
            .mount(&server)
            .await;
        client.update_group_nick(&nick_request()).await.unwrap_err();
        assert_eq!(attempts(&server).await, 1, "{errcode}");
    }
}

#[tokio::test]
async fn old_style_system_busy_is_tried_at_most_three_times() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"errcode": -1, "errmsg": "系统繁忙"})),
        )
        .mount(&server)
        .await;
    // The policy allows five; the row says at most three.
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(5));
    let error = client.update_group_nick(&nick_request()).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateGroupNickError::Platform(
            TopapiPlatformError::SystemBusy
        ))
    );
    assert_eq!(attempts(&server).await, 3);
}

#[tokio::test]
async fn retries_stop_at_the_policys_attempts_and_return_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .mount(&server)
        .await;
    let client = dingtalk_client(&server).with_retry_policy(quick_retries(4));
    let error = client.get_token(&idempotent_request()).await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(attempts(&server).await, 4);

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .mount(&server)
        .await;
    let client = client.with_retry_policy(RetryPolicy::none());
    client.get_token(&idempotent_request()).await.unwrap_err();
    assert_eq!(attempts(&server).await, 1);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    let client = group_api::dingtalk::Client::new("token-for-nobody")
        .with_base_url(refused_address())
        .with_retry_policy(quick_retries(3).without_jitter());
    let started = Instant::now();
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect);
    // Two backoffs without jitter: 5 ms, then 10 ms.
    assert!(started.elapsed() >= Duration::from_millis(15));
}

#[test]
fn the_default_policy_is_the_documented_one() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_attempts(), 3);
    assert_eq!(policy.initial_backoff(), Duration::from_millis(200));
    assert_eq!(policy.max_backoff(), Duration::from_secs(5));
    assert_eq!(policy.max_wait(), Duration::from_secs(30));
    let client = group_api::feishu::Client::new("t");
    assert_eq!(client.retry_policy(), &policy);
}

/// The spec decides for a documented row: Feishu's internal error (HTTP 500, "contact support")
/// is not retried, and `group_api::Error::is_retryable` agrees with the endpoint error's own.
#[tokio::test]
async fn a_documented_row_not_marked_retryable_is_tried_once_even_with_a_5xx() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(serde_json::json!({"code": 40003, "msg": "internal error"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client =
        crate::support::feishu_client(&server).with_retry_policy(crate::support::quick_retries(3));
    let error = client
        .update_user_group(&crate::feishu::page_update_user_group())
        .await
        .unwrap_err();
    let typed = error.api_error().expect("a typed error");
    assert_eq!(
        typed,
        &group_api::feishu::UpdateUserGroupError::InternalError
    );
    assert!(!typed.is_retryable());
    assert!(!error.is_retryable());
}

/// A `POST` that timed out may have been carried out: it is not sent again, even with retries on.
#[tokio::test]
async fn a_timed_out_write_is_not_sent_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(400)))
        .expect(1)
        .mount(&server)
        .await;
    let client = dingtalk_client(&server)
        .with_retry_policy(quick_retries(3))
        .with_timeout(Duration::from_millis(100));
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    assert!(
        matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{error:?}"
    );
}
