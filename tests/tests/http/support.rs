//! What the HTTP tests share: tokens, clients pointed at a local server, the spec's error rows.

use group_api::{ApiError, Error, RetryPolicy, dingtalk, feishu};
use serde_json::{Value, json};
use wiremock::MockServer;

/// The tokens the tests send; no `Debug`, `Display` or error may contain them.
pub const DINGTALK_TOKEN: &str = "dt-6d1b9f0e2c4a4b7d8e9f0a1b2c3d4e5f";
pub const FEISHU_TOKEN: &str = "t-7f1bcd13fc57d46bac21793a18e560";

/// A DingTalk client that sends to `server` and tries each call once.
pub fn dingtalk_client(server: &MockServer) -> dingtalk::Client {
    dingtalk::Client::new(DINGTALK_TOKEN)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
}

/// A Feishu client that sends to `server` and tries each call once.
pub fn feishu_client(server: &MockServer) -> feishu::Client {
    feishu_client_with(server, FEISHU_TOKEN)
}

/// The same, with a token of the test's own (one a server echoes back, say).
pub fn feishu_client_with(server: &MockServer, token: &str) -> feishu::Client {
    feishu::Client::new(token)
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none())
}

/// A retry policy with tiny backoffs, so retry tests stay fast.
pub fn quick_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(attempts)
        .with_backoff(
            std::time::Duration::from_millis(5),
            std::time::Duration::from_millis(20),
        )
}

/// A spec file by its name without `.json` (`"dingtalk.update_group"`), parsed.
pub use group_api_tests::spec;

/// Error rows as the spec files have them.
pub use group_api_tests::{Row, all_rows};

/// A request id the test server hands out for a row.
pub fn request_id(row: &Row) -> String {
    format!("req-{}", row.variant)
}

/// Asserts that `result` is the typed error of `row`, with the status and request id the server
/// sent.
pub fn assert_row<T: std::fmt::Debug, E: ApiError + std::fmt::Debug>(
    result: Result<T, Error<E>>,
    row: &Row,
    status: u16,
) -> E {
    let error = result.expect_err(&format!("{} should fail", row.variant));
    let Error::Api(failure) = &error else {
        panic!("{}: expected an API error, got {error:?}", row.variant);
    };
    let documented = failure
        .error
        .row()
        .unwrap_or_else(|| panic!("{}: read as undocumented: {error:?}", row.variant));
    assert_eq!(documented.variant, row.variant, "{error:?}");
    assert_eq!(
        format!("{:?}", failure.error).starts_with("Platform("),
        row.platform,
        "{}: platform row read as {:?}",
        row.variant,
        failure.error
    );
    assert_eq!(error.status(), Some(status), "{}", row.variant);
    assert_eq!(error.request_id(), Some(request_id(row).as_str()));
    assert_eq!(failure.server_message, row.server_message());
    failure.error.clone()
}

/// The success body of a response described only by its fields: each field's example.
pub fn body_from_field_examples(endpoint: &str) -> Value {
    let mut body = json!({});
    for field in spec(endpoint)["response"]["body"].as_array().expect("body") {
        let name = field["name"].as_str().expect("name");
        body[name] = field["example"].clone();
    }
    body
}
