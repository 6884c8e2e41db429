//! `group_api::testing::StandIn` proves itself: every HTTP endpoint of the spec files is served,
//! answers its page's example as the typed response and each documented error as its variant
//! (table-driven over `spec/`, so a new spec file is covered without new code); tokens are
//! checked, refused, expired and replaced; scripts, delays and the requests read back work.

use std::time::Duration;

use group_api::dingtalk::{self, UpdateGroupError, UpdateGroupNickRequest, UpdateGroupRequest};
use group_api::feishu::{self, UpdateUserGroupError, UpdateUserGroupRequest};
use group_api::testing::{Script, StandIn};
use group_api::{ApiError, Error, RetryPolicy};
use serde_json::json;

/// Every `<platform>.<name>.json` of `spec/` with an HTTP transport, as `(platform, name)`.
fn http_endpoints_of_the_spec_folder() -> Vec<(String, String)> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).expect("spec/ is readable") {
        let path = entry.expect("a spec/ entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.ends_with(".json") || name.matches('.').count() != 2 {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a spec file");
        let spec: serde_json::Value = serde_json::from_str(&text).expect("spec files are JSON");
        if spec["transport"].get("http").is_some() {
            let platform = spec["platform"].as_str().expect("platform").to_owned();
            found.push((platform, spec["name"].as_str().expect("name").to_owned()));
        }
    }
    found.sort();
    assert!(found.len() >= 7, "spec/ has its HTTP endpoints: {found:?}");
    found
}

#[tokio::test]
async fn every_http_endpoint_of_the_specs_answers_its_example_and_each_documented_error() {
    let stand_in = StandIn::start().await;
    let mut errors_checked = 0;
    for (platform, name) in http_endpoints_of_the_spec_folder() {
        let endpoint = stand_in
            .endpoints()
            .find(|e| e.info().platform == platform && e.info().name == name)
            .unwrap_or_else(|| panic!("the stand-in does not serve {platform}.{name}"));
        errors_checked += endpoint
            .check_against(&stand_in)
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }
    // The pages' error rows and the platforms' rows, each at least once.
    assert!(errors_checked > 40, "{errors_checked} errors checked");
}

fn update_group() -> UpdateGroupRequest {
    UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群")
        .build()
        .expect("a valid request")
}

#[tokio::test]
async fn a_token_is_fetched_once_refused_replaced_and_the_call_sent_again() {
    let stand_in = StandIn::start().await;
    let client = dingtalk::Client::from_app_credentials("app-key", "app-secret")
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none());

    client.update_group(&update_group()).await.expect("served");
    client.update_group(&update_group()).await.expect("served");
    assert_eq!(stand_in.tokens_issued(), 1, "one token for both calls");
    let fetch = &stand_in.requests_to::<dingtalk::GetAccessTokenRequest>()[0];
    assert_eq!(
        fetch.json(),
        json!({"appKey": "app-key", "appSecret": "app-secret"})
    );

    // Refused once: the client fetches a new token and sends the call again (a replay).
    stand_in.refuse_tokens(1);
    client
        .update_group(&update_group())
        .await
        .expect("sent again with a new token");
    assert_eq!(stand_in.tokens_issued(), 2);
    let calls = stand_in.requests_to::<UpdateGroupRequest>();
    assert_eq!(calls.len(), 4, "the refused call and its replay");
    assert_ne!(
        calls[2].token(),
        calls[3].token(),
        "the replay carries the new token"
    );
    assert_eq!(calls[2].json(), calls[3].json(), "the same request");

    // Expired: the same, on the next call.
    stand_in.expire_tokens();
    client
        .update_group(&update_group())
        .await
        .expect("a new token after expiry");
    assert_eq!(stand_in.tokens_issued(), 3);
}

#[tokio::test]
async fn a_fixed_token_that_is_refused_is_the_callers_error_in_the_apis_envelope() {
    let stand_in = StandIn::start().await;
    let client = feishu::Client::new("t-fixed")
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none());
    stand_in.refuse_tokens(1);
    let request = UpdateUserGroupRequest::builder()
        .group_id("g1")
        .name("外包 IT 用户组")
        .build()
        .expect("valid");
    let error = client.update_user_group(&request).await.unwrap_err();
    assert!(error.is_token_rejected(), "{error:?}");
    assert!(matches!(
        error.api_error(),
        Some(UpdateUserGroupError::Platform(
            feishu::OpenApiPlatformError::InvalidTenantAccessToken
        ))
    ));
    assert_eq!(
        error.status(),
        Some(200),
        "Feishu's token error comes in a code field"
    );
    assert!(
        error
            .request_id()
            .is_some_and(|id| id.starts_with("stand-in-"))
    );
    // The next call goes through: the refusal was for one call.
    client.update_user_group(&request).await.expect("served");
}

#[tokio::test]
async fn a_call_without_a_token_gets_the_apis_missing_token_error() {
    let stand_in = StandIn::start().await;
    let client = reqwest_client();
    let answer = client
        .get(format!("{}/cgi-bin/no/such/endpoint", stand_in.url()))
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status(), 404, "a path no endpoint has");

    let answer = client
        .post(format!("{}/v1.0/im/group/update", stand_in.url()))
        .body("{}")
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status(), 400);
    let body: serde_json::Value = answer.json().await.expect("JSON");
    assert_eq!(body["code"], "AuthenticationFailed.MissingParameter");
}

