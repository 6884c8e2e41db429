//! A platform group-api does not know, defined by spec files in this crate (`acme-spec/`), gets
//! the same client as the built-in ones, proven against a local server: one token fetch for many
//! concurrent calls, the token where the platform file puts it, a refused token replaced once,
//! retries by the spec, and no secret in anything printed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ga::{Error, RetryPolicy, TokenErrorKind};
use group_api_user_crate::acme::{
    Client, GetTokenError, ListMembersError, ListMembersRequest, V2PlatformError,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CLIENT_ID: &str = "acme-app-0001";
const CLIENT_SECRET: &str = "acme-s3cret-0001-xyz";
const TOKEN_PATH: &str = "/v2/oauth/token";
const MEMBERS_PATH: &str = "/v2/groups/g1/members";

/// A local Acme: issues `acme-token-<n>` for the right credentials, and answers the member list to the
/// newest token only (`valid_from` lets a test refuse the tokens issued so far).
struct Acme {
    server: MockServer,
    issued: Arc<AtomicUsize>,
    valid_from: Arc<AtomicUsize>,
}

impl Acme {
    async fn start() -> Self {
        let server = MockServer::start().await;
        let issued = Arc::new(AtomicUsize::new(0));
        let valid_from = Arc::new(AtomicUsize::new(1));
        let counter = issued.clone();
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(move |request: &Request| {
                let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
                if body != json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}) {
                    return ResponseTemplate::new(401).set_body_json(json!({
                        "error_code": "client.invalid",
                        "error_message": format!("bad credentials {body}"),
                        "trace_id": "trace-token"
                    }));
                }
                let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                ResponseTemplate::new(200)
                    .set_body_json(json!({"access_token": token(n), "expires_in": 3600}))
            })
            .mount(&server)
            .await;
        let (issued_now, from) = (issued.clone(), valid_from.clone());
        Mock::given(method("GET"))
            .and(path(MEMBERS_PATH))
            .respond_with(move |request: &Request| {
                let token = request
                    .headers
                    .get("x-acme-token")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                let n: usize = token
                    .strip_prefix("acme-token-")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let valid =
                    n >= from.load(Ordering::SeqCst) && n <= issued_now.load(Ordering::SeqCst);
                if !valid {
                    return ResponseTemplate::new(401).set_body_json(json!({
                        "error_code": "token.invalid",
                        "error_message": format!("token {token} is not valid"),
                        "trace_id": "trace-refused"
                    }));
                }
                ResponseTemplate::new(200).set_body_json(json!({"members": ["u1", "u2"]}))
            })
            .with_priority(5)
            .mount(&server)
            .await;
        Self {
            server,
            issued,
            valid_from,
        }
    }

    fn client(&self) -> Client {
        Client::from_app_credentials(CLIENT_ID, CLIENT_SECRET).with_base_url(self.server.uri())
    }

    async fn requests_to(&self, to: &str) -> Vec<Request> {
        let requests = self.server.received_requests().await.unwrap();
        requests
            .into_iter()
            .filter(|r| r.url.path() == to)
            .collect()
    }
}

/// The `n`th token the local Acme issues.
fn token(n: usize) -> String {
    format!("acme-token-{n:04}")
}

fn request() -> ListMembersRequest {
    ListMembersRequest::builder()
        .group_id("g1")
        .limit(20)
        .build()
        .unwrap()
}

#[tokio::test]
async fn fifty_concurrent_calls_share_one_token_sent_where_the_platform_file_says() {
    let acme = Acme::start().await;
    let client = acme.client();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        calls.spawn(async move { client.list_members(&request()).await });
    }
    while let Some(result) = calls.join_next().await {
        let response = result.unwrap().unwrap();
        assert_eq!(
            response.members.as_deref(),
            Some(&["u1".to_owned(), "u2".to_owned()][..])
        );
    }
    let tokens = acme.requests_to(TOKEN_PATH).await;
    assert_eq!(tokens.len(), 1, "one token fetch for 50 calls");
    assert_eq!(tokens[0].method.as_str(), "POST");
    let calls = acme.requests_to(MEMBERS_PATH).await;
    assert_eq!(calls.len(), 50);
    for call in &calls {
        assert_eq!(call.headers["x-acme-token"], token(1).as_str());
        assert_eq!(call.url.query(), Some("limit=20"));
        assert!(call.headers.get("authorization").is_none());
    }
}

