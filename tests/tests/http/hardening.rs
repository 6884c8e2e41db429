//! The answers that used to surprise the client (issue 11): capitalised DingTalk error bodies,
//! tokens refused again and again, tokens that cannot be sent, plain http:// to another machine,
//! absurd wait hints, secrets echoed JSON-escaped, codes of the wrong type or size, token
//! endpoints that fail on their side, Feishu's `error.log_id`, `204 No Content`, and a deadline
//! for the whole call. Memory under an endless or huge answer is in `tests/memory.rs`.

use std::time::{Duration, Instant};

use group_api::dingtalk::{self, UpdateGroupError, V1PlatformError};
use group_api::{Error, RequestErrorKind, RetryPolicy, TokenErrorKind, TransportErrorKind, feishu};
use serde_json::json;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::dingtalk::{nick_request, page_update_group};
use crate::feishu::page_update_user_group;
use crate::support::{
    DINGTALK_TOKEN, dingtalk_client, feishu_client, feishu_client_with, quick_retries,
};
use crate::tokens::stand_in::{
    APP_KEY, APP_SECRET, DINGTALK_TOKEN_PATH, FEISHU_TOKEN_PATH, StandIn, UPDATE_GROUP_PATH,
};

async fn requests_to(server: &MockServer, to: &str) -> usize {
    let requests = server.received_requests().await.unwrap();
    requests.iter().filter(|r| r.url.path() == to).count()
}

/// DingTalk's gateway answers some errors as `{"Code", "Message", "RequestId"}`; its own code reads
/// those keys first. The envelope reads them as the documented row, and a refused token in that
/// shape is replaced like any other.
#[tokio::test]
async fn a_capitalised_dingtalk_error_body_is_the_documented_row_and_refreshes_the_token() {
    let server = MockServer::start().await;
    Mock::given(path(DINGTALK_TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"accessToken": "tok-capital-1", "expireIn": 7200})),
        )
        .mount(&server)
        .await;
    Mock::given(path(UPDATE_GROUP_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "Code": "InvalidAuthentication",
            "Message": "不合法的access_token",
            "RequestId": "R1"
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(UPDATE_GROUP_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .with_priority(2)
        .mount(&server)
        .await;

    // A fixed token: the refusal is the caller's, read as the platform row with its request id.
    let error = dingtalk_client(&server)
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateGroupError::Platform(
            V1PlatformError::InvalidAuthentication
        ))
    );
    assert_eq!(error.request_id(), Some("R1"));
    assert_eq!(error.status(), Some(400));
    let Error::Api(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(failure.server_message, "不合法的access_token");

    // App credentials: the token is thrown away, a new one fetched, the call replayed.
    server.reset().await;
    for (n, priority) in [(1, 1), (2, 2)] {
        Mock::given(path(DINGTALK_TOKEN_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"accessToken": format!("tok-capital-{n}"), "expireIn": 7200}),
            ))
            .up_to_n_times(1)
            .with_priority(priority)
            .mount(&server)
            .await;
    }
    Mock::given(path(UPDATE_GROUP_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "Code": "InvalidAuthentication", "Message": "invalid token", "RequestId": "R2"
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(UPDATE_GROUP_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = dingtalk::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none());
    let response = client.update_group(&page_update_group()).await.unwrap();
    assert_eq!(response.success, Some(true));
    assert_eq!(requests_to(&server, DINGTALK_TOKEN_PATH).await, 2);
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == UPDATE_GROUP_PATH)
        .map(|r| {
            r.headers["x-acs-dingtalk-access-token"]
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(sent, ["tok-capital-1", "tok-capital-2"]);
}

/// A platform that refuses every token costs one token call, then pauses: ten calls in a row do
/// not become ten token calls.
#[tokio::test]
async fn a_token_refused_again_and_again_does_not_cost_a_token_call_per_call() {
    let stand_in = StandIn::start().await;
    stand_in.refuse_all();
    let client = stand_in.dingtalk(APP_KEY, APP_SECRET);
    for _ in 0..10 {
        let error = client.update_group(&page_update_group()).await.unwrap_err();
        assert!(error.is_token_rejected(), "{error:?}");
    }
    // The first token, and the one that replaced it after the first refusal.
    assert_eq!(stand_in.requests_to(DINGTALK_TOKEN_PATH).await, 2);
    assert_eq!(stand_in.requests_to(UPDATE_GROUP_PATH).await, 11);

    // After the pause (1 s for the first run), one more token is tried.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.update_group(&page_update_group()).await.unwrap_err();
    assert_eq!(stand_in.requests_to(DINGTALK_TOKEN_PATH).await, 3);
}

/// A token that cannot go into a header (a line break) is an error of the token endpoint, and is
/// not kept: the next call asks again instead of failing locally for two hours.
#[tokio::test]
async fn a_token_that_cannot_be_sent_is_not_cached() {
    let server = MockServer::start().await;
    Mock::given(path(FEISHU_TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "code": 0, "msg": "ok", "tenant_access_token": "t-line\r\nX-Injected: yes", "expire": 7200
        })))
        .mount(&server)
        .await;
    let client = feishu::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none());
    for round in 1..=2 {
        let error = client
            .update_user_group(&page_update_user_group())
            .await
            .unwrap_err();
        let Error::Token(token) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(token.kind(), TokenErrorKind::Unreadable);
        assert!(token.to_string().contains("control character"), "{token}");
        assert!(!format!("{error:?}{error}").contains("X-Injected"));
        assert_eq!(requests_to(&server, FEISHU_TOKEN_PATH).await, round);
    }
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| r.url.path() == FEISHU_TOKEN_PATH));
}

