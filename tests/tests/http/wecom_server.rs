//! WeCom's server API (`qyapi.weixin.qq.com`), built in beside the JS-SDK: the token from
//! `GET /cgi-bin/gettoken`, the token in the `access_token` query parameter, the `errcode`
//! envelope, and its platform-wide rows, with the built-in `update_app_chat`
//! (`spec/wecom.update_app_chat.json`, `"api": "server"`) sent by `group_api::wecom::Client`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use group_api::wecom::{
    Client, GetTokenError, ServerPlatformError, UpdateAppChatError, UpdateAppChatRequest,
};
use group_api::{Error, RetryPolicy, TokenErrorKind};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CORP_ID: &str = "ww-corp-0001";
const CORP_SECRET: &str = "corp-s3cret-0001-abcdef";
const TOKEN_PATH: &str = "/cgi-bin/gettoken";
const UPDATE_PATH: &str = "/cgi-bin/appchat/update";

fn token(n: usize) -> String {
    format!("wecom-token-{n:04}")
}

/// The page's request example.
fn page_request() -> UpdateAppChatRequest {
    UpdateAppChatRequest::builder()
        .chatid("CHATID")
        .name("NAME")
        .owner("userid2")
        .add_user_list(["userid1", "userid2", "userid3"])
        .del_user_list(["userid3", "userid4"])
        .build()
        .unwrap()
}

/// A local `gettoken` issuing `wecom-token-<n>` for the right corp id and secret, `40001`
/// otherwise.
async fn token_endpoint(server: &MockServer) -> Arc<AtomicUsize> {
    let issued = Arc::new(AtomicUsize::new(0));
    let counter = issued.clone();
    Mock::given(method("GET"))
        .and(path(TOKEN_PATH))
        .respond_with(move |request: &Request| {
            let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
            let expected = [
                ("corpid".to_owned(), CORP_ID.to_owned()),
                ("corpsecret".to_owned(), CORP_SECRET.to_owned()),
            ];
            if query != expected {
                return ResponseTemplate::new(200)
                    .set_body_json(json!({"errcode": 40001, "errmsg": "invalid credential"}));
            }
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            ResponseTemplate::new(200).set_body_json(json!({
                "errcode": 0, "errmsg": "ok", "access_token": token(n), "expires_in": 7200
            }))
        })
        .mount(server)
        .await;
    issued
}

/// Answers the update call with `answers` in turn (then success), all with HTTP 200.
async fn update_answers(server: &MockServer, answers: &[serde_json::Value]) {
    for (i, answer) in answers.iter().enumerate() {
        Mock::given(method("POST"))
            .and(path(UPDATE_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_json(answer.clone()))
            .up_to_n_times(1)
            .with_priority(i as u8 + 1)
            .mount(server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path(UPDATE_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"errcode": 0, "errmsg": "ok"})),
        )
        .with_priority(50)
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> Client {
    Client::from_app_credentials(CORP_ID, CORP_SECRET).with_base_url(server.uri())
}

async fn requests_to(server: &MockServer, to: &str) -> Vec<Request> {
    let requests = server.received_requests().await.unwrap();
    requests
        .into_iter()
        .filter(|r| r.url.path() == to)
        .collect()
}

fn access_tokens(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "access_token")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        })
        .collect()
}

#[tokio::test]
async fn the_token_comes_from_gettoken_and_goes_in_the_query() {
    let server = MockServer::start().await;
    token_endpoint(&server).await;
    update_answers(&server, &[]).await;
    let client = client(&server);
    let response = client.send(&page_request()).await.unwrap();
    assert_eq!(response.errcode, Some(0));
    client.send(&page_request()).await.unwrap();

    let fetches = requests_to(&server, TOKEN_PATH).await;
    assert_eq!(fetches.len(), 1, "one token for both calls");
    assert_eq!(fetches[0].method.as_str(), "GET");
    assert_eq!(
        fetches[0].url.query(),
        Some(format!("corpid={CORP_ID}&corpsecret={CORP_SECRET}").as_str())
    );
    let calls = requests_to(&server, UPDATE_PATH).await;
    assert_eq!(access_tokens(&calls), [token(1), token(1)]);
    let body: serde_json::Value = serde_json::from_slice(&calls[0].body).unwrap();
    assert_eq!(
        body,
        group_api_tests::example("wecom.update_app_chat")["request"]["body"]
    );
}

