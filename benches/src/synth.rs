//! Synthetic spec folders: `N` endpoints of a fictional platform, `synth`, shaped like the real
//! ones in `spec/`.
//!
//! Every endpoint mixes what the four real pages have: a required id, strings with length bounds
//! (some tied to an error row by `violation_error`), string and integer enums, lists of strings, a
//! nested object of integer enums (sometimes with an at-least-one-of group), a list of objects
//! with a required field and its own group, an at-least-one-of group on the request, path and
//! query parameters on a third of them, a response with a nested object, 4 to 16 error rows, and
//! the page's example, which the checker reads against the fields. The platform file is the
//! folder's own, so the generated code does not lean on group-api's built-in platforms.
//!
//! The folder is a pure function of `n` and the seed: the same call writes the same bytes.

use std::io;
use std::path::Path;

use serde_json::{Map, Value, json};

/// The seed the benchmarks use.
pub const SEED: u64 = 0x5EED_6A0B;

/// The platform's name: the generated module is `synth`.
pub const PLATFORM: &str = "synth";

/// SplitMix64: small, fast and good enough to vary shapes; no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `num / den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

const VERBS: &[&str] = &[
    "update", "create", "get", "set", "remove", "add", "list", "patch",
];
const NOUNS: &[&str] = &[
    "group", "chat", "member", "owner", "notice", "role", "tag", "folder", "robot", "meeting",
];

/// Descriptions as the pages write them: mostly Chinese, a sentence or two.
const DESCRIPTIONS: &[&str] = &[
    "群会话ID,可通过调用创建群会话接口获取的chatid参数值。 不支持通过调用前端JSAPI获取的chatid。",
    "群名称,长度限制为1~20个字符。",
    "群主的userId,可通过根据手机号查询用户接口获取userId。 该员工必须为会话useridlist的成员之一。",
    "userId列表。",
    "unionid列表,可通过查询用户详情接口获取。",
    "用户组描述，长度不能超过 500 字符。\n**默认值**：空，表示不更新用户组描述。",
    "群头像的mediaId,可通过上传媒体文件接口获取media_id参数值。",
    "The member's nickname within the group.",
    "新增的企业成员列表，仅自建应用使用，第三方应用会忽略该字段",
    "参与会话的企业互联/上下游成员列表",
];

const ERROR_VARIANTS: &[&str] = &[
    "NameExceedLimit",
    "DescriptionExceedLimit",
    "ParameterInvalid",
    "PermissionCheckFailed",
    "OwnerNotVisibleToApp",
    "SystemError",
    "InvalidGroupId",
    "NoGroupAuthority",
    "GroupDisabled",
    "DuplicatedName",
    "InvalidRule",
    "InvalidRuleExpression",
    "UnsupportedRuleField",
    "UnsupportedOperation",
    "InvalidExpressionValue",
    "MemberLimitExceeded",
];

const CATEGORIES: &[&str] = &[
    "invalid_request",
    "not_found",
    "conflict",
    "permission",
    "server",
    "unsupported",
];

/// Writes `synth.json` and `synth.<name>.json` for `n` endpoints into `dir` (created if missing).
/// Returns the endpoint names, in order.
pub fn write_folder(dir: &Path, n: usize, seed: u64) -> io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let platform = serde_json::to_string_pretty(&platform_file()).map_err(io::Error::other)?;
    std::fs::write(dir.join(format!("{PLATFORM}.json")), platform + "\n")?;
    let mut names = Vec::with_capacity(n);
    for (name, file) in endpoint_files(n, seed) {
        let text = serde_json::to_string_pretty(&file).map_err(io::Error::other)?;
        std::fs::write(dir.join(format!("{PLATFORM}.{name}.json")), text + "\n")?;
        names.push(name);
    }
    Ok(names)
}

/// The endpoint files of a folder of `n`, as `(name, spec)`.
pub fn endpoint_files(n: usize, seed: u64) -> Vec<(String, Value)> {
    let mut rng = Rng(seed);
    (0..n).map(|i| endpoint_file(i, &mut rng)).collect()
}