/// Plain http:// to another machine would carry the token in clear text: refused before anything
/// is sent, unless allowed. (The allowed call goes through a proxy on 127.0.0.1, so no traffic
/// leaves this machine.)
#[tokio::test]
async fn plain_http_to_another_machine_needs_an_explicit_opt_in() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .mount(&server)
        .await;
    let through_local_proxy = || {
        group_api::reqwest::Client::builder()
            .proxy(group_api::reqwest::Proxy::http(server.uri()).unwrap())
            .build()
            .unwrap()
    };
    let client = dingtalk::Client::new("dt-token-in-clear-text-000")
        .with_http_client(through_local_proxy())
        .with_base_url("http://groups.example.test")
        .with_retry_policy(RetryPolicy::none());
    let error = client.update_group(&page_update_group()).await.unwrap_err();
    let text = error.to_string();
    // Refused before anything is sent: a construction failure, not a transport one (issue 13).
    assert!(
        matches!(&error, Error::Request(r) if r.kind() == RequestErrorKind::InsecureHttp),
        "{error:?}"
    );
    assert!(text.contains("groups.example.test"), "{text}");
    assert!(text.contains("allow_insecure_http"), "{text}");
    assert!(server.received_requests().await.unwrap().is_empty());

    let response = client
        .allow_insecure_http()
        .update_group(&page_update_group())
        .await
        .unwrap();
    assert_eq!(response.success, Some(true));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.host_str(), Some("groups.example.test"));

    // This machine by name is fine without the opt-in.
    let port = server.address().port();
    dingtalk::Client::new("dt-token-local-0000")
        .with_base_url(format!("http://localhost:{port}"))
        .update_group(&page_update_group())
        .await
        .unwrap();
}

/// A wait hint too large for a `Duration` means "much later", not "now": the call gives up at
/// once and says when to try again.
#[tokio::test]
async fn an_absurd_wait_hint_gives_up_rather_than_retrying_at_once() {
    for hint in ["1e20", "inf"] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header("retry-after", hint)
                    .set_body_json(
                        json!({"code": 99991400, "msg": "request trigger frequency limit"}),
                    ),
            )
            .mount(&server)
            .await;
        let client = feishu_client(&server).with_retry_policy(quick_retries(3));
        let error = client
            .update_user_group(&page_update_user_group())
            .await
            .unwrap_err();
        assert_eq!(error.retry_after(), Some(Duration::MAX), "{hint}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1, "{hint}");
    }
}

