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
/// (`"paginate-spec/feishu.list_fixture_chats.json"`), parsed.
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
    /// The code as the runtime reads it.
    pub code: group_api::ErrorCode,
    /// The code as the spec file (and a server) writes it: a number or a string.
    pub wire_code: Value,
    /// The page's message; empty where it gives none.
    pub message: String,
    /// The page's explanation.
    pub explanation: String,
    /// A platform-wide row (the endpoint enum's `Platform(..)` variant).
    pub platform: bool,
}

impl Row {
    /// What a server answering this row would say: the page's message, or where it has none, its
    /// explanation.
    pub fn server_message(&self) -> &str {
        if self.message.is_empty() {
            &self.explanation
        } else {
            &self.message
        }
    }
}

/// The error rows of an endpoint (`"dingtalk.update_group"`).
pub fn rows(name: &str) -> Vec<Row> {
    parse_rows(&spec(name)["errors"], false)
}

/// The platform-wide rows of one API of a platform file.
pub fn platform_rows(platform: &str, api: &str) -> Vec<Row> {
    let spec = spec(platform);
    let apis = spec["apis"].as_array().expect("apis");
    let api = apis
        .iter()
        .find(|a| a["name"] == api)
        .unwrap_or_else(|| panic!("no API {api} in {platform}"));
    parse_rows(&api["errors"], true)
}

/// Every row an endpoint can answer: its own, then its API's platform-wide ones.
pub fn all_rows(endpoint: &str) -> Vec<Row> {
    let rows = all_rows_or_none(endpoint);
    assert!(!rows.is_empty(), "{endpoint} documents no error rows");
    rows
}

/// Every row an endpoint can answer, its own then its API's; none for an endpoint (and API) that
/// documents none.
pub fn all_rows_or_none(endpoint: &str) -> Vec<Row> {
    let spec_file = spec(endpoint);
    let platform = spec_file["platform"].as_str().expect("platform");
    let api = spec_file["api"].as_str().expect("api");
    let mut rows = rows(endpoint);
    rows.extend(platform_rows(platform, api));
    rows
}

fn parse_rows(errors: &Value, platform: bool) -> Vec<Row> {
    let text = |row: &Value, key: &str| row[key].as_str().unwrap_or_default().to_owned();
    errors
        .as_array()
        .expect("errors is an array")
        .iter()
        .map(|row| Row {
            variant: text(row, "variant"),
            status: row["status"].as_u64().map(|s| s as u16),
            code: group_api::ErrorCode::from_json(&row["code"]).expect("code"),
            wire_code: row["code"].clone(),
            message: text(row, "message"),
            explanation: text(row, "explanation"),
            platform,
        })
        .collect()
}

/// DingTalk's `update_group` page's request example, built with the builder.
pub fn page_update_group() -> group_api::dingtalk::UpdateGroupRequest {
    use group_api::dingtalk::{
        ChatBannedType, ManagementOptions, ManagementType, MentionAllAuthority, OwnerType,
        Searchable, ShowHistoryType, UpdateGroupRequest, ValidationType,
    };
    UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群。")
        .owner("04201724372xxxx")
        .owner_type(OwnerType::Emp)
        .add_useridlist(["userid1"])
        .del_useridlist(["userid1"])
        .add_extidlist(["unionId"])
        .del_extidlist(["unionId"])
        .icon("@mediaId")
        .management_options(
            ManagementOptions::builder()
                .mention_all_authority(MentionAllAuthority::Everyone)
                .show_history_type(ShowHistoryType::Hidden)
                .validation_type(ValidationType::NotRequired)
                .searchable(Searchable::NotSearchable)
                .chat_banned_type(ChatBannedType::NotBanned)
                .management_type(ManagementType::Everyone)
                .build(),
        )
        .build()
        .expect("the page's example is valid")
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

/// An example of `spec` as its table reads it: each value the example marks in `deviations` (a
/// page that sends the number 2 as `"2"`) converted to its field's type, so a test can compare
/// it with what the builder writes. The rest of the example is as the page prints it.
pub fn example_as_table(spec: &Value, index: usize) -> Value {
    let mut example = spec["examples"][index].clone();
    let deviations = example["deviations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for deviation in deviations {
        let pointer = deviation["at"].as_str().expect("a deviation's `at`");
        let ty = table_type(spec, pointer).unwrap_or_else(|| panic!("{pointer}: no such field"));
        let value = example
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{pointer}: no such value"));
        *value = match (ty.as_str(), &*value) {
            ("integer" | "int32" | "int64", Value::String(s)) => {
                Value::from(s.trim().parse::<i64>().expect("a whole number"))
            }
            ("number", Value::String(s)) => Value::from(s.trim().parse::<f64>().expect("a number")),
            ("boolean", Value::String(s)) => Value::Bool(s == "true"),
            ("string", Value::Number(n)) => Value::String(n.to_string()),
            ("string", Value::Bool(b)) => Value::String(b.to_string()),
            _ => value.clone(),
        };
    }
    example
}

/// The table's `type` of the value at an example pointer (`/request/body/type`,
/// `/response/result/list/0/x`).
fn table_type(spec: &Value, pointer: &str) -> Option<String> {
    let mut segments = pointer.split('/').skip(1);
    let fields = match segments.next()? {
        "request" => &spec["request"][segments.next()?],
        "response" => &spec["response"]["body"],
        _ => return None,
    };
    let mut fields = fields.as_array()?;
    let mut current: Option<&Value> = None;
    for segment in segments {
        if segment.parse::<usize>().is_ok() {
            let items = &current?["items"];
            current = Some(items);
            if let Some(inner) = items["fields"].as_array() {
                fields = inner;
            }
            continue;
        }
        let field = fields.iter().find(|f| f["name"] == segment)?;
        if let Some(inner) = field["fields"].as_array() {
            fields = inner;
        }
        current = Some(field);
    }
    current?["type"].as_str().map(str::to_owned)
}
