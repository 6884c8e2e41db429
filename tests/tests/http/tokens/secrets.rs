//! Neither an app secret nor a token shows in anything printed: clients, sources, token requests,
//! token errors of every kind (a server that echoes the secret included), and the old-style token
//! call that carries the secret in its URL.

use group_api::dingtalk::{GetAccessTokenRequest, GetTokenRequest};
use group_api::feishu::GetTenantAccessTokenRequest;
use group_api::{Error, RetryPolicy, TokenErrorKind, dingtalk, feishu};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::stand_in::{APP_KEY, APP_SECRET, OTHER_APP_KEY, OTHER_APP_SECRET, StandIn};
use crate::dingtalk::page_update_group;
use crate::feishu::page_update_user_group;
use crate::hostile::refused_address;

/// Fails when `text` shows either app secret or any token the stand-in issued.
fn assert_hidden(what: &str, text: &str) {
    for secret in [APP_SECRET, OTHER_APP_SECRET, "tok-"] {
        assert!(!text.contains(secret), "{what} shows {secret:?}: {text}");
    }
}

/// Every way an error can be printed: `Display`, `Debug`, and each cause in its source chain.
fn assert_error_hidden(what: &str, error: &dyn std::error::Error) {
    assert_hidden(what, &error.to_string());
    assert_hidden(what, &format!("{error:?}"));
    assert_hidden(what, &format!("{error:#?}"));
    let mut source = error.source();
    while let Some(cause) = source {
        assert_hidden(what, &cause.to_string());
        assert_hidden(what, &format!("{cause:?}"));
        source = cause.source();
    }
}

#[tokio::test]
async fn clients_and_their_sources_debug_without_the_secret_or_the_token() {
    let stand_in = StandIn::start().await;
    let dingtalk = stand_in.dingtalk(APP_KEY, APP_SECRET);
    let feishu = stand_in.feishu(OTHER_APP_KEY, OTHER_APP_SECRET);
    let before = format!("{dingtalk:?}");
    dingtalk.update_group(&page_update_group()).await.unwrap();
    feishu
        .update_user_group(&page_update_user_group())
        .await
        .unwrap();
    let printed = [
        before,
        format!("{dingtalk:?}"),
        format!("{dingtalk:#?}"),
        format!("{feishu:?}"),
        format!("{:?}", dingtalk.token_source()),
        format!("{:?}", feishu.token_source()),
    ];
    for text in &printed {
        assert_hidden("client Debug", text);
        assert!(text.contains("<redacted>"), "{text}");
        assert!(
            text.contains(APP_KEY) || text.contains(OTHER_APP_KEY),
            "the app key names the app: {text}"
        );
    }
    assert!(printed[0].contains("token: None"), "{}", printed[0]);
    assert!(
        printed[1].contains(r#"token: Some("<redacted>")"#),
        "{}",
        printed[1]
    );
}

#[test]
fn token_requests_debug_without_the_secret() {
    let requests = [
        format!(
            "{:?}",
            GetAccessTokenRequest::builder()
                .app_key(APP_KEY)
                .app_secret(APP_SECRET)
                .build()
                .unwrap()
        ),
        format!(
            "{:#?}",
            GetTokenRequest::builder()
                .appkey(APP_KEY)
                .appsecret(APP_SECRET)
                .build()
                .unwrap()
        ),
        format!(
            "{:?}",
            GetTenantAccessTokenRequest::builder()
                .app_id(APP_KEY)
                .app_secret(APP_SECRET)
                .build()
                .unwrap()
        ),
    ];
    for text in &requests {
        assert_hidden("request Debug", text);
        assert!(
            text.contains(APP_KEY) && text.contains("<redacted>"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_token_endpoint_that_echoes_the_secret_does_not_get_it_into_errors() {
    let server = MockServer::start().await;
    // A refusal that quotes the secret.
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "code": "invalidClientSecret",
            "message": format!("appSecret {APP_SECRET} is wrong"),
            "requestid": "id"
        })))
        .mount(&server)
        .await;
    let error = dingtalk::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::Refused));
    assert!(
        error.to_string().contains("appSecret <redacted> is wrong"),
        "{error}"
    );
    assert_error_hidden("refused", &error);

    // An HTML page that repeats the request.
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_raw(
            format!("<html>Bad gateway for appSecret={APP_SECRET}</html>"),
            "text/html",
        ))
        .mount(&server)
        .await;
    let error = feishu::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::ServerError));
    assert_error_hidden("unreadable", &error);

    // A success body of the wrong shape: it holds a fresh token, so the body is withheld.
    server.reset().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"accessToken": "tok-fresh-but-malformed", "expireIn": "soon"}),
            ),
        )
        .mount(&server)
        .await;
    let error = dingtalk::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .update_group(&page_update_group())
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Token(t) if t.kind() == TokenErrorKind::Unreadable));
    assert!(error.to_string().contains("at `expireIn`"), "{error}");
    assert_error_hidden("malformed success", &error);
}

