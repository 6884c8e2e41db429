//! Hostile answers: what a gateway, a broken proxy or a slow server sends instead of the documented
//! body. None panics; each is an error that says what came back.

use std::time::{Duration, Instant};

use group_api::{
    ApiError, DecodeError, Error, RequestErrorKind, RetryPolicy, TransportErrorKind, dingtalk,
    feishu,
};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::dingtalk::{nick_request, page_update_group};
use crate::feishu::page_update_user_group;
use crate::support::{DINGTALK_TOKEN, FEISHU_TOKEN, dingtalk_client};

/// What one call ended in, whatever the endpoint's error type.
#[derive(Debug)]
struct Outcome {
    endpoint: &'static str,
    display: String,
    status: Option<u16>,
    retryable: bool,
    decode: Option<DecodeError>,
    transport: Option<TransportErrorKind>,
    request: Option<RequestErrorKind>,
}

fn outcome<T: std::fmt::Debug, E: ApiError + std::fmt::Debug>(
    endpoint: &'static str,
    result: Result<T, Error<E>>,
) -> Outcome {
    let error = result.expect_err(&format!("{endpoint}: a hostile answer must not succeed"));
    Outcome {
        endpoint,
        display: error.to_string(),
        status: error.status(),
        retryable: error.is_retryable(),
        decode: match &error {
            Error::Decode(decode) => Some((**decode).clone()),
            _ => None,
        },
        transport: match &error {
            Error::Transport(transport) => Some(transport.kind()),
            _ => None,
        },
        request: match &error {
            Error::Request(request) => Some(request.kind()),
            _ => None,
        },
    }
}

/// Calls the three HTTP endpoints at `base_url`, each once.
async fn call_all(base_url: &str, timeout: Option<Duration>) -> Vec<Outcome> {
    let mut dingtalk = dingtalk::Client::new(DINGTALK_TOKEN)
        .with_base_url(base_url)
        .with_retry_policy(RetryPolicy::none());
    let mut feishu = feishu::Client::new(FEISHU_TOKEN)
        .with_base_url(base_url)
        .with_retry_policy(RetryPolicy::none());
    if let Some(timeout) = timeout {
        dingtalk = dingtalk.with_timeout(timeout);
        feishu = feishu.with_timeout(timeout);
    }
    vec![
        outcome(
            "update_group",
            dingtalk.update_group(&page_update_group()).await,
        ),
        outcome(
            "update_group_nick",
            dingtalk.update_group_nick(&nick_request()).await,
        ),
        outcome(
            "update_user_group",
            feishu.update_user_group(&page_update_user_group()).await,
        ),
    ]
}

/// A server that gives `answer` to every request, and the outcomes of the three calls.
async fn answered_with(answer: ResponseTemplate) -> Vec<Outcome> {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    call_all(&server.uri(), None).await
}

fn decode(outcome: &Outcome) -> &DecodeError {
    outcome
        .decode
        .as_ref()
        .unwrap_or_else(|| panic!("expected a decode error: {outcome:?}"))
}

#[tokio::test]
async fn an_html_502_page_is_a_retryable_decode_error_with_the_page() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let outcomes = answered_with(
        ResponseTemplate::new(502).set_body_raw(page.as_bytes(), "text/html; charset=utf-8"),
    )
    .await;
    for outcome in &outcomes {
        let decode = decode(outcome);
        assert_eq!(outcome.status, Some(502), "{outcome:?}");
        assert!(outcome.retryable, "a 5xx is worth another try: {outcome:?}");
        assert!(
            decode
                .message
                .contains("expected a JSON body, got text/html"),
            "{outcome:?}"
        );
        assert!(decode.body_prefix.starts_with("<html><head><title>502"));
        assert!(outcome.display.contains("HTTP 502"), "{}", outcome.display);
    }
}

#[tokio::test]
async fn an_empty_body_is_a_decode_error() {
    for status in [200, 500] {
        for outcome in answered_with(ResponseTemplate::new(status)).await {
            let decode = decode(&outcome);
            assert_eq!(outcome.status, Some(status));
            assert!(decode.message.contains("empty"), "{outcome:?}");
            assert_eq!(decode.body_prefix, "");
            assert_eq!(outcome.retryable, status >= 500, "{outcome:?}");
        }
    }
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_that_says_so() {
    let body = r#"{"errcode": 0, "code": 0, "msg": "succ"#;
    for outcome in
        answered_with(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await
    {
        let decode = decode(&outcome);
        assert!(decode.message.contains("cut short"), "{outcome:?}");
        assert_eq!(decode.body_prefix, body);
        assert!(!outcome.retryable);
    }
}

#[tokio::test]
async fn a_field_of_the_wrong_type_names_its_path() {
    // A success for all three envelopes, with the documented fields of the wrong type.
    let body = json!({"errcode": 0, "code": 0, "msg": "success", "success": "yes", "data": "oops"});
    let outcomes = answered_with(ResponseTemplate::new(200).set_body_json(body)).await;
    let paths: Vec<(&str, Option<&str>)> = outcomes
        .iter()
        .map(|o| (o.endpoint, decode(o).path.as_deref()))
        .collect();
    assert_eq!(
        paths,
        [
            ("update_group", Some("success")),
            ("update_group_nick", Some("success")),
            ("update_user_group", Some("data")),
        ]
    );
    for outcome in &outcomes {
        assert!(
            outcome.display.contains("not the documented shape"),
            "{}",
            outcome.display
        );
        assert_eq!(outcome.status, Some(200));
    }
}

#[tokio::test]
async fn an_error_body_without_the_code_field_is_a_decode_error() {
    let body = json!({"error": "Not Found", "path": "/somewhere"});
    let outcomes = answered_with(ResponseTemplate::new(404).set_body_json(body)).await;
    for (outcome, field) in outcomes.iter().zip(["code", "errcode", "code"]) {
        let decode = decode(outcome);
        assert_eq!(outcome.status, Some(404));
        assert!(
            decode.message.contains(&format!("`{field}`")),
            "{outcome:?}"
        );
        assert!(!outcome.retryable);
    }
}

#[tokio::test]
async fn json_that_is_not_an_object_is_a_decode_error() {
    for outcome in answered_with(ResponseTemplate::new(200).set_body_json(json!([1, 2, 3]))).await {
        assert!(outcome.decode.is_some(), "{outcome:?}");
        assert_eq!(outcome.status, Some(200));
    }
}

#[tokio::test]
async fn a_slow_server_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"success": true}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let outcomes = call_all(&server.uri(), Some(Duration::from_millis(200))).await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "three timeouts of 200 ms took {:?}",
        started.elapsed()
    );
    for outcome in &outcomes {
        assert_eq!(
            outcome.transport,
            Some(TransportErrorKind::Timeout),
            "{outcome:?}"
        );
        assert!(outcome.retryable);
        assert!(outcome.display.starts_with("timed out: "), "{outcome:?}");
    }
}

