//! The spec format's endpoint-level keys of round two, end to end through the macro: rules across
//! fields checked by `.build()` with each rule's code, at-least-one-of through nested paths, form
//! bodies and bodiless calls on the wire of a local server, messages with `%s`, an example kept
//! with its marked deviation, and the JS-SDK call forms the bridge receives whole.

use std::sync::Mutex;

use group_api::Rule;
use group_api::wecom::{JsBridge, JsClient};
use group_api::{BridgeError, Endpoint, Error, ErrorCode, ValidationError};
use group_api_tests::example_as_table;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

group_api::endpoints!("round-two-spec");
mod forms {
    group_api::endpoints!("call-forms-spec");
}

use relay::{
    AddMemberPermission, CreateGroupError, CreateGroupRequest, DeleteGroupRequest, FormMode,
    GroupType, RelayMember, ShareCardPermission, SubmitFormRequest,
};

fn spec(name: &str) -> Value {
    group_api_tests::spec_at(&format!("round-two-spec/{name}.json"))
}

/// The smallest request every rule lets through: an ordinary group with one member.
macro_rules! ordinary {
    () => {
        CreateGroupRequest::builder()
            .group_type(GroupType::Normal)
            .useridlist(["u2"])
    };
}

/// The one violation of a refused request: path, page words and code.
fn broken(
    result: Result<CreateGroupRequest, ValidationError>,
) -> (String, Rule, Option<ErrorCode>) {
    let error = result.expect_err("the rule is broken");
    assert_eq!(error.violations().len(), 1, "{error}");
    let v = error.first();
    (
        v.path().to_owned(),
        v.rule().clone(),
        v.server_code().cloned(),
    )
}

fn cross(description: &'static str) -> Rule {
    Rule::CrossField { description }
}

#[test]
fn a_field_required_when_another_has_a_value() {
    let refused = CreateGroupRequest::builder()
        .group_type(GroupType::Dynamic)
        .useridlist(["u2"])
        .build();
    assert_eq!(
        broken(refused),
        (
            "dynamic_rule".into(),
            cross("a dynamic group needs its rule"),
            Some(ErrorCode::Number(42018))
        )
    );
    let accepted = CreateGroupRequest::builder()
        .group_type(GroupType::Dynamic)
        .useridlist(["u2"])
        .dynamic_rule("dept = 1")
        .build();
    assert!(accepted.is_ok());
    assert!(
        ordinary!().build().is_ok(),
        "the rule applies to dynamic groups only"
    );
}

#[test]
fn values_allowed_only_together() {
    let refused = ordinary!()
        .add_member_permission(AddMemberPermission::OnlyOwner)
        .share_card_permission(ShareCardPermission::Allowed)
        .build();
    let (path, rule, code) = broken(refused);
    assert_eq!(path, "share_card_permission");
    assert_eq!(
        rule,
        cross("only_owner requires share_card_permission not_allowed")
    );
    assert_eq!(code, Some(ErrorCode::Number(42030)));
    // Left unset, the required value is not there either.
    let unset = ordinary!()
        .add_member_permission(AddMemberPermission::OnlyOwner)
        .build();
    assert_eq!(broken(unset).2, Some(ErrorCode::Number(42030)));
    for (add, share) in [
        (
            AddMemberPermission::OnlyOwner,
            ShareCardPermission::NotAllowed,
        ),
        (
            AddMemberPermission::AllMembers,
            ShareCardPermission::Allowed,
        ),
    ] {
        let accepted = ordinary!()
            .add_member_permission(add)
            .share_card_permission(share)
            .build();
        assert!(accepted.is_ok(), "{add:?} with {share:?}");
    }
}

#[test]
fn a_field_required_when_a_list_contains_the_owner() {
    let refused = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .owner("u1")
        .useridlist(["u1", "u2"])
        .build();
    assert_eq!(
        broken(refused),
        (
            "owner_nick".into(),
            cross("owner_nick is required when useridlist contains the owner"),
            Some(ErrorCode::Number(42031))
        )
    );
    let with_nick = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .owner("u1")
        .owner_nick("boss")
        .useridlist(["u1", "u2"])
        .build();
    assert!(with_nick.is_ok());
    let owner_not_listed = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .owner("u9")
        .useridlist(["u1", "u2"])
        .build();
    assert!(owner_not_listed.is_ok());
}