#[tokio::test]
async fn the_old_style_token_call_keeps_the_secret_in_its_url_out_of_errors() {
    let request = GetTokenRequest::builder()
        .appkey(APP_KEY)
        .appsecret(APP_SECRET)
        .build()
        .unwrap();
    // Called directly, with a client that knows nothing of the secret: the URL is left out.
    let error = dingtalk::Client::new("unused-token-xxxxxxxx")
        .with_base_url(refused_address())
        .with_retry_policy(RetryPolicy::none())
        .get_token(&request)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)));
    assert!(
        error.to_string().contains("GET http://127.0.0.1:"),
        "{error}"
    );
    assert!(!error.to_string().contains("appsecret"), "{error}");
    assert_error_hidden("old-style transport error", &error);

    // A client built with the secret scrubs it from every error, even an echo of the URL.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404).set_body_raw(
            format!("Cannot GET /gettoken?appkey={APP_KEY}&appsecret={APP_SECRET}"),
            "text/plain",
        ))
        .mount(&server)
        .await;
    let error = dingtalk::Client::from_app_credentials(APP_KEY, APP_SECRET)
        .with_base_url(server.uri())
        .get_token(&request)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode(_)));
    assert!(
        error.to_string().contains("appsecret=<redacted>"),
        "{error}"
    );
    assert_error_hidden("old-style decode error", &error);
}

#[tokio::test]
async fn the_old_style_token_call_works_through_the_generic_client() {
    let stand_in = StandIn::start().await;
    let request = GetTokenRequest::builder()
        .appkey(APP_KEY)
        .appsecret(APP_SECRET)
        .build()
        .unwrap();
    let client =
        dingtalk::Client::new("unused-token-xxxxxxxx").with_base_url(stand_in.server.uri());
    let response = client.get_token(&request).await.unwrap();
    assert_eq!(response.errcode, Some(0));
    assert_eq!(
        response.access_token.as_deref(),
        Some("tok-dingapp-key-0001-1")
    );
    assert_eq!(response.expires_in, Some(7200));
    // No access token went with it: the endpoint takes none.
    let sent = stand_in.requests("/gettoken").await;
    assert_eq!(sent[0].url.query_pairs().count(), 2);
    assert!(
        sent[0]
            .url
            .query_pairs()
            .all(|(name, _)| name != "access_token")
    );
}

/// A token endpoint called directly, by a client that does not know the app secret (it has a
/// fixed token): the secret is a field of the request the spec marks `secret`, so it is scrubbed
/// from what the server echoes all the same.
#[tokio::test]
async fn a_direct_token_call_scrubs_the_requests_own_secret() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errcode": 40089,
            "errmsg": format!("invalid appsecret {APP_SECRET}"),
        })))
        .mount(&server)
        .await;
    let request = GetTokenRequest::builder()
        .appkey(APP_KEY)
        .appsecret(APP_SECRET)
        .build()
        .unwrap();
    assert_eq!(group_api::Endpoint::secrets(&request), vec![APP_SECRET]);
    let error = dingtalk::Client::new("some-fixed-token")
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
        .get_token(&request)
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("invalid appsecret <redacted>"),
        "{error}"
    );
    assert_error_hidden("direct token call", &error);
}

/// Token responses print without the token they carry.
#[test]
fn token_responses_debug_without_the_token() {
    let dingtalk: dingtalk::GetAccessTokenResponse =
        serde_json::from_value(json!({"accessToken": "tok-new", "expireIn": 7200})).unwrap();
    let old: dingtalk::GetTokenResponse = serde_json::from_value(
        json!({"errcode": 0, "access_token": "tok-old", "expires_in": 7200}),
    )
    .unwrap();
    let feishu: feishu::GetTenantAccessTokenResponse =
        serde_json::from_value(json!({"code": 0, "tenant_access_token": "tok-t", "expire": 7200}))
            .unwrap();
    for printed in [
        format!("{dingtalk:?}"),
        format!("{old:?}"),
        format!("{feishu:?}"),
    ] {
        assert_hidden("token response", &printed);
        assert!(
            printed.contains("<redacted>") && printed.contains("7200"),
            "{printed}"
        );
    }
    assert_eq!(
        dingtalk.access_token.as_deref(),
        Some("tok-new"),
        "the value is still there to use"
    );
}

/// A direct call to a token endpoint whose success answer is not the documented shape: the fresh
/// token it carries stays out of the decode error, and a body too broken to find it in is withheld.
#[tokio::test]
async fn a_malformed_token_answer_keeps_its_token_out_of_the_decode_error() {
    let server = MockServer::start().await;
    let request = GetAccessTokenRequest::builder()
        .app_key(APP_KEY)
        .app_secret(APP_SECRET)
        .build()
        .unwrap();
    let client = dingtalk::Client::new("some-fixed-token")
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none());
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"accessToken": "tok-fresh-1", "expireIn": "7200"})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let error = client.get_access_token(&request).await.unwrap_err();
    assert!(
        matches!(&error, Error::Decode(d) if d.path.as_deref() == Some("expireIn")),
        "{error:?}"
    );
    assert!(error.to_string().contains("<redacted>"), "{error}");
    assert_error_hidden("malformed token answer", &error);

    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"accessToken": "tok-fresh-2", "expi"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let error = client.get_access_token(&request).await.unwrap_err();
    assert!(error.to_string().contains("withheld"), "{error}");
    assert_error_hidden("truncated token answer", &error);
}

/// A token source the user wrote, whose derived `Debug` would show its token, does not get it
/// into the client's `Debug`.
#[test]
fn a_users_token_source_is_not_printed_by_the_client() {
    #[derive(Debug)]
    struct Shared {
        token: String,
    }
    impl group_api::TokenSource for Shared {
        fn token(&self) -> group_api::TokenFuture<'_> {
            let token = group_api::AccessToken::new(self.token.clone());
            Box::pin(async move { Ok(token) })
        }
    }
    let client = dingtalk::Client::from_token_source(Shared {
        token: "tok-from-a-shared-cache".into(),
    });
    let debug = format!("{client:?}");
    assert_hidden("client with a user's source", &debug);
    assert!(debug.contains("tokens: <redacted>"), "{debug}");
}
