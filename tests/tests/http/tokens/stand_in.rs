//! A stand-in for the three token endpoints and one call of each API, on 127.0.0.1, for the token
//! tests that need what `group_api::testing::StandIn` does not do: tokens named after their app
//! (two apps never share one), a lifetime the test sets, a token endpoint that is down or slow.
//! The replay tests use the library's stand-in.
//!
//! Tokens are issued as `tok-<app key>-<n>`, `n` counting every token issued, so a test can tell
//! which app and which fetch a token came from. The group calls accept exactly the tokens issued
//! and not revoked, and answer the platform's token-rejection row otherwise.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use group_api::{RetryPolicy, dingtalk, feishu};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// An app the stand-in knows, and its secret.
pub const APP_KEY: &str = "dingapp-key-0001";
pub const APP_SECRET: &str = "gK9-app-secret-0001-abcdef";
/// A second app.
pub const OTHER_APP_KEY: &str = "dingapp-key-0002";
pub const OTHER_APP_SECRET: &str = "hL0-app-secret-0002-ghijkl";

pub const DINGTALK_TOKEN_PATH: &str = "/v1.0/oauth2/accessToken";
pub const DINGTALK_OLD_TOKEN_PATH: &str = "/gettoken";
pub const FEISHU_TOKEN_PATH: &str = "/open-apis/auth/v3/tenant_access_token/internal";
pub const UPDATE_GROUP_PATH: &str = "/v1.0/im/group/update";
pub const UPDATE_GROUP_NICK_PATH: &str = "/topapi/chat/updategroupnick";
pub const UPDATE_USER_GROUP_PATH: &str = "/open-apis/contact/v3/group/g187131";

pub struct StandIn {
    pub server: MockServer,
    state: Arc<State>,
}

struct State {
    /// The lifetime the token endpoints announce, in seconds; negative: none at all.
    lifetime: AtomicI64,
    /// How many tokens have been issued.
    issued: AtomicUsize,
    /// The tokens the group calls accept.
    valid: Mutex<HashSet<String>>,
    /// Refuse every token, fresh ones too.
    refuse_all: AtomicBool,
    /// The token endpoints answer HTTP 500.
    token_endpoint_down: AtomicBool,
    /// How long a token endpoint takes to answer, in milliseconds.
    token_delay_ms: AtomicUsize,
}

impl StandIn {
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(State {
            lifetime: AtomicI64::new(7200),
            issued: AtomicUsize::new(0),
            valid: Mutex::default(),
            refuse_all: AtomicBool::new(false),
            token_endpoint_down: AtomicBool::new(false),
            token_delay_ms: AtomicUsize::new(0),
        });

