//! A stand-in for DingTalk's and Feishu's token endpoints and group updates on 127.0.0.1, shared
//! by every process of a test. It counts token fetches, accepts only the tokens it issued and has
//! not revoked, records when each group update arrived (its own clock), and answers as the
//! platforms do when over a limit: DingTalk's `QpsLimitForAppkeyAndApi` past 20 calls in any
//! second, Feishu's HTTP 429 with `x-ogw-ratelimit-reset` when told to.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const APP_ID: &str = "dingfleet-app-0001";
pub const SECRET: &str = "fleet-secret-0001-3c9a0d6be1f24e7a";
pub const ROTATED_SECRET: &str = "fleet-secret-0002-97b1e0c4d25a8f63";

/// DingTalk's documented limit for one app and API on a standard org.
pub const DINGTALK_LIMIT: usize = 20;

pub struct StandIn {
    pub server: MockServer,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    /// Whether DingTalk's group update refuses calls past its limit.
    limited: bool,
    /// The secret of every token fetch, in order.
    fetches: Vec<String>,
    valid: HashSet<String>,
    /// When each group update arrived, and whether it was refused for its rate.
    updates: Vec<(Instant, bool)>,
    /// Feishu group updates to answer with a 429 before serving again, and its reset hint.
    throttle: Option<(usize, u64)>,
    /// When each 429 was sent.
    throttled_at: Vec<Instant>,
}

impl StandIn {
    /// A stand-in whose DingTalk group update refuses calls past 20 in any second.
    pub async fn start() -> Self {
        Self::start_limited(true).await
    }

    /// A stand-in that takes calls at any rate (for the token tests, whose clients keep no limit).
    pub async fn without_limit() -> Self {
        Self::start_limited(false).await
    }

    async fn start_limited(limited: bool) -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State {
            limited,
            ..State::default()
        }));

        let s = state.clone();
        Mock::given(method("POST"))
            .and(path("/v1.0/oauth2/accessToken"))
            .respond_with(move |request: &Request| {
                let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
                match issue(&s, &body["appKey"], &body["appSecret"]) {
                    Some(token) => ResponseTemplate::new(200)
                        .set_body_json(json!({"accessToken": token, "expireIn": 7200})),
                    None => ResponseTemplate::new(400).set_body_json(
                        json!({"code": "stand-in.wrongAppSecret", "message": "wrong secret"}),
                    ),
                }
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("POST"))
            .and(path("/open-apis/auth/v3/tenant_access_token/internal"))
            .respond_with(move |request: &Request| {
                let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
                match issue(&s, &body["app_id"], &body["app_secret"]) {
                    Some(token) => ResponseTemplate::new(200).set_body_json(
                        json!({"code": 0, "msg": "ok", "tenant_access_token": token, "expire": 7200}),
                    ),
                    None => ResponseTemplate::new(400)
                        .set_body_json(json!({"code": 10014, "msg": "app secret invalid"})),
                }
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("POST"))
            .and(path("/v1.0/im/group/update"))
            .respond_with(move |request: &Request| {
                let now = Instant::now();
                let token = header(request, "x-acs-dingtalk-access-token");
                let mut state = s.lock().unwrap();
                if !token.is_some_and(|t| state.valid.contains(&t)) {
                    return ResponseTemplate::new(400).set_body_json(json!({
                        "code": "InvalidAuthentication", "message": "不合法的access_token"
                    }));
                }
                let window = Duration::from_secs(1);
                let recent = state
                    .updates
                    .iter()
                    .filter(|(at, refused)| !refused && now.duration_since(*at) < window)
                    .count();
                let over = state.limited && recent >= DINGTALK_LIMIT;
                state.updates.push((now, over));
                if over {
                    ResponseTemplate::new(403).set_body_json(json!({
                        "code": "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi",
                        "message": "qps limit"
                    }))
                } else {
                    ResponseTemplate::new(200).set_body_json(json!({"success": true}))
                }
            })
            .mount(&server)
            .await;

        let s = state.clone();
        Mock::given(method("PATCH"))
            .and(path_regex("^/open-apis/contact/v3/group/[^/]+$"))
            .respond_with(move |request: &Request| {
                let now = Instant::now();
                let token = header(request, "authorization")
                    .and_then(|v| v.strip_prefix("Bearer ").map(str::to_owned));
                let mut state = s.lock().unwrap();
                if !token.is_some_and(|t| state.valid.contains(&t)) {
                    return ResponseTemplate::new(400)
                        .set_body_json(json!({"code": 99991663, "msg": "invalid token"}));
                }
                if let Some((left, reset)) = state.throttle.take() {
                    if left > 1 {
                        state.throttle = Some((left - 1, reset));
                    }
                    state.updates.push((now, true));
                    state.throttled_at.push(now);
                    return ResponseTemplate::new(429)
                        .insert_header("x-ogw-ratelimit-limit", "100")
                        .insert_header("x-ogw-ratelimit-reset", reset.to_string().as_str())
                        .set_body_json(json!({
                            "code": 99991400, "msg": "request trigger frequency limit"
                        }));
                }
                state.updates.push((now, false));
                ResponseTemplate::new(200)
                    .set_body_json(json!({"code": 0, "msg": "success", "data": {}}))
            })
            .mount(&server)
            .await;

        Self { server, state }
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// How many tokens have been fetched, with any secret.
    pub fn fetches(&self) -> usize {
        self.state.lock().unwrap().fetches.len()
    }

    /// How many tokens have been fetched with `secret`.
    pub fn fetches_with(&self, secret: &str) -> usize {
        let state = self.state.lock().unwrap();
        state.fetches.iter().filter(|s| *s == secret).count()
    }

    /// Refuses every token issued so far, as if all had expired on the server.
    pub fn revoke_all(&self) {
        self.state.lock().unwrap().valid.clear();
    }

    /// The next `count` Feishu group updates get HTTP 429 with `x-ogw-ratelimit-reset: seconds`.
    pub fn throttle_next(&self, count: usize, seconds: u64) {
        self.state.lock().unwrap().throttle = Some((count, seconds));
    }

    /// When each 429 was sent.
    pub fn throttled_at(&self) -> Vec<Instant> {
        self.state.lock().unwrap().throttled_at.clone()
    }

    /// When each group update arrived (refused ones included), in order.
    pub fn update_times(&self) -> Vec<Instant> {
        let state = self.state.lock().unwrap();
        state.updates.iter().map(|(at, _)| *at).collect()
    }

    /// How many group updates were refused for their rate.
    pub fn refused_for_rate(&self) -> usize {
        let state = self.state.lock().unwrap();
        state.updates.iter().filter(|(_, refused)| *refused).count()
    }
}

/// Issues `tok-<n>` to the test app with either of its secrets; `None` for anything else.
fn issue(state: &Mutex<State>, id: &Value, secret: &Value) -> Option<String> {
    let (id, secret) = (id.as_str()?, secret.as_str()?);
    if id != APP_ID || ![SECRET, ROTATED_SECRET].contains(&secret) {
        return None;
    }
    let mut state = state.lock().unwrap();
    state.fetches.push(secret.to_owned());
    let token = format!("tok-{}", state.fetches.len());
    state.valid.insert(token.clone());
    Some(token)
}

fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The most arrivals in any one-second window that starts at an arrival.
pub fn busiest_second(times: &[Instant]) -> usize {
    let mut times = times.to_vec();
    times.sort();
    (0..times.len())
        .map(|i| {
            times[i..]
                .iter()
                .take_while(|t| t.duration_since(times[i]) < Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap_or(0)
}