#[test]
fn a_list_that_contains_a_value() {
    let refused = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .useridlist(["admin"])
        .build();
    assert_eq!(
        broken(refused),
        (
            "owner".into(),
            cross("a group with admin has an owner"),
            None
        )
    );
    let accepted = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .useridlist(["admin"])
        .owner("u1")
        .build();
    assert!(accepted.is_ok());
}

#[test]
fn a_field_that_must_be_empty_when_creating() {
    let (path, _, code) = broken(ordinary!().group_id("g1").build());
    assert_eq!(
        (path.as_str(), code),
        ("group_id", Some(ErrorCode::Number(42032)))
    );
    assert!(ordinary!().group_id("").build().is_ok(), "empty is not set");
}

#[test]
fn one_of_several_values() {
    for size in [500, 1000] {
        let refused = CreateGroupRequest::builder()
            .group_type(GroupType::Dynamic)
            .dynamic_rule("r")
            .useridlist(["u2"])
            .size(size)
            .build();
        assert_eq!(
            broken(refused),
            (
                "type".into(),
                cross("500 and 1000 are for ordinary groups only"),
                None
            )
        );
        assert!(ordinary!().size(size).build().is_ok());
    }
    let other = CreateGroupRequest::builder()
        .group_type(GroupType::Dynamic)
        .dynamic_rule("r")
        .useridlist(["u2"])
        .size(200)
        .build();
    assert!(other.is_ok());
}

#[test]
fn a_rule_of_an_object_in_a_list_names_the_entry() {
    let member = |kind: &str, corp: Option<&str>| {
        let builder = RelayMember::builder().kind(kind).user_id("m");
        match corp {
            Some(corp) => builder.corp_id(corp).build(),
            None => builder.build(),
        }
    };
    let refused = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .members([member("internal", None), member("external", None)])
        .build();
    assert_eq!(
        broken(refused),
        (
            "members[1].corpId".into(),
            cross("an external member needs its corpId"),
            Some(ErrorCode::Number(42033))
        )
    );
    let accepted = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .members([member("external", Some("ww1"))])
        .build();
    assert!(accepted.is_ok());
}

#[test]
fn at_least_one_of_reaches_into_the_entries_of_a_list() {
    let only_corp = RelayMember::builder()
        .kind("external")
        .corp_id("ww1")
        .build();
    let refused = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .members([only_corp])
        .build();
    let (path, rule, _) = broken(refused);
    assert_eq!(path, "");
    assert_eq!(
        rule,
        Rule::AtLeastOneOf {
            fields: vec!["useridlist", "members[].userId"]
        }
    );
    let with_user = RelayMember::builder().user_id("m1").build();
    let accepted = CreateGroupRequest::builder()
        .group_type(GroupType::Normal)
        .members([with_user])
        .build();
    assert!(accepted.is_ok(), "a member's userId is enough");
}

#[test]
fn every_broken_rule_is_reported_with_its_own_code() {
    let error = CreateGroupRequest::builder()
        .group_type(GroupType::Dynamic)
        .useridlist(["u2"])
        .group_id("g")
        .add_member_permission(AddMemberPermission::OnlyOwner)
        .build()
        .unwrap_err();
    let codes: Vec<Option<&ErrorCode>> =
        error.violations().iter().map(|v| v.server_code()).collect();
    assert_eq!(
        codes,
        [
            Some(&ErrorCode::Number(42018)),
            Some(&ErrorCode::Number(42030)),
            Some(&ErrorCode::Number(42032)),
        ]
    );
    assert!(
        error
            .to_string()
            .contains("`dynamic_rule` breaks a documented rule: a dynamic group needs its rule (the server would answer 42018)"),
        "{error}"
    );
}

