//! The access token never shows: not in the `Debug` of a client or request, not in the `Debug`,
//! `Display` or source chain of any error, even when the old DingTalk API carries it in the URL
//! and a server echoes it back.

use std::time::Duration;

use group_api::{Error, RetryPolicy, TransportErrorKind, dingtalk, feishu};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::dingtalk::{nick_request, page_update_group};
use crate::feishu::page_update_user_group;
use crate::hostile::refused_address;
use crate::support::{DINGTALK_TOKEN, FEISHU_TOKEN, dingtalk_client, feishu_client};

/// Fails when `text` contains either test token.
pub fn assert_no_token(what: &str, text: &str) {
    for token in [DINGTALK_TOKEN, FEISHU_TOKEN] {
        assert!(!text.contains(token), "{what} shows the token: {text}");
    }
}

/// Every way an error can be printed: `Display`, `Debug`, and each cause in its source chain.
fn assert_error_hides_token<E: std::error::Error>(what: &str, error: &E) {
    assert_no_token(what, &error.to_string());
    assert_no_token(what, &format!("{error:?}"));
    assert_no_token(what, &format!("{error:#?}"));
    let mut source = error.source();
    while let Some(cause) = source {
        assert_no_token(what, &cause.to_string());
        assert_no_token(what, &format!("{cause:?}"));
        source = cause.source();
    }
}

#[test]
fn clients_debug_without_the_token() {
    let clients = [
        format!("{:?}", dingtalk::Client::new(DINGTALK_TOKEN)),
        format!(
            "{:#?}",
            dingtalk::Client::new(DINGTALK_TOKEN).with_base_url("http://127.0.0.1:1")
        ),
        format!("{:?}", feishu::Client::new(FEISHU_TOKEN)),
        format!(
            "{:?}",
            feishu::Client::new(FEISHU_TOKEN)
                .with_retry_policy(RetryPolicy::none())
                .with_timeout(Duration::from_secs(3))
        ),
    ];
    for debug in &clients {
        assert_no_token("client Debug", debug);
        assert!(debug.contains("<redacted>"), "{debug}");
    }
    assert!(
        clients[0].contains("https://api.dingtalk.com, https://oapi.dingtalk.com"),
        "{}",
        clients[0]
    );
    assert!(clients[1].contains("http://127.0.0.1:1"));
}

/// Requests never carry the access token (the client adds it to the wire only); a request that
/// does carry a credential, a token endpoint's app secret, prints it redacted.
#[test]
fn requests_debug_without_the_token() {
    assert_no_token("request", &format!("{:?}", page_update_group()));
    assert_no_token("request", &format!("{:?}", nick_request()));
    assert_no_token("request", &format!("{:?}", page_update_user_group()));
    let credential = group_api::dingtalk::GetAccessTokenRequest::builder()
        .app_key("app-key")
        .app_secret(DINGTALK_TOKEN)
        .build()
        .unwrap();
    let debug = format!("{credential:?}");
    assert_no_token("token request", &debug);
    assert!(
        debug.contains("app-key") && debug.contains("<redacted>"),
        "{debug}"
    );
}

#[tokio::test]
async fn an_old_style_connection_refused_error_hides_the_token_in_the_url() {
    let client = dingtalk::Client::new(DINGTALK_TOKEN)
        .with_base_url(refused_address())
        .with_retry_policy(RetryPolicy::none());
    let error = client.update_group_nick(&nick_request()).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect);
    assert!(
        error
            .to_string()
            .contains("/topapi/chat/updategroupnick: error sending request"),
        "{error}"
    );
    assert!(!error.to_string().contains("access_token"), "{error}");
    assert_error_hides_token("transport error", &error);
}

#[tokio::test]
async fn an_old_style_timeout_error_hides_the_token() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let error = dingtalk_client(&server)
        .with_timeout(Duration::from_millis(100))
        .update_group_nick(&nick_request())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout));
    assert_error_hides_token("timeout error", &error);
}

#[tokio::test]
async fn a_server_that_echoes_the_token_does_not_get_it_into_errors() {
    let server = MockServer::start().await;
    let client = dingtalk_client(&server);

    // An HTML page that repeats the request line, query included.
    let page = format!(
        "<html><body>Cannot POST /topapi/chat/updategroupnick?access_token={DINGTALK_TOKEN}</body></html>"
    );
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let decode = client.update_group_nick(&nick_request()).await.unwrap_err();
    assert!(matches!(decode, Error::Decode(_)));
    assert!(
        decode.to_string().contains("access_token=<redacted>"),
        "{decode}"
    );
    assert_error_hides_token("decode error", &decode);

    // Error messages that quote the token, documented and undocumented codes.
    for body in [
        json!({"errcode": 40014, "errmsg": format!("invalid access_token {DINGTALK_TOKEN}")}),
        json!({"errcode": 777, "errmsg": format!("token {DINGTALK_TOKEN} is odd")}),
    ] {
        server.reset().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
        let api = client.update_group_nick(&nick_request()).await.unwrap_err();
        assert!(matches!(api, Error::Api(_)));
        assert_error_hides_token("API error", &api);
    }

    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "code": "InvalidAuthentication",
            "message": format!("不合法的access_token: {DINGTALK_TOKEN}"),
            "requestid": "id"
        })))
        .mount(&server)
        .await;
    let api = client.update_group(&page_update_group()).await.unwrap_err();
    assert!(api.is_token_rejected());
    assert_error_hides_token("API error", &api);
}

#[tokio::test]
async fn feishu_errors_hide_the_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": 99991671,
            "msg": format!("invalid access token format: Bearer {FEISHU_TOKEN}")
        })))
        .mount(&server)
        .await;
    let client = feishu_client(&server);
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(error.is_token_rejected());
    assert_error_hides_token("Feishu API error", &error);

    let refused = feishu::Client::new(FEISHU_TOKEN)
        .with_base_url(refused_address())
        .with_retry_policy(RetryPolicy::none())
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert_error_hides_token("Feishu transport error", &refused);
}
