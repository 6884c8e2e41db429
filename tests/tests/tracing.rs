//! What a call tells a `tracing` subscriber: one `group_api::call` span with the platform,
//! endpoint, method, path, attempts, final status and request id; events for the token fetch, the
//! retry (its wait and reason) and the rate-limit pause. Never the token, the app secret, a query
//! value or a body.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use group_api::RetryPolicy;
use group_api::feishu::{self, OpenApiPlatformError, UpdateUserGroupError, UpdateUserGroupRequest};
use group_api::testing::{Script, StandIn};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const APP_SECRET: &str = "feishu-app-secret-do-not-log-4b2e";

#[derive(Default, Debug)]
struct Captured {
    /// Every span by id: its name and fields.
    spans: BTreeMap<u64, (String, BTreeMap<String, String>)>,
    metadata: BTreeMap<u64, &'static Metadata<'static>>,
    /// Every event: the span it happened in, its level and fields (the message among them).
    events: Vec<(Option<String>, String, BTreeMap<String, String>)>,
    /// Everything written, to search for what must never be there.
    all: String,
}

/// A subscriber that keeps every span's and event's fields, as text.
#[derive(Clone, Default)]
struct Capture {
    captured: Arc<Mutex<Captured>>,
    next: Arc<AtomicU64>,
    current: Arc<Mutex<Vec<u64>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        let mut captured = self.captured.lock().unwrap();
        captured
            .all
            .push_str(&format!("{} {fields:?}\n", span.metadata().name()));
        captured
            .spans
            .insert(id, (span.metadata().name().to_owned(), fields));
        captured.metadata.insert(id, span.metadata());
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut captured = self.captured.lock().unwrap();
        let mut fields = BTreeMap::new();
        values.record(&mut Fields(&mut fields));
        captured.all.push_str(&format!("{fields:?}\n"));
        if let Some((_, known)) = captured.spans.get_mut(&span.into_u64()) {
            known.extend(fields);
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let mut captured = self.captured.lock().unwrap();
        let within = self
            .current
            .lock()
            .unwrap()
            .last()
            .and_then(|id| captured.spans.get(id))
            .map(|(name, fields)| {
                format!(
                    "{name} {}",
                    fields.get("endpoint").cloned().unwrap_or_default()
                )
            });
        captured
            .all
            .push_str(&format!("{} {fields:?}\n", event.metadata().level()));
        captured
            .events
            .push((within, event.metadata().level().to_string(), fields));
    }
    fn current_span(&self) -> tracing_core::span::Current {
        let current = self.current.lock().unwrap().last().copied();
        let captured = self.captured.lock().unwrap();
        match current.and_then(|id| Some((id, *captured.metadata.get(&id)?))) {
            Some((id, metadata)) => tracing_core::span::Current::new(Id::from_u64(id), metadata),
            None => tracing_core::span::Current::none(),
        }
    }
    fn enter(&self, span: &Id) {
        self.current.lock().unwrap().push(span.into_u64());
    }
    fn exit(&self, span: &Id) {
        let mut current = self.current.lock().unwrap();
        if let Some(at) = current.iter().rposition(|id| *id == span.into_u64()) {
            current.remove(at);
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_retried_call_is_one_span_with_its_attempts_status_and_request_id_and_no_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let stand_in = StandIn::start().await;
    let client = feishu::Client::from_app_credentials("cli_tracing", APP_SECRET)
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::default().with_backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(5),
        ));
    // The first attempt is refused by Feishu's rate limit, with a wait hint of 0 s.
    stand_in.script::<UpdateUserGroupRequest>(
        Script::error(UpdateUserGroupError::Platform(
            OpenApiPlatformError::RequestTriggerFrequencyLimit,
        ))
        .with_header("x-ogw-ratelimit-reset", "0"),
    );
    let request = UpdateUserGroupRequest::builder()
        .group_id("g187131")
        .user_id_type(feishu::UserIdType::OpenId)
        .name("外包 IT 用户组")
        .build()
        .expect("valid");
    client
        .update_user_group(&request)
        .await
        .expect("served on the second attempt");

    let received = stand_in.requests();
    let token = received
        .iter()
        .find_map(|r| r.token())
        .expect("the calls carried a token")
        .to_owned();
    let last_id = received.len().to_string();
    drop(stand_in);

