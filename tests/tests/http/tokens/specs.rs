//! The token endpoints' spec files, as platform-facts.md gives them: each example request, built
//! with the generated builder, is exactly the example's wire form; each example answer parses;
//! none of the three takes an access token.

use group_api::Endpoint;
use group_api::dingtalk::{
    GetAccessTokenRequest, GetAccessTokenResponse, GetTokenRequest, GetTokenResponse,
};
use group_api::endpoint::{Auth, Body, Method, Transport};
use group_api::feishu::{GetTenantAccessTokenRequest, GetTenantAccessTokenResponse};
use serde_json::Value;

use group_api_tests::{example, http_call as http};

#[test]
fn dingtalk_new_style_token_endpoint() {
    let example = example("dingtalk.get_access_token");
    let request = GetAccessTokenRequest::builder()
        .app_key("...")
        .app_secret("...")
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        example["request"]["body"]
    );
    let response: GetAccessTokenResponse =
        serde_json::from_value(example["response"].clone()).unwrap();
    assert_eq!(response.access_token.as_deref(), Some("..."));
    assert_eq!(response.expire_in, Some(7200));
    let info = GetAccessTokenRequest::INFO;
    assert_eq!(http(info), (Method::Post, "/v1.0/oauth2/accessToken"));
    assert_eq!(info.auth, Auth::None);
    assert_eq!(info.api.name, "v1");
}

#[test]
fn dingtalk_old_style_token_endpoint() {
    let example = example("dingtalk.get_token");
    let request = GetTokenRequest::builder()
        .appkey("...")
        .appsecret("...")
        .build()
        .unwrap();
    let query: serde_json::Map<String, Value> = request
        .query()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), Value::String(value)))
        .collect();
    assert_eq!(Value::Object(query), example["request"]["query"]);
    assert_eq!(serde_json::to_string(&request).unwrap(), "{}");
    let response: GetTokenResponse = serde_json::from_value(example["response"].clone()).unwrap();
    assert_eq!(response.errcode, Some(0));
    assert_eq!(response.access_token.as_deref(), Some("..."));
    assert_eq!(response.expires_in, Some(7200));
    let info = GetTokenRequest::INFO;
    assert_eq!(http(info), (Method::Get, "/gettoken"));
    assert!(matches!(
        info.transport,
        Transport::Http {
            body: Body::None,
            ..
        }
    ));
    assert_eq!(info.auth, Auth::None);
    assert_eq!(info.api.auth, Auth::Query("access_token"));
}

#[test]
fn feishu_token_endpoint() {
    let example = example("feishu.get_tenant_access_token");
    let request = GetTenantAccessTokenRequest::builder()
        .app_id("...")
        .app_secret("...")
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        example["request"]["body"]
    );
    let response: GetTenantAccessTokenResponse =
        serde_json::from_value(example["response"].clone()).unwrap();
    assert_eq!(response.tenant_access_token.as_deref(), Some("t-..."));
    assert_eq!(response.expire, Some(7200));
    let info = GetTenantAccessTokenRequest::INFO;
    assert_eq!(
        http(info),
        (
            Method::Post,
            "/open-apis/auth/v3/tenant_access_token/internal"
        )
    );
    assert_eq!(info.auth, Auth::None);
}