/// A server that echoes a secret holding `"` or `\` writes it JSON-escaped; it is scrubbed in that
/// form too, from the message, the kept body and the body prefix.
#[tokio::test]
async fn a_secret_echoed_json_escaped_is_scrubbed() {
    let secret = r#"sec"ret\with-quote-and-backslash"#;
    let escaped = r#"sec\"ret\\with-quote-and-backslash"#;
    let server = MockServer::start().await;
    let echo = format!(
        r#"{{"code": "invalidClientSecret", "message": "appSecret {escaped} is wrong", "detail": {{"echo": "{escaped}"}}}}"#
    );
    Mock::given(path(DINGTALK_TOKEN_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_raw(echo, "application/json"))
        .mount(&server)
        .await;
    let error = dingtalk::Client::from_app_credentials(APP_KEY, secret)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    let Error::Token(token) = &error else {
        panic!("{error:?}")
    };
    let inner = std::error::Error::source(token)
        .and_then(|source| source.downcast_ref::<Error<dingtalk::GetAccessTokenError>>())
        .expect("the token endpoint's own error");
    let Error::Api(failure) = inner else {
        panic!("{inner:?}")
    };
    let printed = format!(
        "{error:?} {error} {inner:?} {}",
        failure.body.as_ref().unwrap()
    );
    for form in [secret, escaped, "sec\\\"ret"] {
        assert!(!printed.contains(form), "{form} in {printed}");
    }
    assert!(
        printed.contains("appSecret <redacted> is wrong"),
        "{printed}"
    );

    // Unreadable: the same secret in the body prefix of a decode error.
    server.reset().await;
    Mock::given(path(DINGTALK_TOKEN_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            format!(r#"<html>"appSecret": "{escaped}"</html>"#),
            "text/html",
        ))
        .mount(&server)
        .await;
    let error = dingtalk::Client::from_app_credentials(APP_KEY, secret)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    let printed = format!("{error:?} {error}");
    assert!(!printed.contains(escaped), "{printed}");
}

/// `"code": "0"` where Feishu sends the number 0 is neither success nor an error code; a code
/// beyond 64 bits is called what it is.
#[tokio::test]
async fn codes_of_the_wrong_type_or_size_are_named_as_such() {
    let cases = [
        (
            r#"{"code": "0", "msg": "ok", "data": {}}"#,
            "the string \"0\"",
        ),
        (
            r#"{"code": 18446744073709551616, "msg": "?"}"#,
            "outside the range of error codes",
        ),
        (
            r#"{"code": 1.5e300, "msg": "?"}"#,
            "outside the range of error codes",
        ),
        (
            r#"{"code": [0], "msg": "?"}"#,
            "neither a number nor a string",
        ),
    ];
    for (body, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        let error = feishu_client(&server)
            .update_user_group(&page_update_user_group())
            .await
            .unwrap_err();
        let Error::Decode(decode) = &error else {
            panic!("{body}: {error:?}")
        };
        assert!(decode.message.contains(expected), "{body}: {decode}");
        assert_eq!(decode.path.as_deref(), Some("code"), "{body}");
    }
}

/// A token endpoint that fails on its side (HTTP 5xx, with a JSON body or not) is a server error,
/// not a refusal of the credentials; its status and request id reach `group_api::Error`.
#[tokio::test]
async fn a_token_endpoints_own_failure_is_a_server_error_with_status_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(path(FEISHU_TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("X-Tt-Logid", "log-token-500")
                .set_body_json(json!({"code": 55001, "msg": "internal error"})),
        )
        .mount(&server)
        .await;
    let error = feishu::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    let Error::Token(token) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(token.kind(), TokenErrorKind::ServerError);
    assert!(!token.to_string().contains("check the app key"), "{token}");
    assert_eq!(error.status(), Some(500));
    assert_eq!(error.request_id(), Some("log-token-500"));
    assert_eq!(token.status(), Some(500));

    // A refusal keeps its kind, and has its status and request id too.
    server.reset().await;
    Mock::given(path(FEISHU_TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("X-Tt-Logid", "log-token-400")
                .set_body_json(json!({"code": 10014, "msg": "app secret invalid"})),
        )
        .mount(&server)
        .await;
    let error = feishu::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::Refused));
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.request_id(), Some("log-token-400"));
}