        let s = state.clone();
        Mock::given(method("POST"))
            .and(path(DINGTALK_TOKEN_PATH))
            .respond_with(move |request: &Request| {
                let body = json_body(request);
                s.token_answer(&body["appKey"], &body["appSecret"], |token, lifetime| {
                    let mut body = json!({"accessToken": token});
                    if let Some(lifetime) = lifetime {
                        body["expireIn"] = json!(lifetime);
                    }
                    ResponseTemplate::new(200).set_body_json(body)
                })
                .unwrap_or_else(|| {
                    ResponseTemplate::new(400)
                        .set_body_json(json!({
                            "code": "stand-in.wrongAppSecret",
                            "message": "the app key and secret do not match",
                            "requestid": "token-req-1"
                        }))
                        .set_delay(s.token_delay())
                })
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("GET"))
            .and(path(DINGTALK_OLD_TOKEN_PATH))
            .respond_with(move |request: &Request| {
                let query = |name: &str| {
                    request
                        .url
                        .query_pairs()
                        .find(|(n, _)| n == name)
                        .map_or(Value::Null, |(_, v)| json!(v))
                };
                s.token_answer(&query("appkey"), &query("appsecret"), |token, lifetime| {
                    ResponseTemplate::new(200).set_body_json(json!({
                        "errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": lifetime
                    }))
                })
                .unwrap_or_else(|| {
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"errcode": 777001, "errmsg": "wrong app secret"}))
                        .set_delay(s.token_delay())
                })
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("POST"))
            .and(path(FEISHU_TOKEN_PATH))
            .respond_with(move |request: &Request| {
                let body = json_body(request);
                s.token_answer(&body["app_id"], &body["app_secret"], |token, lifetime| {
                    let mut body = json!({"code": 0, "msg": "ok", "tenant_access_token": token});
                    if let Some(lifetime) = lifetime {
                        body["expire"] = json!(lifetime);
                    }
                    ResponseTemplate::new(200).set_body_json(body)
                })
                .unwrap_or_else(|| {
                    ResponseTemplate::new(400)
                        .set_body_json(json!({"code": 777002, "msg": "app secret invalid"}))
                        .set_delay(s.token_delay())
                })
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("POST"))
            .and(path(UPDATE_GROUP_PATH))
            .respond_with(move |request: &Request| {
                let token = request
                    .headers
                    .get("x-acs-dingtalk-access-token")
                    .and_then(|v| v.to_str().ok());
                if s.accepts(token) {
                    ResponseTemplate::new(200).set_body_json(json!({"success": true}))
                } else {
                    ResponseTemplate::new(400).set_body_json(json!({
                        "code": "InvalidAuthentication",
                        "message": "不合法的access_token",
                        "requestid": "req-1"
                    }))
                }
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("POST"))
            .and(path(UPDATE_GROUP_NICK_PATH))
            .respond_with(move |request: &Request| {
                let token = query_token(request);
                let body = if s.accepts(token.as_deref()) {
                    json!({"errcode": 0, "errmsg": "ok", "success": true})
                } else {
                    json!({"errcode": 40014, "errmsg": "不合法的access_token"})
                };
                ResponseTemplate::new(200).set_body_json(body)
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("PATCH"))
            .and(path_regex("^/open-apis/contact/v3/group/[^/]+$"))
            .respond_with(move |request: &Request| {
                let token = request
                    .headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer "));
                if s.accepts(token) {
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"code": 0, "msg": "success", "data": {}}))
                } else {
                    ResponseTemplate::new(400).set_body_json(
                        json!({"code": 99991663, "msg": "Invalid access token for authorization."}),
                    )
                }
            })
            .mount(&server)
            .await;

        Self { server, state }
    }

    /// A DingTalk client of `key` and `secret` that sends here, each call once.
    pub fn dingtalk(&self, key: &str, secret: &str) -> dingtalk::Client {
        dingtalk::Client::from_app_credentials(key, secret)
            .with_base_url(self.server.uri())
            .with_retry_policy(RetryPolicy::none())
    }

    /// A Feishu client of `key` and `secret` that sends here, each call once.
    pub fn feishu(&self, key: &str, secret: &str) -> feishu::Client {
        feishu::Client::from_app_credentials(key, secret)
            .with_base_url(self.server.uri())
            .with_retry_policy(RetryPolicy::none())
    }

    /// How many tokens the token endpoints have issued.
    pub fn issued(&self) -> usize {
        self.state.issued.load(Ordering::SeqCst)
    }

    /// How many requests arrived at `path`.
    pub async fn requests_to(&self, path: &str) -> usize {
        self.requests(path).await.len()
    }

    /// The requests that arrived at `path`, in order.
    pub async fn requests(&self, path: &str) -> Vec<Request> {
        let all = self.server.received_requests().await.expect("recording");
        all.into_iter().filter(|r| r.url.path() == path).collect()
    }

    /// The token each group call to `path` carried, in order.
    pub async fn tokens_sent_to(&self, path: &str) -> Vec<String> {
        self.requests(path)
            .await
            .iter()
            .map(|request| {
                let header = |name: &str| {
                    request
                        .headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                };
                header("x-acs-dingtalk-access-token")
                    .or_else(|| {
                        header("authorization").map(|v| v.trim_start_matches("Bearer ").to_owned())
                    })
                    .or_else(|| query_token(request))
                    .unwrap_or_default()
            })
            .collect()
    }

    /// The lifetime the token endpoints announce from now on; `None` leaves it out.
    pub fn announce_lifetime(&self, seconds: Option<i64>) {
        self.state
            .lifetime
            .store(seconds.unwrap_or(-1), Ordering::SeqCst);
    }

    /// Refuse every token from now on, fresh ones included.
    pub fn refuse_all(&self) {
        self.state.refuse_all.store(true, Ordering::SeqCst);
    }

    /// The token endpoints answer HTTP 500 while `down`.
    pub fn token_endpoint_down(&self, down: bool) {
        self.state.token_endpoint_down.store(down, Ordering::SeqCst);
    }

    /// The token endpoints take `delay` to answer, so that concurrent callers overlap.
    pub fn token_delay(&self, delay: Duration) {
        self.state
            .token_delay_ms
            .store(delay.as_millis() as usize, Ordering::SeqCst);
    }
}

impl State {
    /// The token endpoint's answer: `issue(token, lifetime)` for a known app and its secret,
    /// `None` for a wrong one.
    fn token_answer(
        &self,
        key: &Value,
        secret: &Value,
        issue: impl FnOnce(&str, Option<i64>) -> ResponseTemplate,
    ) -> Option<ResponseTemplate> {
        let delay = self.token_delay();
        if self.token_endpoint_down.load(Ordering::SeqCst) {
            return Some(
                ResponseTemplate::new(500)
                    .set_body_string("upstream unavailable")
                    .set_delay(delay),
            );
        }
        let key = key.as_str()?;
        let known = [(APP_KEY, APP_SECRET), (OTHER_APP_KEY, OTHER_APP_SECRET)];
        if !known.contains(&(key, secret.as_str()?)) {
            return None;
        }
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("tok-{key}-{n}");
        self.valid.lock().unwrap().insert(token.clone());
        let lifetime = self.lifetime.load(Ordering::SeqCst);
        Some(issue(&token, (lifetime >= 0).then_some(lifetime)).set_delay(delay))
    }

    /// How long the token endpoints take to answer, refusals included (see `StandIn::token_delay`).
    fn token_delay(&self) -> Duration {
        Duration::from_millis(self.token_delay_ms.load(Ordering::SeqCst) as u64)
    }

    fn accepts(&self, token: Option<&str>) -> bool {
        !self.refuse_all.load(Ordering::SeqCst)
            && token.is_some_and(|t| self.valid.lock().unwrap().contains(t))
    }
}

fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or(Value::Null)
}

fn query_token(request: &Request) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(name, _)| name == "access_token")
        .map(|(_, value)| value.into_owned())
}