/// The platform file: two APIs like DingTalk's, new style (header token, HTTP status) and old
/// style (query token, code field), each with platform-wide rows.
pub fn platform_file() -> Value {
    let row = |variant: &str, code: Value, category: &str, retryable: bool| {
        json!({
            "variant": variant,
            "code": code,
            "explanation": "platform-wide error of the synthetic platform",
            "category": category,
            "retryable": retryable,
        })
    };
    json!({
        "$schema": "./schema.json",
        "kind": "platform",
        "platform": PLATFORM,
        "title": "Synth (benchmark platform)",
        "summary": "A fictional platform whose endpoints are generated for the benchmarks.",
        "sources": ["benches/src/synth.rs"],
        "apis": [
            {
                "name": "v1",
                "title": "New-style API",
                "summary": "HTTPS + JSON; token in a header; errors as a non-2xx status.",
                "transport": "http",
                "base_url": "https://api.synth.invalid",
                "auth": { "in": "header", "name": "x-synth-access-token" },
                "envelope": { "kind": "http_status", "code": "code", "message": "message" },
                "request_id": { "body": ["requestid"], "headers": [] },
                "errors": [
                    row("InvalidAuthentication", json!("InvalidAuthentication"), "token_rejected", false),
                    row("QpsLimitForApi", json!("Forbidden.QpsLimitForApi"), "rate_limited", true),
                    row("QpsLimitForApp", json!("Forbidden.QpsLimitForApp"), "rate_limited", true),
                    row("MonthlyQuotaExceeded", json!("Forbidden.ApiCountLimit"), "quota_exceeded", false),
                    row("GatewayBusy", json!("Gateway.Busy"), "server", true),
                ],
                "notes": ["Synthetic."]
            },
            {
                "name": "legacy",
                "title": "Old-style API",
                "summary": "HTTPS + JSON; token in the query; errcode 0 is success.",
                "transport": "http",
                "base_url": "https://oapi.synth.invalid",
                "auth": { "in": "query", "name": "access_token" },
                "envelope": { "kind": "code_field", "code": "errcode", "message": "errmsg", "success": 0 },
                "request_id": { "body": ["request_id"], "headers": [] },
                "errors": [
                    row("InvalidAccessToken", json!(40014), "token_rejected", false),
                    row("SystemBusy", json!(-1), "server", true),
                    row("QpsLimitForApi", json!(90002), "rate_limited", true),
                    row("MonthlyQuotaExceeded", json!(90020), "quota_exceeded", false),
                ],
                "notes": ["Synthetic."]
            }
        ]
    })
}

fn field(name: &str, ty: &str, description: &str) -> Map<String, Value> {
    let mut field = Map::new();
    field.insert("name".into(), json!(name));
    field.insert("type".into(), json!(ty));
    field.insert("description".into(), json!(description));
    field
}

fn string_enum(field: &mut Map<String, Value>, rust_type: String, values: &[(&str, &str)]) {
    field.insert("rust_type".into(), json!(rust_type));
    let values: Vec<Value> = values
        .iter()
        .map(|(value, variant)| json!({ "value": value, "variant": variant, "description": "取值说明" }))
        .collect();
    field.insert("enum".into(), Value::Array(values));
}

fn integer_enum(field: &mut Map<String, Value>, rust_type: String, variants: &[&str]) {
    field.insert("rust_type".into(), json!(rust_type));
    let values: Vec<Value> = variants
        .iter()
        .enumerate()
        .map(|(i, variant)| json!({ "value": i, "variant": variant, "description": "取值说明" }))
        .collect();
    field.insert("enum".into(), Value::Array(values));
    field.insert("default".into(), json!(0));
}

const OPTION_FIELDS: &[(&str, &[&str])] = &[
    ("mentionAllAuthority", &["Everyone", "OwnerOnly"]),
    ("showHistoryType", &["Hidden", "Visible"]),
    ("validationType", &["NotRequired", "Required"]),
    ("searchable", &["NotSearchable", "Searchable"]),
    (
        "chatBannedType",
        &["NotBanned", "AllBanned", "MembersBanned"],
    ),
    (
        "managementType",
        &["Everyone", "OwnerOnly", "AdminsOnly", "Nobody"],
    ),
];