/// An address on 127.0.0.1 where nothing listens.
pub fn refused_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    for outcome in call_all(&refused_address(), None).await {
        assert_eq!(
            outcome.transport,
            Some(TransportErrorKind::Connect),
            "{outcome:?}"
        );
        assert!(outcome.retryable);
        assert!(
            outcome.display.starts_with("could not connect: POST")
                || outcome.display.starts_with("could not connect: PATCH"),
            "{}",
            outcome.display
        );
        assert_eq!(outcome.status, None);
    }
}

#[tokio::test]
async fn a_base_url_that_is_not_a_url_is_reported_not_panicked() {
    // A construction failure (issue 13): nothing was sent, so it is not a transport failure.
    for outcome in call_all("not a url", None).await {
        assert_eq!(outcome.request, Some(RequestErrorKind::InvalidUrl));
        assert_eq!(outcome.transport, None);
        assert!(
            outcome.display.contains("is not a valid URL"),
            "{outcome:?}"
        );
    }
}

/// Wait hints and token lifetimes too large for a `Duration` or an `Instant` are no hint, not a
/// panic.
#[tokio::test]
async fn absurd_wait_hints_and_token_lifetimes_are_not_panics() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::path("/v1.0/oauth2/accessToken"))
        .respond_with(
            wiremock::ResponseTemplate::new(200).set_body_json(
                serde_json::json!({"accessToken": "tok-long", "expireIn": i64::MAX}),
            ),
        )
        .mount(&server)
        .await;
    wiremock::Mock::given(wiremock::matchers::path("/v1.0/im/group/update"))
        .respond_with(
            wiremock::ResponseTemplate::new(403).insert_header("Retry-After", "1e20").set_body_json(
                serde_json::json!({"code": "Forbidden.AccessDenied.QpsLimitForApi", "message": "qps", "requestid": "r"}),
            ),
        )
        .mount(&server)
        .await;
    let client = group_api::dingtalk::Client::from_app_credentials("key", "secret-value")
        .with_base_url(server.uri())
        .with_retry_policy(group_api::RetryPolicy::none());
    let error = client
        .update_group(&crate::dingtalk::page_update_group())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(403), "{error}");
    assert!(error.api_error().is_some(), "{error}");
    // The rate-limit answer paused the endpoint's budget, for at most an hour however long the
    // hint: the next call is held back locally, not sent.
    let error = client
        .update_group(&crate::dingtalk::page_update_group())
        .await
        .unwrap_err();
    let group_api::Error::RateLimited(limited) = &error else {
        panic!("expected a local rate-limit error, got {error}");
    };
    assert!(limited.limit().is_none(), "{error}");
    assert!(
        limited.retry_after() <= std::time::Duration::from_secs(3600),
        "{error}"
    );
    let sent = server.received_requests().await.unwrap();
    let updates = sent
        .iter()
        .filter(|r| r.url.path() == "/v1.0/im/group/update");
    assert_eq!(updates.count(), 1);
}

/// DingTalk's `88` names the real failure in `sub_code`, which no page documents: the error keeps
/// the whole body so a user can read it.
#[tokio::test]
async fn the_error_body_is_kept_for_fields_the_pages_do_not_name() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errcode": 88, "errmsg": "ding talk error[subcode=40014,submsg=不合法的access_token]",
            "sub_code": "40014", "sub_msg": "不合法的access_token", "request_id": "r-88"
        })))
        .mount(&server)
        .await;
    let client = dingtalk_client(&server);
    let Error::Api(failure) = client.update_group_nick(&nick_request()).await.unwrap_err() else {
        panic!("an API error");
    };
    assert_eq!(
        format!("{:?}", failure.error),
        "Platform(AuthenticationOrPermissionFailed)"
    );
    assert_eq!(
        failure.body.as_ref().and_then(|b| b["sub_code"].as_str()),
        Some("40014")
    );
}
