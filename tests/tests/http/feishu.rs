//! Feishu over HTTP: `update_user_group` (`Authorization: Bearer`, `{code, msg, data}` whatever
//! the status, request id in the `X-Tt-Logid` header).

use group_api::feishu::{
    DepartmentIdType, OpenApiPlatformError, UpdateUserGroupError, UpdateUserGroupRequest,
    UserIdType,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{FEISHU_TOKEN, all_rows, assert_row, feishu_client, request_id, spec};

/// The page's request example, for the group id the page's path parameter shows.
pub fn page_update_user_group() -> UpdateUserGroupRequest {
    UpdateUserGroupRequest::builder()
        .group_id("g187131")
        .user_id_type(UserIdType::OpenId)
        .department_id_type(DepartmentIdType::OpenDepartmentId)
        .name("外包 IT 用户组")
        .description("IT 外包用户组，需要进行细粒度权限管控")
        .build()
        .expect("the page's example is valid")
}

#[tokio::test]
async fn update_user_group_sends_the_pages_request_and_reads_its_response() {
    let server = MockServer::start().await;
    let example = &spec("feishu.update_user_group")["examples"][0];
    Mock::given(method("PATCH"))
        .and(path("/open-apis/contact/v3/group/g187131"))
        .and(query_param("user_id_type", "open_id"))
        .and(query_param("department_id_type", "open_department_id"))
        .and(header(
            "authorization",
            format!("Bearer {FEISHU_TOKEN}").as_str(),
        ))
        .and(header("content-type", "application/json; charset=utf-8"))
        .and(body_json(&example["request"]["body"]))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Tt-Logid", "20240705120000ABCDEF")
                .set_body_json(&example["response"]),
        )
        .expect(1)
        .mount(&server)
        .await;

    let response = feishu_client(&server)
        .update_user_group(&page_update_user_group())
        .await
        .expect("the page's response example is a success");
    assert_eq!(response.code, Some(0));
    assert_eq!(response.msg.as_deref(), Some("success"));
    assert!(response.data.is_some());

    let received = &server.received_requests().await.unwrap()[0];
    let query: Vec<(String, String)> = received.url.query_pairs().into_owned().collect();
    assert_eq!(
        query,
        [
            ("user_id_type".to_owned(), "open_id".to_owned()),
            (
                "department_id_type".to_owned(),
                "open_department_id".to_owned()
            )
        ],
        "no token in the query"
    );
    assert_eq!(
        received.headers.get_all("content-type").iter().count(),
        1,
        "one Content-Type, the page's"
    );
    let body: Value = serde_json::from_slice(&received.body).unwrap();
    assert_eq!(body, example["request"]["body"]);
}

#[tokio::test]
async fn the_group_id_is_one_percent_encoded_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/open-apis/contact/v3/group/a%2Fb%20c"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"code": 0, "msg": "success", "data": {}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let request = UpdateUserGroupRequest::builder()
        .group_id("a/b c")
        .name("n")
        .build()
        .unwrap();
    feishu_client(&server)
        .update_user_group(&request)
        .await
        .unwrap();
    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        received.url.query(),
        None,
        "unset query fields are left out"
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&received.body).unwrap(),
        json!({"name": "n"})
    );
}

#[tokio::test]
async fn update_user_group_reads_every_documented_error_row() {
    let server = MockServer::start().await;
    let client = feishu_client(&server);
    for row in all_rows("feishu.update_user_group") {
        server.reset().await;
        let status = row.status.unwrap_or(400);
        Mock::given(method("PATCH"))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("X-Tt-Logid", request_id(&row).as_str())
                    .set_body_json(
                        json!({"code": row.wire_code, "msg": row.server_message(), "data": {}}),
                    ),
            )
            .mount(&server)
            .await;
        let result = client.update_user_group(&page_update_user_group()).await;
        assert_row(result, &row, status);
    }
}

#[tokio::test]
async fn a_nonzero_code_is_an_error_even_with_http_200() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Request-Id", "only-x-request-id")
                .set_body_json(json!({
                    "code": 99991663,
                    "msg": "Invalid access token for authorization. Please make a request with token attached."
                })),
        )
        .mount(&server)
        .await;
    let error = feishu_client(&server)
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateUserGroupError::Platform(
            OpenApiPlatformError::InvalidTenantAccessToken
        ))
    );
    assert!(error.is_token_rejected());
    assert_eq!(error.status(), Some(200));
    assert_eq!(
        error.request_id(),
        Some("only-x-request-id"),
        "X-Request-Id when there is no X-Tt-Logid"
    );
}

#[tokio::test]
async fn the_rate_limit_keeps_the_reset_header_as_its_wait() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-Tt-Logid", "rate-limited")
                .insert_header("x-ogw-ratelimit-limit", "100")
                .insert_header("x-ogw-ratelimit-reset", "42")
                .set_body_json(json!({"code": 99991400, "msg": "request trigger frequency limit"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    // The default policy: 42 s is past its 30 s limit, so the error comes back at once.
    let client = group_api::feishu::Client::new(FEISHU_TOKEN).with_base_url(server.uri());
    let started = std::time::Instant::now();
    let error = client
        .update_user_group(&page_update_user_group())
        .await
        .unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(
        error.api_error(),
        Some(&UpdateUserGroupError::Platform(
            OpenApiPlatformError::RequestTriggerFrequencyLimit
        ))
    );
    assert!(error.is_retryable());
    assert_eq!(
        error.retry_after(),
        Some(std::time::Duration::from_secs(42))
    );
    assert_eq!(error.request_id(), Some("rate-limited"));
}