/// Feishu puts its log id in the error body too: it is the request id when no header carries one,
/// and a header, where there is one, comes first.
#[tokio::test]
async fn feishus_error_log_id_is_the_request_id_without_a_header() {
    let body = json!({
        "code": 42013, "msg": "name too long",
        "error": {"log_id": "20241205-log-from-body", "troubleshooter": "..."}
    });
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_json(body.clone()))
        .mount(&server)
        .await;
    let error = feishu_client(&server)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert_eq!(error.request_id(), Some("20241205-log-from-body"));

    server.reset().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("X-Tt-Logid", "log-from-header")
                .set_body_json(body),
        )
        .mount(&server)
        .await;
    let error = feishu_client(&server)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert_eq!(error.request_id(), Some("log-from-header"));
}

/// `204 No Content` is a success with nothing to read: fine for a response without required
/// fields. A 200 with an empty body stays a decode error.
#[tokio::test]
async fn no_content_is_an_empty_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let response = dingtalk_client(&server)
        .update_group(&page_update_group())
        .await
        .unwrap();
    assert_eq!(response.success, None);

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let error = dingtalk_client(&server)
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert!(decode.message.contains("empty"), "{decode}");
}

/// A retry whose wait would end past the call's deadline is not begun: the call ends at once
/// with the failure it had, not later with a timeout.
#[tokio::test]
async fn a_wait_past_the_deadline_is_not_begun() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after", "5")
                .set_body_string("busy"),
        )
        .mount(&server)
        .await;
    let request = dingtalk::GetTokenRequest::builder()
        .appkey("dingappkey")
        .appsecret("app-secret-for-deadline")
        .build()
        .unwrap();
    let error = dingtalk_client(&server)
        .with_retry_policy(quick_retries(3))
        .with_total_timeout(Duration::from_secs(2))
        .get_token(&request)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(503), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// An answer over the body limit keeps what its headers said: the request id and the wait hint.
#[tokio::test]
async fn an_answer_over_the_limit_keeps_its_request_id_and_wait_hint() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-Tt-Logid", "log-too-large")
                .insert_header("x-ogw-ratelimit-reset", "3")
                .set_body_string("x".repeat(4096)),
        )
        .mount(&server)
        .await;
    let error = feishu_client(&server)
        .with_body_limit(1024)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    let too_large = decode.too_large.expect("over the limit");
    assert_eq!((too_large.limit, too_large.announced), (1024, Some(4096)));
    assert_eq!(error.request_id(), Some("log-too-large"));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
}

/// A secret that starts inside the kept prefix of a body and runs past its end is scrubbed whole,
/// not cut into a visible half; so is a secret a server writes with `\/` for `/`.
#[tokio::test]
async fn secrets_at_the_cut_or_with_escaped_slashes_are_scrubbed() {
    let token = "tok-SECRET-0123456789abcdef/ghij";
    let page = format!("{}token {token} and more", "-".repeat(240));
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let error = feishu_client_with(&server, token)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    let printed = format!("{error:?} {error}");
    assert!(!printed.contains("tok-SECRET"), "{printed}");

    server.reset().await;
    let escaped = token.replace('/', "\\/");
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(502)
                .set_body_raw(format!(r#"{{"echo": "{escaped}""#), "application/json"),
        )
        .mount(&server)
        .await;
    let error = feishu_client_with(&server, token)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    let printed = format!("{error:?} {error}");
    assert!(!printed.contains("tok-SECRET"), "{printed}");
}

/// A body over the limit that arrives in chunks keeps its head for the error, scrubbed before it is
/// cut: a secret that starts within the characters shown is hidden whole, even when the characters
/// before it take four bytes each (a head cut to four bytes per shown character once let the
/// secret's first half through).
#[tokio::test]
async fn a_secret_in_the_head_of_a_chunked_body_over_the_limit_is_scrubbed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let token = format!("tok-SECRET-{}", "0123456789abcdef".repeat(15));
    // 203 four-byte characters, then the token: it starts within the 256 characters an error shows.
    let head = format!("{}token {token} ", "\u{1D11E}".repeat(203));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = vec![0u8; 64 * 1024];
        let _ = socket.read(&mut request).await;
        let chunk =
            |data: &[u8]| [format!("{:x}\r\n", data.len()).as_bytes(), data, b"\r\n"].concat();
        let mut answer = b"HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
        answer.extend(chunk(head.as_bytes()));
        socket.write_all(&answer).await.unwrap();
        socket.flush().await.unwrap();
        // The rest comes later, in a chunk of its own, and takes the body over the limit.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let _ = socket.write_all(&chunk(&[b'x'; 8192])).await;
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    let error = feishu::Client::new(token.as_str())
        .with_base_url(url)
        .with_retry_policy(RetryPolicy::none())
        .with_body_limit(4096)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    server.abort();
    let Error::Decode(decode) = &error else {
        panic!("{error:?}")
    };
    assert!(decode.too_large.is_some(), "{error:?}");
    // The head was kept (the characters before the token are shown) and the token is not.
    let printed = format!("{error:?} {error}");
    assert!(printed.contains("\u{1D11E}token "), "{printed}");
    assert!(!printed.contains("tok-SECRET"), "{printed}");
    assert!(!printed.contains("0123456789abcdef"), "{printed}");
}