/// The page's example sends `"type": "2"` where its table says integer; the spec keeps it and marks
/// it, and the builder's request is the example as its table reads it.
#[test]
fn an_example_that_contradicts_its_table_is_kept_and_marked() {
    let spec = spec("relay.create_group");
    assert_eq!(spec["examples"][0]["request"]["body"]["type"], json!("2"));
    let example = example_as_table(&spec, 0);
    let request = CreateGroupRequest::builder()
        .group_type(GroupType::Dynamic)
        .dynamic_rule("dept = 1")
        .useridlist(["u1", "u2"])
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        example["request"]["body"]
    );
}

fn relay_client(server: &MockServer) -> relay::Client {
    relay::Client::new("relay-token").with_base_url(server.uri())
}

#[tokio::test]
async fn a_form_body_is_sent_url_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/form"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": 0, "msg": "ok"})))
        .expect(1)
        .mount(&server)
        .await;
    let spec = spec("relay.submit_form");
    let page = &spec["examples"][0]["request"]["body"];
    let request = SubmitFormRequest::builder()
        .name(page["name"].as_str().unwrap())
        .count(2)
        .notify(true)
        .mode(FormMode::Safe)
        .build()
        .unwrap();
    relay_client(&server).submit_form(&request).await.unwrap();
    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        received.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    let body = String::from_utf8(received.body.clone()).unwrap();
    assert_eq!(body, "name=%E7%BE%A4+A%26B&count=2&notify=true&mode=safe");
    // The same pairs as the page's example.
    let pairs: serde_json::Map<String, Value> = url_pairs(&body);
    let expected: serde_json::Map<String, Value> = page
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                Value::String(v.as_str().map_or(v.to_string(), str::to_owned)),
            )
        })
        .collect();
    assert_eq!(pairs, expected);
}

fn url_pairs(body: &str) -> serde_json::Map<String, Value> {
    let url = format!("http://x/?{body}");
    wiremock::http::Url::parse(&url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect()
}

/// A DELETE with no body fields sends no body and no `Content-Type` (it used to send `{}` as
/// JSON); the token goes in the query, as the page's example shows with its placeholder.
#[tokio::test]
async fn an_endpoint_without_body_fields_sends_no_body() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/cgi-bin/groups/g1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"errcode": 0, "errmsg": "ok"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let request = DeleteGroupRequest::builder()
        .group_id("g1")
        .build()
        .unwrap();
    relay_client(&server).delete_group(&request).await.unwrap();
    let received = &server.received_requests().await.unwrap()[0];
    assert!(received.body.is_empty(), "body: {:?}", received.body);
    assert!(received.headers.get("content-type").is_none());
    let query: Vec<(String, String)> = received.url.query_pairs().into_owned().collect();
    assert_eq!(
        query,
        [("access_token".to_owned(), "relay-token".to_owned())]
    );
    let example = &spec("relay.delete_group")["examples"][0]["request"];
    assert_eq!(example["query"], json!({"access_token": "ACCESS_TOKEN"}));
    assert_eq!(
        request.path(),
        format!(
            "/cgi-bin/groups/{}",
            example["path"]["group_id"].as_str().unwrap()
        )
    );
    assert!(matches!(
        DeleteGroupRequest::INFO.transport,
        group_api::endpoint::Transport::Http {
            body: group_api::endpoint::Body::None,
            ..
        }
    ));
}

async fn answer_create(server: &MockServer, code: i64, msg: &str) -> Error<CreateGroupError> {
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"code": code, "msg": msg})))
        .mount(server)
        .await;
    let request = ordinary!().build().unwrap();
    relay_client(server)
        .create_group(&request)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_message_with_placeholders_matches_as_a_pattern() {
    let server = MockServer::start().await;
    let error = answer_create(&server, 42040, "group name 运营群 is invalid").await;
    assert_eq!(error.api_error(), Some(&CreateGroupError::NameInvalid));
    assert_eq!(
        CreateGroupError::NameInvalid.to_string(),
        "42040: group name is invalid (The group name is invalid.)"
    );
    let error = answer_create(&server, 42040, "invalid parameter").await;
    assert_eq!(error.api_error(), Some(&CreateGroupError::InvalidParameter));
}