    let captured = capture.captured.lock().unwrap();
    let calls: Vec<&BTreeMap<String, String>> = captured
        .spans
        .values()
        .filter(|(name, _)| name == "group_api::call")
        .map(|(_, fields)| fields)
        .collect();
    let call = calls
        .iter()
        .find(|fields| fields.get("endpoint").map(String::as_str) == Some("update_user_group"))
        .unwrap_or_else(|| panic!("no span of the call in {captured:#?}"));
    for (field, value) in [
        ("platform", "feishu"),
        ("method", "PATCH"),
        ("path", "/open-apis/contact/v3/group/g187131"),
        ("attempts", "2"),
        ("status", "200"),
    ] {
        assert_eq!(
            call.get(field).map(String::as_str),
            Some(value),
            "{field} in {call:?}"
        );
    }
    // Feishu's request id is the X-Tt-Logid header: the stand-in's id of the last answer.
    assert_eq!(
        call.get("request_id").map(String::as_str),
        Some(format!("stand-in-{last_id}").as_str()),
        "{call:?}"
    );
    // The token endpoint's call is a span of its own.
    assert!(
        calls
            .iter()
            .any(|f| f.get("endpoint").map(String::as_str) == Some("get_tenant_access_token"))
    );

    let event = |message: &str| {
        captured
            .events
            .iter()
            .find(|(_, _, fields)| fields.get("message").is_some_and(|m| m.contains(message)))
            .unwrap_or_else(|| panic!("no event {message:?} in {:#?}", captured.events))
    };
    let (within, _, retry) = event("retrying");
    assert_eq!(within.as_deref(), Some("group_api::call update_user_group"));
    assert_eq!(retry.get("attempt").map(String::as_str), Some("1"));
    assert_eq!(retry.get("wait_ms").map(String::as_str), Some("0"));
    assert_eq!(
        retry.get("reason").map(String::as_str),
        Some("error code 99991400, HTTP 429")
    );
    let (_, _, fetching) = event("fetching an access token");
    assert_eq!(
        fetching.get("reason").map(String::as_str),
        Some("first token")
    );
    let (_, _, fetched) = event("access token fetched");
    assert_eq!(fetched.get("outcome").map(String::as_str), Some("issued"));
    assert_eq!(fetched.get("lifetime_s").map(String::as_str), Some("7200"));
    event("pauses the client's budget");

    for secret in [token.as_str(), APP_SECRET, "open_id", "外包"] {
        assert!(
            !captured.all.contains(secret),
            "{secret:?} (a token, secret, query value or body) was logged:\n{}",
            captured.all
        );
    }
}

/// A request id read from the body is cut as an error keeps it (256 characters), and a body too
/// large to keep whole is not made a JSON tree for it: its top-level fields are read.
#[tokio::test(flavor = "current_thread")]
async fn a_request_id_from_a_large_body_is_cut_to_256_characters() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let stand_in = StandIn::start().await;
    let client = group_api::dingtalk::Client::new("dt-token")
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none());
    // DingTalk's old API keeps its request id in the body's `request_id`; this answer is 200 KiB.
    let long_id = "r".repeat(10_000);
    stand_in.script::<group_api::dingtalk::GetChatRequest>(Script::body(
        200,
        serde_json::json!({
            "errcode": 0,
            "errmsg": "ok",
            "padding": vec![1; 100_000],
            "request_id": long_id,
        }),
    ));
    let request = group_api::dingtalk::GetChatRequest::builder()
        .chatid("chatxxxx")
        .build()
        .expect("valid");
    client.get_chat(&request).await.expect("a success");
    drop(stand_in);

    let captured = capture.captured.lock().unwrap();
    let call = captured
        .spans
        .values()
        .find(|(name, fields)| {
            name == "group_api::call"
                && fields.get("endpoint").map(String::as_str) == Some("get_chat")
        })
        .map(|(_, fields)| fields)
        .unwrap_or_else(|| panic!("no span of the call in {:#?}", captured.spans));
    assert_eq!(
        call.get("request_id").map(String::as_str),
        Some(&long_id[..256]),
        "{call:?}"
    );
}