#[tokio::test]
async fn a_nonzero_errcode_with_http_200_is_the_typed_error() {
    let server = MockServer::start().await;
    token_endpoint(&server).await;
    update_answers(
        &server,
        &[
            json!({"errcode": 40003, "errmsg": "invalid userid"}),
            json!({"errcode": 86004, "errmsg": "chat not found"}),
        ],
    )
    .await;
    let client = client(&server).with_retry_policy(RetryPolicy::none());
    let error = client.send(&page_request()).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateAppChatError::Platform(
            ServerPlatformError::InvalidUserId
        ))
    );
    assert_eq!(error.status(), Some(200));
    let error = client.send(&page_request()).await.unwrap_err();
    let Error::Api(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(failure.server_message, "chat not found");
    assert!(
        matches!(failure.error, UpdateAppChatError::Undocumented { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_expired_or_invalid_token_is_replaced_once_and_the_call_replayed() {
    for refusal in [42001, 40014] {
        let server = MockServer::start().await;
        token_endpoint(&server).await;
        update_answers(
            &server,
            &[json!({"errcode": refusal, "errmsg": "access_token expired"})],
        )
        .await;
        let client = client(&server);
        client.send(&page_request()).await.unwrap();
        let calls = requests_to(&server, UPDATE_PATH).await;
        assert_eq!(access_tokens(&calls), [token(1), token(2)], "{refusal}");
        assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2, "{refusal}");
    }
}

#[tokio::test]
async fn system_busy_is_retried_within_its_limit_of_three() {
    let server = MockServer::start().await;
    token_endpoint(&server).await;
    let busy = json!({"errcode": -1, "errmsg": "system busy"});
    update_answers(&server, &[busy.clone(), busy.clone(), busy.clone(), busy]).await;
    let client = client(&server).with_retry_policy(
        RetryPolicy::default().with_max_attempts(10).with_backoff(
            std::time::Duration::from_millis(5),
            std::time::Duration::from_millis(10),
        ),
    );
    let error = client.send(&page_request()).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateAppChatError::Platform(
            ServerPlatformError::SystemBusy
        ))
    );
    assert_eq!(
        requests_to(&server, UPDATE_PATH).await.len(),
        3,
        "the row's own limit"
    );
}

#[tokio::test]
async fn a_wrong_secret_is_a_clear_token_error() {
    let server = MockServer::start().await;
    token_endpoint(&server).await;
    let client = Client::from_app_credentials(CORP_ID, "wrong-corp-secret-0001")
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none());
    let error = client.send(&page_request()).await.unwrap_err();
    let Error::Token(token_error) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(token_error.kind(), TokenErrorKind::Refused);
    let text = error.to_string();
    assert!(
        text.starts_with(
            "could not get an access token: WeCom token endpoint GET /cgi-bin/gettoken:"
        ),
        "{text}"
    );
    assert!(text.contains("check the app key and secret"), "{text}");
    assert!(!format!("{error:?} {text}").contains("wrong-corp-secret-0001"));
    let source = std::error::Error::source(token_error)
        .and_then(|s| s.downcast_ref::<Error<GetTokenError>>())
        .expect("the token endpoint's typed error");
    assert_eq!(
        source.api_error(),
        Some(&GetTokenError::InvalidSecretParameter)
    );
    assert!(requests_to(&server, UPDATE_PATH).await.is_empty());
}

#[test]
fn the_client_shows_the_server_host_and_no_secret() {
    let client = Client::from_app_credentials(CORP_ID, CORP_SECRET);
    let printed = format!("{client:?}");
    assert!(printed.starts_with("wecom::Client"), "{printed}");
    assert!(printed.contains("https://qyapi.weixin.qq.com"), "{printed}");
    assert!(!printed.contains(CORP_SECRET), "{printed}");
}