/// A textual code no page documents is shown, so it is kept as a request id is: scrubbed and at
/// most 256 characters; a code of the wrong type is shown scrubbed too.
#[tokio::test]
async fn an_undocumented_textual_code_is_scrubbed_and_cut() {
    let token = "tok-SECRET-in-a-code-0123456789";
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": format!("echo:{token}:{}", "c".repeat(10_000)),
            "msg": "something new",
        })))
        .mount(&server)
        .await;
    let client = feishu_client_with(&server, token);
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    let code = error.api_error().expect("an API error").code();
    let group_api::ErrorCode::Text(text) = &code else {
        panic!("{code:?}")
    };
    assert!(text.starts_with("echo:"), "{text}");
    assert_eq!(text.chars().count(), 256, "{text}");
    let printed = format!("{error:?} {error}");
    assert!(!printed.contains("tok-SECRET"), "{printed}");

    server.reset().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(400).set_body_json(json!({"code": {"echo": token}, "msg": "?"})),
        )
        .mount(&server)
        .await;
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    let printed = format!("{error:?} {error}");
    assert!(!printed.contains("tok-SECRET"), "{printed}");
}

/// A request id is shown (`Display`, the call's span), so it is scrubbed like the rest of an
/// error: a server that echoes the token into it does not get it printed.
#[tokio::test]
async fn a_request_id_that_echoes_the_token_is_scrubbed() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errcode": 777, "errmsg": "new", "request_id": format!("rid-{DINGTALK_TOKEN}-end"),
        })))
        .mount(&server)
        .await;
    let error = dingtalk_client(&server)
        .update_group_nick(&nick_request())
        .await
        .unwrap_err();
    let id = error.request_id().expect("the id is kept");
    assert!(id.starts_with("rid-") && id.ends_with("-end"), "{id}");
    assert!(!id.contains(DINGTALK_TOKEN), "{id}");
    let printed = format!("{error:?} {error}");
    assert!(!printed.contains(DINGTALK_TOKEN), "{printed}");
}

/// The whole call, token fetch and retries and waits included, ends at its total timeout, however
/// many attempts the policy would still allow.
#[tokio::test]
async fn a_call_ends_at_its_total_timeout() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let request = dingtalk::GetTokenRequest::builder()
        .appkey("dingappkey")
        .appsecret("app-secret-for-deadline")
        .build()
        .unwrap();
    let client = dingtalk_client(&server)
        .with_retry_policy(quick_retries(10))
        .with_timeout(Duration::from_millis(200))
        .with_total_timeout(Duration::from_millis(700));
    let started = Instant::now();
    let error = client.get_token(&request).await.unwrap_err();
    let elapsed = started.elapsed();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert!(error.to_string().contains("total timeout"), "{error}");
    let attempts = server.received_requests().await.unwrap().len();
    assert!((2..=4).contains(&attempts), "{attempts} attempts");
    // Well under ten attempts of 200 ms each.
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");

    // The token fetch counts too: a slow token endpoint cannot stretch the call.
    let stand_in = StandIn::start().await;
    stand_in.token_delay(Duration::from_secs(5));
    let client = stand_in
        .feishu(APP_KEY, APP_SECRET)
        .with_total_timeout(Duration::from_millis(300));
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("total timeout"), "{error}");
}