/// A code with one documented row answered with another message: the row is still the code's, but
/// what is shown is what the server said, not the row's explanation as if the server had said it.
#[tokio::test]
async fn a_different_message_for_a_documented_code_shows_what_the_server_said() {
    let server = MockServer::start().await;
    let error = answer_create(&server, 42050, "权限校验失败").await;
    assert_eq!(error.api_error(), Some(&CreateGroupError::OwnerNotVisible));
    let shown = error.to_string();
    assert!(
        shown.starts_with("the server answered 42050: 权限校验失败"),
        "{shown}"
    );
    assert!(
        shown.contains("documented for this code: owner not visible to the app"),
        "{shown}"
    );
    // The documented message is shown as the page has it.
    let error = answer_create(&server, 42050, "owner not visible to the app").await;
    assert!(
        error
            .to_string()
            .starts_with("the server answered 42050: owner not visible to the app (The owner is not visible to the app.)"),
        "{error}"
    );
}

/// Answers every call with `answer` and records the call names it was given.
struct Recorder {
    answer: Value,
    calls: Mutex<Vec<(String, Value)>>,
}

impl JsBridge for Recorder {
    async fn call(&self, call: &str, args: Value) -> Result<Value, BridgeError> {
        self.calls.lock().unwrap().push((call.to_owned(), args));
        Ok(self.answer.clone())
    }
}

fn recorder(answer: Value) -> std::sync::Arc<Recorder> {
    std::sync::Arc::new(Recorder {
        answer,
        calls: Mutex::new(Vec::new()),
    })
}

#[tokio::test]
async fn the_bridge_receives_each_call_form_whole() {
    use forms::wecom::{
        CreateCorpGroupChatError, CreateCorpGroupChatRequest, OpenEnterpriseChatRequest,
        SelectEnterpriseContactRequest,
    };
    // `ww.<api>`, with `wx.qy.<api>` documented beside it.
    let bridge = recorder(json!({"errMsg": "createCorpGroupChat:ok", "chatId": "c1"}));
    let client = JsClient::new(bridge.clone());
    let request = CreateCorpGroupChatRequest::builder()
        .group_name("g")
        .build()
        .unwrap();
    let response = client.send(&request).await.unwrap();
    assert_eq!(response.chat_id.as_deref(), Some("c1"));
    assert_eq!(
        bridge.calls.lock().unwrap()[0],
        (
            "ww.createCorpGroupChat".to_owned(),
            json!({"groupName": "g"})
        )
    );
    assert_eq!(
        CreateCorpGroupChatRequest::INFO.transport,
        group_api::endpoint::Transport::JsSdk {
            call: "ww.createCorpGroupChat",
            api: "createCorpGroupChat",
            also: &["wx.qy.createCorpGroupChat"],
        }
    );
    // A failure in the legacy `err_msg` key is read like `errMsg`.
    let client = JsClient::new(recorder(
        json!({"err_msg": "createCorpGroupChat:fail no permission"}),
    ));
    let error = client.send(&request).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&CreateCorpGroupChatError::NoPermission)
    );

    // `wx.<api>`.
    let bridge = recorder(json!({"errMsg": "openEnterpriseChat:ok"}));
    let client = JsClient::new(bridge.clone());
    let request = OpenEnterpriseChatRequest::builder()
        .chat_id("c1")
        .build()
        .unwrap();
    client.send(&request).await.unwrap();
    assert_eq!(bridge.calls.lock().unwrap()[0].0, "wx.openEnterpriseChat");

    // `wx.invoke("<api>", ..)`, answered with the legacy `err_msg`.
    let bridge = recorder(json!({"err_msg": "selectEnterpriseContact:ok"}));
    let client = JsClient::new(bridge.clone());
    let request = SelectEnterpriseContactRequest::builder()
        .from_department_id(-1)
        .mode("single")
        .build()
        .unwrap();
    let response = client.send(&request).await.unwrap();
    assert_eq!(
        response.err_msg.as_deref(),
        Some("selectEnterpriseContact:ok")
    );
    assert_eq!(
        bridge.calls.lock().unwrap()[0],
        (
            "wx.invoke:selectEnterpriseContact".to_owned(),
            json!({"fromDepartmentId": -1, "mode": "single"})
        )
    );
}