fn reqwest_client() -> group_api::reqwest::Client {
    group_api::reqwest::Client::new()
}

#[tokio::test]
async fn scripts_answer_errors_bodies_and_delays_for_the_next_calls_only() {
    let stand_in = StandIn::start().await;
    let client = dingtalk::Client::new("dt-token")
        .with_base_url(stand_in.url())
        .with_retry_policy(RetryPolicy::none());

    stand_in.script::<UpdateGroupRequest>(
        Script::error(UpdateGroupError::OwnerNotVisibleToApp).times(2),
    );
    for _ in 0..2 {
        let error = client.update_group(&update_group()).await.unwrap_err();
        assert_eq!(
            error.api_error(),
            Some(&UpdateGroupError::OwnerNotVisibleToApp)
        );
        assert_eq!(error.status(), Some(400));
    }
    client
        .update_group(&update_group())
        .await
        .expect("the script is used up");

    // A body of the test's own: a code no page documents stays undocumented.
    stand_in.script::<UpdateGroupNickRequest>(Script::body(
        200,
        json!({"errcode": 777, "errmsg": "stand-in: something new"}),
    ));
    let nick = UpdateGroupNickRequest::builder()
        .userid("u1")
        .chatid("chatxxxx")
        .group_nick("nick")
        .build()
        .expect("valid");
    let error = client.update_group_nick(&nick).await.unwrap_err();
    let undocumented = error.api_error().and_then(ApiError::undocumented);
    assert_eq!(
        undocumented.map(|(code, _)| code.to_string()),
        Some("777".to_owned())
    );

    // A slow answer: the client's timeout ends the call.
    stand_in.script::<UpdateGroupRequest>(Script::example().delayed(Duration::from_millis(500)));
    let slow = client.clone().with_timeout(Duration::from_millis(100));
    let error = slow.update_group(&update_group()).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn every_request_is_read_back_with_method_path_query_headers_and_body() {
    let stand_in = StandIn::start().await;
    let client = feishu::Client::new("t-read-back").with_base_url(stand_in.url());
    let request = UpdateUserGroupRequest::builder()
        .group_id("g187131")
        .user_id_type(feishu::UserIdType::OpenId)
        .name("外包 IT 用户组")
        .build()
        .expect("valid");
    let response = client.update_user_group(&request).await.expect("served");
    assert_eq!(response.code, Some(0));

    let received = stand_in.requests();
    assert_eq!(received.len(), 1);
    let call = &received[0];
    assert_eq!(call.method, "PATCH");
    assert_eq!(call.path, "/open-apis/contact/v3/group/g187131");
    assert_eq!(call.query_value("user_id_type"), Some("open_id"));
    assert_eq!(call.header("authorization"), Some("Bearer t-read-back"));
    assert_eq!(call.token(), Some("t-read-back"));
    assert_eq!(call.json()["name"], "外包 IT 用户组");
    assert_eq!(call.endpoint.map(|e| e.name), Some("update_user_group"));
    let debug = format!("{call:?}");
    assert!(
        !debug.contains("t-read-back"),
        "Debug shows no token: {debug}"
    );
}

#[tokio::test]
async fn wecoms_token_endpoint_hands_out_a_new_token_in_its_pages_answer() {
    let stand_in = StandIn::start().await;
    let endpoint = stand_in
        .endpoints()
        .find(|e| e.info().platform == "wecom" && e.info().name == "get_token")
        .expect("WeCom's token endpoint is served");
    assert!(endpoint.info().api.base_url.is_some());
    let client = reqwest_client();
    let token: serde_json::Value = client
        .get(format!(
            "{}/cgi-bin/gettoken?corpid=ID&corpsecret=SECRET",
            stand_in.url()
        ))
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON");
    assert_eq!(token["errcode"], 0);
    assert!(
        token["access_token"]
            .as_str()
            .is_some_and(|t| t.starts_with("stand-in-wecom-token-"))
    );
}

/// The README's user test, as printed there (under 15 lines).
mod readme {
    use group_api::dingtalk::{Client, UpdateGroupError, UpdateGroupRequest};
    use group_api::testing::{Script, StandIn};

    #[tokio::test]
    async fn renaming_a_group_reports_a_bad_chat() {
        let stand_in = StandIn::start().await;
        let client = Client::from_app_credentials("key", "secret").with_base_url(stand_in.url());
        stand_in.script::<UpdateGroupRequest>(Script::error(UpdateGroupError::ParameterInvalid));
        let request = UpdateGroupRequest::builder()
            .chatid("chat1")
            .name("周会")
            .build()
            .unwrap();
        let error = client.update_group(&request).await.unwrap_err();
        assert_eq!(error.api_error(), Some(&UpdateGroupError::ParameterInvalid));
        assert_eq!(
            stand_in.requests_to::<UpdateGroupRequest>()[0].json()["name"],
            "周会"
        );
    }
}