fn upper_camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn endpoint_file(i: usize, rng: &mut Rng) -> (String, Value) {
    let (verb, noun) = (rng.pick(VERBS), rng.pick(NOUNS));
    let name = format!("{verb}_{noun}_{i:04}");
    // Named types are re-exported at platform level, so each endpoint's are its own.
    let tag = format!("{i:04}");
    let legacy = rng.chance(1, 3);
    let with_path = rng.chance(1, 3);

    let mut body = Vec::new();
    let mut example = Map::new();
    let mut arrays = Vec::new();
    let mut violations = Vec::new();

    let mut id = field("chatid", "string", DESCRIPTIONS[0]);
    id.insert("required".into(), json!(true));
    body.push(id);
    example.insert("chatid".into(), json!(format!("chat{tag}")));

    let mut title = field("name", "string", DESCRIPTIONS[1]);
    title.insert("min_length".into(), json!(1));
    title.insert("max_length".into(), json!(rng.range(2, 10) * 10));
    if rng.chance(1, 2) {
        title.insert("violation_error".into(), json!("NameExceedLimit"));
        violations.push("NameExceedLimit");
    }
    body.push(title);
    example.insert("name".into(), json!("全员群"));

    if rng.chance(1, 2) {
        let mut description = field("description", "string", DESCRIPTIONS[5]);
        description.insert("max_length".into(), json!(500));
        if rng.chance(1, 2) {
            description.insert("violation_error".into(), json!("DescriptionExceedLimit"));
            violations.push("DescriptionExceedLimit");
        }
        body.push(description);
        example.insert("description".into(), json!("IT 外包用户组"));
    }

    body.push(field("owner", "string", DESCRIPTIONS[2]));
    example.insert("owner".into(), json!("04201724372xxxx"));

    let mut owner_type = field("ownerType", "string", "群主类型。");
    let owner_values: &[(&str, &str)] = if rng.chance(1, 2) {
        &[("emp", "Emp"), ("ext", "Ext")]
    } else {
        &[("emp", "Emp"), ("ext", "Ext"), ("bot", "Bot")]
    };
    string_enum(&mut owner_type, format!("OwnerType{tag}"), owner_values);
    body.push(owner_type);
    example.insert("ownerType".into(), json!("emp"));

    let lists = [
        "add_useridlist",
        "del_useridlist",
        "add_extidlist",
        "del_extidlist",
    ];
    for list in &lists[..rng.range(1, 4)] {
        let mut array = field(list, "array", DESCRIPTIONS[3]);
        array.insert("items".into(), json!({ "type": "string" }));
        body.push(array);
        example.insert((*list).into(), json!(["userid1", "userid2"]));
        arrays.push(*list);
    }

    if rng.chance(1, 2) {
        body.push(field("icon", "string", DESCRIPTIONS[6]));
        example.insert("icon".into(), json!("@mediaId"));
    }
    if rng.chance(1, 2) {
        body.push(field("limit", "integer", "每页数量。"));
        example.insert("limit".into(), json!(20));
    }
    if rng.chance(1, 2) {
        body.push(field("notify", "boolean", "是否通知群成员。"));
        example.insert("notify".into(), json!(true));
    }

    // A nested object of integer enums, like DingTalk's `managementOptions`.
    if rng.chance(3, 4) {
        let count = rng.range(3, 6);
        let mut fields = Vec::new();
        let mut value = Map::new();
        for (wire, variants) in &OPTION_FIELDS[..count] {
            let mut f = field(wire, "integer", "群属性。");
            integer_enum(&mut f, format!("{}{tag}", upper_camel(wire)), variants);
            fields.push(Value::Object(f));
            value.insert((*wire).into(), json!(0));
        }
        let mut options = field("managementOptions", "object", "群属性。");
        options.insert("rust_type".into(), json!(format!("ManagementOptions{tag}")));
        options.insert("fields".into(), Value::Array(fields));
        if rng.chance(1, 2) {
            options.insert(
                "at_least_one_of".into(),
                json!([{ "fields": [OPTION_FIELDS[0].0, OPTION_FIELDS[1].0], "description": "至少填一个" }]),
            );
        }
        body.push(options);
        example.insert("managementOptions".into(), Value::Object(value));
    }

    // A list of objects with a required field and a group, like WeCom's `corpGroupUserIdsToAdd`.
    if rng.chance(1, 3) {
        let mut corp = field("corpId", "string", "企业互联/上下游企业corpId");
        corp.insert("required".into(), json!(true));
        let item = json!({
            "type": "object",
            "rust_type": format!("CorpGroupUser{tag}"),
            "fields": [
                corp,
                field("userId", "string", "企业互联/上下游企业成员userId, 仅自建应用返回"),
                field("openUserId", "string", "企业互联/上下游企业成员openUserId，仅第三方应用使用返回"),
            ],
            "at_least_one_of": [{ "fields": ["userId", "openUserId"], "description": "userId和openUserId至少填一个" }]
        });
        let mut members = field("corpGroupUserIdsToAdd", "array", DESCRIPTIONS[9]);
        members.insert("items".into(), item);
        body.push(members);
        example.insert(
            "corpGroupUserIdsToAdd".into(),
            json!([{ "corpId": "ww3333", "userId": "userid123" }]),
        );
        arrays.push("corpGroupUserIdsToAdd");
    }

    let mut request = Map::new();
    let mut example_request = Map::new();
    let (method, path) = if with_path {
        let mut id = field("group_id", "string", "用户组 ID。");
        id.insert("required".into(), json!(true));
        id.insert("example".into(), json!("g187131"));
        request.insert("path".into(), json!([id]));
        let mut id_type = field("user_id_type", "string", "用户 ID 类型");
        string_enum(
            &mut id_type,
            format!("UserIdType{tag}"),
            &[
                ("open_id", "OpenId"),
                ("union_id", "UnionId"),
                ("user_id", "UserId"),
            ],
        );
        let page = field("page_token", "string", "分页标记。");
        request.insert("query".into(), json!([id_type, page]));
        example_request.insert("path".into(), json!({ "group_id": "g187131" }));
        example_request.insert("query".into(), json!({ "user_id_type": "open_id" }));
        ("PATCH", format!("/open-apis/{noun}/v3/{verb}/:group_id"))
    } else if legacy {
        ("POST", format!("/topapi/{noun}/{verb}{tag}"))
    } else {
        ("POST", format!("/v1.0/{noun}/{verb}{tag}"))
    };
    request.insert(
        "body".into(),
        Value::Array(body.into_iter().map(Value::Object).collect()),
    );
    if arrays.len() >= 2 && rng.chance(1, 2) {
        request.insert(
            "at_least_one_of".into(),
            json!([{ "fields": arrays, "description": "至少填一个" }]),
        );
    }
    example_request.insert("body".into(), Value::Object(example));

    let mut response = vec![
        field("success", "boolean", "是否成功。"),
        field("request_id", "string", "The request ID."),
    ];
    let mut example_response = json!({ "success": true, "request_id": "id1aatxt9mco" });
    if rng.chance(1, 2) {
        let mut data = field("data", "object", "返回数据。");
        data.insert("rust_type".into(), json!(format!("ResponseData{tag}")));
        let mut tags = field("tags", "array", "标签。");
        tags.insert("items".into(), json!({ "type": "string" }));
        data.insert(
            "fields".into(),
            json!([
                field("id", "string", "ID。"),
                field("count", "integer", "数量。"),
                tags
            ]),
        );
        response.push(data);
        example_response["data"] = json!({ "id": "x1", "count": 3, "tags": ["a"] });
    }

    let rows = error_rows(rng, legacy, i, &violations);

    let spec = json!({
        "$schema": "./schema.json",
        "kind": "endpoint",
        "platform": PLATFORM,
        "api": if legacy { "legacy" } else { "v1" },
        "name": name,
        "title": format!("Synthetic endpoint {i}: {verb} a {noun}"),
        "summary": "调用本接口,通过群chatid更新指定群会话的基本信息及成员。",
        "doc": { "url": format!("https://open.synth.invalid/docs/{name}"), "updated": "2024-07-05" },
        "transport": { "http": { "method": method, "path": path } },
        "app_types": ["企业内部应用"],
        "permissions": ["qyapi_chat_manage: 钉钉群基础信息管理权限"],
        "rate_limit": "100 次/分钟",
        "request": request,
        "response": { "body": response },
        "errors": rows,
        "examples": [{ "name": "page", "request": example_request, "response": example_response }],
        "notes": ["Synthetic endpoint for the benchmarks."]
    });
    (name, spec)
}

