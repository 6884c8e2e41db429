//! Helpers shared by the integration tests in `tests/`: the spec files are the source of truth the
//! tests compare the generated types against, so the tests cannot drift from the specs.

use std::path::PathBuf;

use serde_json::Value;

/// The workspace's `spec/` folder.
pub fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// A spec file by its name without `.json` (`"dingtalk.update_group"`), parsed.
pub fn spec(name: &str) -> Value {
    let path = spec_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// A spec file anywhere in this crate, by its path relative to the crate
/// (`"wecom-server-spec/wecom.update_app_chat.json"`), parsed.
pub fn spec_at(relative: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// The page's first example of an endpoint (`examples[0]`).
pub fn example(name: &str) -> Value {
    spec(name)["examples"][0].clone()
}

/// One documented error row, as the tests read it from a spec file.
#[derive(Debug, Clone)]
pub struct Row {
    pub variant: String,
    pub status: Option<u16>,
    pub code: group_api::ErrorCode,
    pub message: String,
}

/// The error rows of an endpoint (`"dingtalk.update_group"`) or of a platform API
/// (`("dingtalk", "v1")` via [`platform_rows`]).
pub fn rows(name: &str) -> Vec<Row> {
    parse_rows(&spec(name)["errors"])
}

/// The platform-wide rows of one API of a platform file.
pub fn platform_rows(platform: &str, api: &str) -> Vec<Row> {
    let spec = spec(platform);
    let apis = spec["apis"].as_array().expect("apis");
    let api = apis
        .iter()
        .find(|a| a["name"] == api)
        .unwrap_or_else(|| panic!("no API {api} in {platform}"));
    parse_rows(&api["errors"])
}

fn parse_rows(errors: &Value) -> Vec<Row> {
    errors
        .as_array()
        .expect("errors is an array")
        .iter()
        .map(|row| Row {
            variant: row["variant"].as_str().expect("variant").to_owned(),
            status: row["status"].as_u64().map(|s| s as u16),
            code: group_api::ErrorCode::from_json(&row["code"]).expect("code"),
            message: row["message"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

/// The method and path template of an HTTP endpoint.
pub fn http_call(
    info: &group_api::endpoint::EndpointInfo,
) -> (group_api::endpoint::Method, &'static str) {
    match info.transport {
        group_api::endpoint::Transport::Http { method, path, .. } => (method, path),
        other => panic!("not an HTTP endpoint: {other:?}"),
    }
}