#[tokio::test]
async fn a_refused_token_is_replaced_once_and_the_call_replayed() {
    let acme = Acme::start().await;
    let client = acme.client();
    client.list_members(&request()).await.unwrap();
    // The platform revokes every token issued so far.
    acme.valid_from.store(2, Ordering::SeqCst);
    client.list_members(&request()).await.unwrap();
    let sent: Vec<String> = acme
        .requests_to(MEMBERS_PATH)
        .await
        .iter()
        .map(|r| r.headers["x-acme-token"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(sent, [token(1), token(1), token(2)]);
    assert_eq!(acme.issued.load(Ordering::SeqCst), 2);

    // A refusal of the fresh token too is the caller's, typed by the platform file.
    acme.valid_from.store(100, Ordering::SeqCst);
    let error = client.list_members(&request()).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&ListMembersError::Platform(V2PlatformError::TokenInvalid))
    );
    assert_eq!(error.request_id(), Some("trace-refused"));
}

#[tokio::test]
async fn a_documented_busy_row_is_retried_and_a_permission_error_is_not() {
    let acme = Acme::start().await;
    Mock::given(method("GET"))
        .and(path(MEMBERS_PATH))
        .respond_with(ResponseTemplate::new(503).set_body_json(
            json!({"error_code": "busy", "error_message": "busy", "trace_id": "t-busy"}),
        ))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&acme.server)
        .await;
    let client = acme
        .client()
        .with_retry_policy(RetryPolicy::default().with_backoff(
            std::time::Duration::from_millis(5),
            std::time::Duration::from_millis(10),
        ));
    client.list_members(&request()).await.unwrap();
    assert_eq!(acme.requests_to(MEMBERS_PATH).await.len(), 3);

    let acme = Acme::start().await;
    Mock::given(method("GET"))
        .and(path(MEMBERS_PATH))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "error_code": "permission.denied",
            "error_message": "caller is not in the group",
            "trace_id": "t-403"
        })))
        .with_priority(1)
        .mount(&acme.server)
        .await;
    let error = acme.client().list_members(&request()).await.unwrap_err();
    assert_eq!(error.api_error(), Some(&ListMembersError::NotAMember));
    assert_eq!(error.status(), Some(403));
    assert_eq!(acme.requests_to(MEMBERS_PATH).await.len(), 1);
}

#[tokio::test]
async fn neither_the_secret_nor_a_token_shows_in_anything_printed() {
    let acme = Acme::start().await;
    let client = acme.client();
    client.list_members(&request()).await.unwrap();
    let printed_client = format!("{client:?}");
    acme.valid_from.store(100, Ordering::SeqCst);
    let refused = client.list_members(&request()).await.unwrap_err();

    // Wrong credentials: the token endpoint's refusal, typed, with the secret scrubbed from the
    // message the server echoed.
    let wrong = Client::from_app_credentials(CLIENT_ID, "wrong-secret-0001")
        .with_base_url(acme.server.uri());
    let no_token = wrong.list_members(&request()).await.unwrap_err();
    let Error::Token(token_error) = &no_token else {
        panic!("{no_token:?}")
    };
    assert_eq!(token_error.kind(), TokenErrorKind::Refused);
    let source = std::error::Error::source(token_error)
        .and_then(|s| s.downcast_ref::<Error<GetTokenError>>())
        .expect("the token endpoint's typed error");
    assert_eq!(source.api_error(), Some(&GetTokenError::BadCredentials));

    let everything = format!(
        "{printed_client} {refused:?} {refused} {no_token:?} {no_token} {wrong:?} {:?}",
        client.token_source()
    );
    for secret in [CLIENT_SECRET, "wrong-secret-0001", &token(1), &token(2)] {
        assert!(!everything.contains(secret), "{secret} in {everything}");
    }
    assert!(
        refused
            .to_string()
            .contains("token <redacted> is not valid"),
        "{refused}"
    );
    assert!(printed_client.contains("acme::Client"), "{printed_client}");
    assert!(printed_client.contains(CLIENT_ID), "{printed_client}");
}