/// 4 to 16 rows, with the ones `violation_error` names among them. New-style codes are strings
/// (two rows sometimes share one and differ by message, as on DingTalk's page); old-style codes
/// are numbers.
fn error_rows(rng: &mut Rng, legacy: bool, endpoint: usize, needed: &[&str]) -> Vec<Value> {
    let count = rng.range(4, 16).max(needed.len());
    let mut variants: Vec<&str> = needed.to_vec();
    for variant in ERROR_VARIANTS {
        if variants.len() == count {
            break;
        }
        if !variants.contains(variant) {
            variants.push(variant);
        }
    }
    variants
        .iter()
        .enumerate()
        .map(|(k, variant)| {
            let category = rng.pick(CATEGORIES);
            let mut row = json!({
                "variant": variant,
                "message": format!("{variant} ({endpoint})"),
                "explanation": "用户组名字长度超过最大限制。请求时 name 参数取值的长度不能超过 100 字符。",
                "category": category,
                "retryable": category == "server",
            });
            if legacy {
                row["code"] = json!(40_000 + k as i64);
            } else {
                // Rows 1 and 2 share a code, told apart by message.
                let k = if k == 2 { 1 } else { k };
                row["code"] = json!(format!("{}.error{k}", category.replace('_', "")));
                row["status"] = json!(if category == "server" { 500 } else { 400 });
            }
            row
        })
        .collect()
}
