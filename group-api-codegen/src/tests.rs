//! The pipeline end to end, without a compiler: the real spec files load, check and generate;
//! broken specs give the diagnostics a user would read.

use std::path::{Path, PathBuf};

use quote::quote;

use super::codegen::Options;
use super::source::SourceFile;
use super::{generate_from_dir, load_and_check};

pub(crate) fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub(crate) fn options(platform: Option<&str>) -> Options {
    Options {
        krate: quote!(::group_api),
        inline_platform: platform.map(str::to_owned),
        client: None,
        js_client: None,
        // The shipped folder, one platform inline, is how group-api itself calls the macro.
        builtin: platform.is_some(),
    }
}

/// Problems found in a set of in-memory files, as printed.
pub(crate) fn problems(files: &[(&str, &str)]) -> Vec<String> {
    let files = files
        .iter()
        .map(|(name, text)| {
            SourceFile::new(
                PathBuf::from(name),
                format!("spec/{name}"),
                (*text).to_owned(),
            )
        })
        .collect();
    match load_and_check(files) {
        Ok(_) => Vec::new(),
        Err(diags) => diags.list().iter().map(ToString::to_string).collect(),
    }
}

pub(crate) const PLATFORM: &str = r#"{
  "kind": "platform", "platform": "acme", "title": "Acme",
  "apis": [{ "name": "v2", "transport": "http", "base_url": "https://api.acme.test",
             "auth": { "in": "bearer" },
             "envelope": { "kind": "code_field", "code": "code", "message": "msg", "success": 0 },
             "errors": [] }]
}"#;

pub(crate) fn endpoint(request: &str, extra: &str) -> String {
    format!(
        r#"{{ "kind": "endpoint", "platform": "acme", "api": "v2", "name": "rename", "title": "Rename",
             "transport": {{ "http": {{ "method": "POST", "path": "/rename" }} }},
             "request": {request}{extra} }}"#
    )
}

#[test]
fn the_shipped_specs_load_and_check_clean() {
    let dir = workspace().join("spec");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".json") && name != "schema.json" {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push(SourceFile::new(path, format!("spec/{name}"), text));
        }
    }
    let set = load_and_check(files).unwrap_or_else(|d| panic!("{:?}", d.list()));
    assert_eq!(set.platforms.len(), 3);
    let mut names: Vec<String> = set
        .endpoints
        .iter()
        .map(|e| format!("{}.{}", e.platform, e.name))
        .collect();
    names.sort();
    for documented in [
        "dingtalk.update_group",
        "dingtalk.update_group_nick",
        "feishu.update_user_group",
        "wecom.update_corp_group_chat",
    ] {
        assert!(
            names.iter().any(|n| n == documented),
            "{documented} missing from {names:?}"
        );
    }
    let update_group = set
        .endpoints
        .iter()
        .find(|e| e.name == "update_group")
        .unwrap();
    assert!(
        update_group
            .request
            .body
            .iter()
            .any(|f| f.name == "chatid" && f.required)
    );
    assert_eq!(update_group.errors.len(), 4);
}

#[test]
fn generates_builders_states_and_errors_for_each_platform() {
    for platform in ["dingtalk", "feishu", "wecom"] {
        let tokens = generate_from_dir(&workspace(), "spec", &options(Some(platform)))
            .unwrap_or_else(|d| panic!("{:?}", d.list()))
            .to_string();
        assert!(tokens.contains("pub enum Platform"), "{platform}");
        assert!(
            tokens.contains("use :: group_api :: __private_0_1 as __p ;")
                && tokens.contains("impl __p :: Endpoint for"),
            "{platform}"
        );
        assert!(
            tokens.contains("include_bytes !"),
            "{platform}: rebuilds track the spec files"
        );
    }
    let tokens = generate_from_dir(&workspace(), "spec", &options(Some("dingtalk")))
        .unwrap()
        .to_string();
    for expected in [
        "pub struct UpdateGroupRequestBuilder",
        "pub trait ChatidSet",
        "`UpdateGroupRequest` needs `chatid`: call `.chatid(..)` before `.build()`",
        "pub enum UpdateGroupNickError",
        "Platform (super :: TopapiPlatformError)",
        "pub const V1_API",
        // The row table's code field: `t` and the text, after its length.
        "23:tpermession.checkFailed",
    ] {
        assert!(tokens.contains(expected), "missing {expected}");
    }
}

#[test]
fn the_rustdoc_names_the_vendor_pages_not_local_copies() {
    for platform in ["dingtalk", "feishu", "wecom"] {
        let tokens = generate_from_dir(&workspace(), "spec", &options(Some(platform)))
            .unwrap_or_else(|d| panic!("{:?}", d.list()))
            .to_string();
        for local in ["shared/docs", "platform-facts.md", "Transcribed from"] {
            assert!(
                !tokens.contains(local),
                "{platform}: the rustdoc mentions `{local}`"
            );
        }
    }
    let tokens = generate_from_dir(&workspace(), "spec", &options(Some("dingtalk")))
        .unwrap()
        .to_string();
    for expected in [
        "documented at <https://help.dingtalk.io/zh/open/development/api-updategroup>.",
        "Source: DingTalk page 更新群会话 (update a group chat).",
    ] {
        assert!(tokens.contains(expected), "missing {expected}");
    }
}

#[test]
fn a_folder_without_the_platform_generates_a_module_per_platform() {
    let dir = std::env::temp_dir().join(format!("group-api-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("acme.json"), PLATFORM).unwrap();
    std::fs::write(
        dir.join("acme.rename.json"),
        endpoint(r#"{ "body": [{ "name": "id", "type": "string" }] }"#, ""),
    )
    .unwrap();
    let tokens = generate_from_dir(&dir, ".", &options(None))
        .unwrap()
        .to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(tokens.starts_with("# [doc"), "{tokens:.80}");
    assert!(tokens.contains("pub mod acme"));
    assert!(tokens.contains("pub mod rename"));
    // A platform of the user's own needs no group-api feature.
    assert!(!tokens.contains("__with_platform_"), "{tokens:.200}");
}

#[test]
fn a_folder_with_endpoints_of_a_built_in_platform_needs_its_feature() {
    let dir = std::env::temp_dir().join(format!("group-api-gate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = endpoint(r#"{ "body": [{ "name": "id", "type": "string" }] }"#, "").replace(
        r#""platform": "acme", "api": "v2""#,
        r#""platform": "feishu", "api": "open_api""#,
    );
    std::fs::write(dir.join("feishu.rename.json"), file).unwrap();
    let tokens = generate_from_dir(&dir, ".", &options(None))
        .unwrap()
        .to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    // The whole module is the gate's input: without the feature, one error instead of one per item.
    assert!(
        tokens.starts_with(":: group_api :: __with_platform_feishu ! { # [doc"),
        "{tokens:.120}"
    );
    assert!(tokens.contains("pub mod feishu"));
}

#[test]
fn a_missing_folder_says_where_it_looked() {
    let error = generate_from_dir(Path::new("/nonexistent"), "spec", &options(None)).unwrap_err();
    let message = error.list()[0].to_string();
    assert!(
        message.starts_with("cannot read the spec folder `spec` (/nonexistent/spec)"),
        "{message}"
    );
    assert!(message.contains("relative to the crate's Cargo.toml"));
}

#[test]
fn every_problem_is_reported_with_file_line_column_and_path() {
    let broken = endpoint(
        r#"{ "body": [
             { "name": "title", "type": "sting" },
             { "name": "size", "type": "integer", "min_length": 1, "requird": true }
           ] }"#,
        "",
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &broken)]);
    assert_eq!(
        found,
        [
            "spec/acme.rename.json:4:41: at `request.body[0].type`: unknown type `\"sting\"`\n  help: did you mean `\"string\"`?",
            "spec/acme.rename.json:5:68: at `request.body[1].requird`: unknown key `requird`\n  help: did you mean `required`?",
            "spec/acme.rename.json:5:65: at `request.body[1].min_length`: `min_length` applies to strings, but `size` is an integer",
        ]
    );
}

#[test]
fn references_between_parts_are_checked() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#"{ "body": [{ "name": "a", "type": "string", "required": true }], "at_least_one_of": [{ "fields": ["a", "b"] }] }"#,
            "",
            "at-least-one-of names `a`, which is required anyway",
        ),
        (
            r#"{ "body": [{ "name": "a", "type": "string" }], "at_least_one_of": [{ "fields": ["a", "b"] }] }"#,
            "",
            "at-least-one-of names `b`, which is not a field of `request`",
        ),
        (
            r#"{ "body": [{ "name": "a", "type": "string", "max_length": 3, "violation_error": "TooLong" }] }"#,
            "",
            "`violation_error` names `TooLong`, which is not an error of this endpoint",
        ),
        (
            r#"{ "path": [{ "name": "id", "type": "string", "required": true }] }"#,
            "",
            "path parameter `id` does not appear in the path `/rename`",
        ),
        (
            r#"{ "body": [{ "name": "type", "type": "string" }] }"#,
            "",
            "field `type` would become `type`, which is a Rust keyword",
        ),
        (
            r#"{ "body": [{ "name": "userId", "type": "string" }, { "name": "user_id", "type": "string" }] }"#,
            "",
            "`userId` and `user_id` both become the setter `user_id`",
        ),
        (
            r#"{ "body": [{ "name": "a", "type": "string", "min_length": 5, "max_length": 2 }] }"#,
            "",
            "`max_length` 2 is below `min_length` 5",
        ),
        (
            r#"{ "body": [{ "name": "kind", "type": "string", "rust_type": "Kind", "enum": [{ "value": "x", "variant": "X" }, { "value": "y", "variant": "X" }] }] }"#,
            "",
            "enum variant `X` is defined twice",
        ),
        (
            r#"{ "body": [{ "name": "a", "type": "string" }] }"#,
            r#", "errors": [{ "variant": "DOCUMENTED", "code": 1, "category": "not_found" }]"#,
            "error variant name `DOCUMENTED` is reserved",
        ),
        (
            r#"{ "body": [{ "name": "kind", "type": "string", "rust_type": "S", "enum": [{ "value": "x", "variant": "X" }] }] }"#,
            "",
            "`rust_type` `S` is reserved: it is the builders' type parameter",
        ),
        (
            r#"{ "body": [{ "name": "a", "type": "string" }] }"#,
            r#", "errors": [{ "variant": "Gone", "code": 1, "category": "not_found" }, { "variant": "Gone", "code": 2, "category": "not_found" }]"#,
            "error variant `Gone` is defined twice",
        ),
        (
            r#"{ "body": [{ "name": "a", "type": "string" }] }"#,
            r#", "examples": [{ "request": { "body": { "a": 1, "b": "x" } } }]"#,
            "the example's value 1 is not a string",
        ),
        (
            r#"{ "body": [{ "name": "a", "type": "string" }] }"#,
            r#", "examples": [{ "request": { "body": { "aa": "x" } } }]"#,
            "the example has `aa`, which the spec does not describe",
        ),
    ];
    for (request, extra, expected) in cases {
        let found = problems(&[
            ("acme.json", PLATFORM),
            ("acme.rename.json", &endpoint(request, extra)),
        ]);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "expected {expected:?} in {found:#?}"
        );
    }
}

#[test]
fn an_endpoint_of_an_unknown_platform_or_api_is_refused() {
    let found = problems(&[("acme.rename.json", &endpoint(r#"{ "body": [] }"#, ""))]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("no platform `acme` is defined"));
    let other_api = endpoint(r#"{ "body": [] }"#, "").replace(r#""api": "v2""#, r#""api": "v1""#);
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &other_api)]);
    assert!(
        found[0].contains("platform `acme` has no API `v1`")
            && found[0].contains("did you mean `\"v2\"`?")
    );
}

#[test]
fn broken_json_and_wrong_roots_are_diagnostics_not_panics() {
    for text in [
        "",
        "[]",
        "{",
        "{\"kind\": 3}",
        "{\"kind\": \"endpont\"}",
        "null",
        "{\"a\":1,}",
        "\u{feff}{}",
    ] {
        let found = problems(&[("acme.json", text)]);
        assert!(!found.is_empty(), "{text:?} gave no diagnostic");
    }
    let found = problems(&[("acme.json", "{\"kind\": \"endpont\"}")]);
    assert!(
        found[0].contains("did you mean `\"endpoint\"`?"),
        "{found:?}"
    );
}

#[test]
fn a_request_with_more_settable_fields_than_the_typestate_allows_is_refused() {
    let fields = |n: usize| {
        let list: Vec<String> = (0..n)
            .map(|i| format!(r#"{{ "name": "f{i}", "type": "string" }}"#))
            .collect();
        format!(r#"{{ "body": [{}] }}"#, list.join(", "))
    };
    let expected = "121 settable fields; a request or object can have at most 120";
    let found = problems(&[
        ("acme.json", PLATFORM),
        ("acme.rename.json", &endpoint(&fields(121), "")),
    ]);
    assert!(found.iter().any(|p| p.contains(expected)), "{found:#?}");
    let found = problems(&[
        ("acme.json", PLATFORM),
        ("acme.rename.json", &endpoint(&fields(120), "")),
    ]);
    assert!(
        !found.iter().any(|p| p.contains("settable fields")),
        "{found:#?}"
    );
}

/// An envelope's `code` and `message` name one field or several, tried in order; an empty list
/// names none and is refused where it stands. `idempotent` is a boolean on the HTTP transport.
#[test]
fn envelope_field_lists_and_the_idempotent_flag() {
    let with_lists = PLATFORM.replace(
        r#""code": "code", "message": "msg""#,
        r#""code": ["code", "Code"], "message": ["msg", "Message"]"#,
    );
    let idempotent = endpoint("{}", "").replace(
        r#""path": "/rename""#,
        r#""path": "/rename", "idempotent": true"#,
    );
    assert_eq!(
        problems(&[
            ("acme.json", &with_lists),
            ("acme.rename.json", &idempotent)
        ]),
        Vec::<String>::new()
    );

    let empty = PLATFORM.replace(r#""code": "code""#, r#""code": []"#);
    let found = problems(&[
        ("acme.json", &empty),
        ("acme.rename.json", &endpoint("{}", "")),
    ]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("`code` names no field"), "{found:#?}");

    let not_bool = endpoint("{}", "").replace(
        r#""path": "/rename""#,
        r#""path": "/rename", "idempotent": "yes""#,
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &not_bool)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("expected true or false"), "{found:#?}");
}

/// A platform's `token` must name an endpoint the client can call with an app's id and secret
/// alone, and fields its answer has: each wrong name is one error at its own place.
#[test]
fn the_token_section_names_a_usable_token_endpoint() {
    let platform =
        |token: &str| PLATFORM.replacen("\"apis\"", &format!("\"token\": {token}, \"apis\""), 1);
    let token_endpoint = r#"{ "kind": "endpoint", "platform": "acme", "api": "v2", "name": "get_token",
        "title": "Token", "auth": { "in": "none" },
        "transport": { "http": { "method": "POST", "path": "/token" } },
        "request": { "body": [
            { "name": "client_id", "type": "string", "required": true },
            { "name": "client_secret", "type": "string", "required": true, "secret": true } ] },
        "response": { "body": [
            { "name": "access_token", "type": "string", "secret": true },
            { "name": "expires_in", "type": "integer" } ] } }"#;
    let good = r#"{ "endpoint": "get_token", "credentials": { "id": "client_id", "secret": "client_secret" },
                   "response": { "token": "access_token", "expires_in": "expires_in" } }"#;
    let files = |token: &str, endpoint: &str| {
        problems(&[
            ("acme.json", &platform(token)),
            ("acme.get_token.json", endpoint),
        ])
    };
    assert_eq!(files(good, token_endpoint), Vec::<String>::new());

    let typo = good.replace("\"client_secret\" }", "\"client_secrt\" }");
    let found = files(&typo, token_endpoint);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("token.credentials.secret"), "{found:#?}");
    assert!(
        found[0].contains("has no field `client_secrt`"),
        "{found:#?}"
    );
    assert!(
        found[0].contains("did you mean `\"client_secret\"`?"),
        "{found:#?}"
    );

    let unknown = good.replace("\"get_token\"", "\"get_tokn\"");
    let found = files(&unknown, token_endpoint);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("has no endpoint `get_tokn`"),
        "{found:#?}"
    );

    let needs_token = token_endpoint.replace(r#""auth": { "in": "none" },"#, "");
    let found = files(good, &needs_token);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("must not need a token itself"),
        "{found:#?}"
    );

    let extra_required = token_endpoint.replace(
        r#"{ "name": "client_id", "type": "string", "required": true },"#,
        r#"{ "name": "client_id", "type": "string", "required": true },
           { "name": "scope", "type": "string", "required": true },"#,
    );
    let found = files(good, &extra_required);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("requires `scope`"), "{found:#?}");

    let unmarked = token_endpoint.replace(
        r#", "required": true, "secret": true }"#,
        r#", "required": true }"#,
    );
    let found = files(good, &unmarked);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("`client_secret` of the request of `get_token` carries a credential but is not marked secret"), "{found:#?}");

    let api_says_none = platform(good).replace(
        r#""auth": { "in": "bearer" }"#,
        r#""auth": { "in": "none" }"#,
    );
    let own_auth_left_out = token_endpoint.replace(r#""auth": { "in": "none" },"#, "");
    let found = problems(&[
        ("acme.json", &api_says_none),
        ("acme.get_token.json", &own_auth_left_out),
    ]);
    assert_eq!(
        found,
        Vec::<String>::new(),
        "the API's own `none` is enough"
    );

    let wrong_type = good.replace("\"expires_in\" }", "\"access_token\" }");
    let found = files(&wrong_type, token_endpoint);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("it must be an integer"), "{found:#?}");

    // A 64-bit lifetime is an integer too (the client reads it as `i64` either way).
    let int64 = token_endpoint.replace(
        r#"{ "name": "expires_in", "type": "integer" }"#,
        r#"{ "name": "expires_in", "type": "int64" }"#,
    );
    assert_eq!(files(good, &int64), Vec::<String>::new());

    // The client calls both setters once each: one field for both, or a fixed one, cannot be.
    let same = good.replace("\"client_secret\" }", "\"client_id\" }");
    let found = files(&same, token_endpoint);
    assert!(
        found
            .iter()
            .any(|p| p.contains("`credentials.secret` names `client_id`, as `credentials.id` does")),
        "{found:#?}"
    );
    let fixed = token_endpoint.replace(
        r#"{ "name": "client_id", "type": "string", "required": true },"#,
        r#"{ "name": "client_id", "type": "string", "const": "app" },"#,
    );
    let found = files(good, &fixed);
    assert!(
        found
            .iter()
            .any(|p| p.contains("`client_id` of `get_token` has a fixed value (`const`)")),
        "{found:#?}"
    );
}

/// Names the generator derives from others must not meet: setters that differ in underscores only,
/// object types that differ in case only, API names that differ in underscores only; and `Self`,
/// which looks like a type name, is no variant name (each was a rustc error inside the expansion).
#[test]
fn names_that_would_meet_in_generated_code_are_refused() {
    let found = body_problems(
        r#"{ "name": "id2", "type": "string", "required": true }, { "name": "id_2", "type": "string", "required": true }"#,
        "",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(
            "the required setters `id2` and `id_2` both give the builder's generated name `Id2Set`"
        ),
        "{found:#?}"
    );
    // Optional fields have no trait of their own, so the same two names meet nowhere.
    let found = body_problems(
        r#"{ "name": "id2", "type": "string" }, { "name": "id_2", "type": "string", "required": true }"#,
        "",
    );
    assert!(found.is_empty(), "{found:#?}");

    let object = |name: &str, rust_type: &str| {
        format!(
            r#"{{ "name": "{name}", "type": "object", "rust_type": "{rust_type}", "fields": [{{ "name": "x", "type": "string" }}] }}"#
        )
    };
    let found = body_problems(
        &format!(
            "{}, {}",
            object("a", "HTTPConfig"),
            object("b", "HttpConfig")
        ),
        "",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("the types `HTTPConfig` and `HttpConfig` both give the generated module `__http_config_state`"),
        "{found:#?}"
    );

    let two_apis = PLATFORM.replacen(
        r#"{ "name": "v2","#,
        r#"{ "name": "v_2", "transport": "http", "base_url": "https://old.acme.test",
             "auth": { "in": "bearer" },
             "envelope": { "kind": "code_field", "code": "code", "message": "msg", "success": 0 },
             "errors": [] },
           { "name": "v2","#,
        1,
    );
    let found = problems(&[("acme.json", &two_apis)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("the APIs `v_2` and `v2` both give the generated name `V2PlatformError`"),
        "{found:#?}"
    );

    let enum_self = r#"{ "name": "kind", "type": "string", "rust_type": "Kind",
        "enum": [{ "value": "self", "variant": "Self" }, { "value": "other", "variant": "Other" }] }"#;
    let found = body_problems(enum_self, "");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("enum variant `Self` is a Rust keyword"),
        "{found:#?}"
    );
    let row_self = ROW.replace("NameTooLong", "Self");
    let found = body_problems(r#"{ "name": "name", "type": "string" }"#, &row_self);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("error variant `Self` is a Rust keyword"),
        "{found:#?}"
    );

    // A wire name with no ASCII letter gets a suggestion that is itself a valid name.
    let found = body_problems(r#"{ "name": "名称", "type": "string" }"#, "");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(r#"add `"rust_name": "field_value"`"#),
        "{found:#?}"
    );
}

/// An endpoint cannot be named like a method of its platform's generated `Client`, nor a type like
/// the platform's own items: one error each, at the name.
#[test]
fn names_the_platforms_client_and_types_already_use() {
    let send = endpoint("{}", "").replace(r#""name": "rename""#, r#""name": "send""#);
    let found = problems(&[("acme.json", PLATFORM), ("acme.send.json", &send)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(
            "at `name`: endpoint name `send` is a method of the platform's generated `Client`"
        ),
        "{found:#?}"
    );

    let client_type = endpoint(
        r#"{ "body": [{ "name": "who", "type": "object", "rust_type": "Client", "fields": [] }] }"#,
        "",
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &client_type)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("type name `Client` is taken"),
        "{found:#?}"
    );
}

/// A required key left out is one error, where it was left out; the checker sees no made-up value
/// in its place, so nothing else is reported as its consequence (issue 13).
#[test]
fn a_missing_required_key_is_one_error_at_its_place() {
    let without = |key: &str| {
        let text = endpoint(
            r#"{ "path": [{ "name": "id", "type": "string", "required": true }] }"#,
            "",
        )
        .replace(r#""path": "/rename""#, r#""path": "/rename/:id""#);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut value = value.as_object().unwrap().clone();
        value.remove(key);
        serde_json::to_string_pretty(&value).unwrap()
    };
    assert_eq!(
        problems(&[
            ("acme.json", PLATFORM),
            ("acme.rename.json", &without("none"))
        ]),
        Vec::<String>::new(),
        "the endpoint is clean with every key"
    );
    assert_eq!(
        problems(&[
            ("acme.json", PLATFORM),
            ("acme.rename.json", &without("transport"))
        ]),
        ["spec/acme.rename.json:1:1: missing required key `transport`"]
    );
    assert_eq!(
        problems(&[
            ("acme.json", PLATFORM),
            ("acme.rename.json", &without("name"))
        ]),
        [
            "spec/acme.rename.json:1:1: missing required key `name`\n  help: add `\"name\": \"rename\"` (the endpoint's snake_case name, as in the file name)"
        ]
    );
    let nameless_field = endpoint(
        r#"{ "path": [{ "type": "string", "required": true }] }"#,
        r#", "examples": [{ "request": { "path": { "id": "x" } } }]"#,
    )
    .replace(r#""path": "/rename""#, r#""path": "/rename/:id""#);
    assert_eq!(
        problems(&[
            ("acme.json", PLATFORM),
            ("acme.rename.json", &nameless_field)
        ]),
        ["spec/acme.rename.json:3:36: at `request.path[0]`: missing required key `name`"]
    );
}

/// `rate_limits` on an API and on an endpoint: every key required, the period and scope from
/// their lists, each scope and period once, and none on a JS-SDK call.
#[test]
fn rate_limits_are_read_and_checked() {
    let limit = |calls: &str, per: &str, scope: &str| {
        format!(
            r#"{{ "calls": {calls}, "per": "{per}", "scope": "{scope}", "source": "the page" }}"#
        )
    };
    let on_api = PLATFORM.replace(
        r#""errors": []"#,
        &format!(
            r#""rate_limits": [{}], "errors": []"#,
            limit("20", "second", "app_and_api")
        ),
    );
    let on_endpoint = endpoint(
        "{}",
        &format!(
            r#", "rate_limits": [{}]"#,
            limit("100", "minute", "company")
        ),
    );
    assert_eq!(
        problems(&[("acme.json", &on_api), ("acme.rename.json", &on_endpoint)]),
        Vec::<String>::new()
    );

    let broken = endpoint(
        "{}",
        &format!(
            r#", "rate_limits": [{}, {}, {}, {{ "calls": 5, "per": "second", "scope": "api" }}]"#,
            limit("0", "second", "app_and_api"),
            limit("5", "fortnight", "app_and_api"),
            limit("5", "second", "tenant"),
        ),
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &broken)]);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("0 is out of range"), "{found:#?}");
    assert!(found[1].contains("not a valid `per`"), "{found:#?}");
    assert!(found[2].contains("not a valid `scope`"), "{found:#?}");
    assert!(
        found[3].contains("missing required key `source`"),
        "{found:#?}"
    );

    let twice = endpoint(
        "{}",
        &format!(
            r#", "rate_limits": [{}, {}]"#,
            limit("5", "second", "api"),
            limit("6", "second", "api")
        ),
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &twice)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("already have a limit"), "{found:#?}");
}

#[test]
fn pagination_names_fields_the_client_can_page_with() {
    let request = r#"{ "query": [
        { "name": "page_token", "type": "string" },
        { "name": "page_size", "type": "integer" } ],
        "body": [ { "name": "flags", "type": "array", "items": { "type": "string" } } ] }"#;
    let response = r#", "response": { "body": [
        { "name": "data", "type": "object", "rust_type": "Page", "fields": [
            { "name": "items", "type": "array", "items": { "type": "string" } },
            { "name": "page_token", "type": "string" },
            { "name": "has_more", "type": "boolean" } ] },
        { "name": "msg", "type": "string" } ] }"#;
    let paged = |pagination: &str| {
        let file = endpoint(
            request,
            &format!("{response}, \"pagination\": {pagination}"),
        );
        problems(&[("acme.json", PLATFORM), ("acme.rename.json", &file)])
    };
    let good = r#"{ "request_cursor": "page_token", "response_cursor": "data.page_token",
                    "has_more": "data.has_more", "items": "data.items" }"#;
    assert_eq!(paged(good), Vec::<String>::new());

    let found = paged(
        r#"{ "request_cursor": "page_tokn", "response_cursor": "data.page_tokn",
             "has_more": "data.items", "items": "msg.items" }"#,
    );
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found[0].contains("`page_tokn`, which is not a request field")
            && found[0].contains("did you mean `page_token`"),
        "{found:#?}"
    );
    assert!(
        found[1].contains("`data.page_tokn` is not a response field")
            && found[1].contains("did you mean `page_token`"),
        "{found:#?}"
    );
    assert!(
        found[2]
            .contains("`data.items` (whether more pages follow) is an array; it must be a boolean"),
        "{found:#?}"
    );
    assert!(
        found[3].contains("`msg.items` is not a response field"),
        "{found:#?}"
    );

    let found =
        paged(r#"{ "request_cursor": "flags", "response_cursor": "msg", "items": "data" }"#);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("the cursor `flags` is an array"),
        "{found:#?}"
    );
    assert!(
        found[1].contains("`data` (the page's entries) is an object; it must be an array"),
        "{found:#?}"
    );

    let found = paged(r#"{ "request_cursor": "page_token" }"#);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("missing required key `response_cursor`"),
        "{found:#?}"
    );
}

/// Problems of an endpoint whose body is `fields`, with `errors` as its error rows.
fn body_problems(fields: &str, errors: &str) -> Vec<String> {
    let extra = format!(r#", "errors": [{errors}]"#);
    problems(&[
        ("acme.json", PLATFORM),
        (
            "acme.rename.json",
            &endpoint(&format!(r#"{{ "body": [{fields}] }}"#), &extra),
        ),
    ])
}

const ROW: &str = r#"{ "variant": "NameTooLong", "code": 1, "message": "too long", "category": "invalid_request" }"#;

/// A missing `rust_type` on an enum is one error, not a second about an empty type name (issue 14).
#[test]
fn an_enum_without_rust_type_is_one_error() {
    let enum_without =
        r#"{ "name": "kind", "type": "string", "enum": [{ "value": "a", "variant": "A" }] }"#;
    assert_eq!(
        body_problems(enum_without, ""),
        ["spec/acme.rename.json:3:36: at `request.body[0]`: missing required key `rust_type`"]
    );
    let items_without = r#"{ "name": "kinds", "type": "array", "items": { "type": "string", "enum": [{ "value": "a", "variant": "A" }] } }"#;
    let found = body_problems(items_without, "");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("missing required key `rust_type`"),
        "{found:#?}"
    );
}

/// `"type": [..]` is one error whose help shows the union form (issue 14).
#[test]
fn a_type_list_is_one_error_showing_the_union_form() {
    let found = body_problems(
        r#"{ "name": "userIds", "type": ["string", "array"], "items": { "type": "string" } }"#,
        "",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("`type` names one type, not a list of them"));
    assert!(found[0].contains(r#""type": "union""#), "{found:#?}");
    assert!(found[0].contains(r#""one_of""#), "{found:#?}");
}

#[test]
fn rules_must_fit_their_types() {
    let cases = [
        (
            r#"{ "name": "n", "type": "int32", "pattern": "^a$" }"#,
            "`pattern` applies to strings, but `n` is an int32",
        ),
        (
            r#"{ "name": "n", "type": "string", "minimum": 1 }"#,
            "`minimum` applies to numbers, but `n` is a string",
        ),
        (
            r#"{ "name": "n", "type": "string", "pattern": "^(a$" }"#,
            "`pattern` is not a valid regular expression",
        ),
        (
            r#"{ "name": "n", "type": "int32", "maximum": 3000000000 }"#,
            "`maximum` 3000000000 is not an int32",
        ),
        (
            r#"{ "name": "n", "type": "int64", "minimum": 0.5 }"#,
            "`minimum` 0.5 is not an int64",
        ),
        (
            r#"{ "name": "n", "type": "number", "minimum": 2, "maximum": 1.5 }"#,
            "`maximum` 1.5 is below `minimum` 2",
        ),
        (
            r#"{ "name": "n", "type": "string", "max_items": 3 }"#,
            "`max_items` applies to arrays, but `n` is a string",
        ),
        (
            r#"{ "name": "n", "type": "array", "min_items": 4, "max_items": 3, "items": { "type": "string" } }"#,
            "`max_items` 3 is below `min_items` 4",
        ),
        (
            r#"{ "name": "n", "type": "array", "max_length": 3, "items": { "type": "string" } }"#,
            "for a rule on each entry, put `max_length` in `items`",
        ),
        (
            r#"{ "name": "n", "type": "array", "items": { "type": "int32", "max_length": 3 } }"#,
            "`max_length` applies to strings, but `n[]` is an int32",
        ),
        (
            r#"{ "name": "n", "type": "array", "separator": ";", "items": { "type": "boolean" } }"#,
            "a `separator` list joins strings or whole numbers, but its entries are a boolean",
        ),
        (
            r#"{ "name": "n", "type": "array", "separator": "", "items": { "type": "string" } }"#,
            "`separator` is empty",
        ),
        (
            r#"{ "name": "n", "type": "number", "enum": [{ "value": 1, "variant": "One" }], "rust_type": "N" }"#,
            "`enum` does not go with `\"type\": \"number\"`",
        ),
    ];
    for (field, expected) in cases {
        let found = body_problems(field, "");
        assert_eq!(found.len(), 1, "{field}: {found:#?}");
        assert!(found[0].contains(expected), "{field}: {found:#?}");
    }
    // Entry rules where no field checks them are refused, not dropped.
    for field in [
        r#"{ "name": "n", "type": "array", "items": { "type": "array", "items": { "type": "string", "max_length": 3 } } }"#,
        r#"{ "name": "n", "type": "union", "rust_type": "N", "one_of": [{ "variant": "One", "type": "string" },
            { "variant": "Many", "type": "array", "items": { "type": "string", "pattern": "^a$" } }] }"#,
    ] {
        let found = body_problems(field, "");
        assert_eq!(found.len(), 1, "{field}: {found:#?}");
        assert!(
            found[0]
                .contains("rules on a list's entries are checked only in a field's own `items`"),
            "{found:#?}"
        );
    }
    let clean = r#"{ "name": "n", "type": "array", "min_items": 1, "max_items": 40, "separator": ",",
        "items": { "type": "string", "min_length": 1, "max_length": 64, "pattern": "^[0-9A-Za-z]+$" } },
        { "name": "m", "type": "int32", "minimum": -5, "maximum": 100 },
        { "name": "f", "type": "number", "minimum": 0.5, "maximum": 1 }"#;
    assert_eq!(body_problems(clean, ""), Vec::<String>::new());
}

#[test]
fn violation_error_names_rows_for_rules_the_field_has() {
    let field = |ve: &str| {
        format!(
            r#"{{ "name": "name", "type": "string", "max_length": 3, "violation_error": {ve} }}"#
        )
    };
    assert_eq!(
        body_problems(&field(r#"{ "max_length": "NameTooLong" }"#), ROW),
        Vec::<String>::new()
    );
    assert_eq!(
        body_problems(&field(r#""NameTooLong""#), ROW),
        Vec::<String>::new()
    );
    let found = body_problems(&field(r#"{ "min_length": "NameTooLong" }"#), ROW);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("names an error for `min_length`, but `name` has no such rule"),
        "{found:#?}"
    );
    let found = body_problems(&field(r#"{ "max_lenght": "NameTooLong" }"#), ROW);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("did you mean `max_length`?"),
        "{found:#?}"
    );
    let found = body_problems(&field(r#"{ "max_length": "NameTooLng" }"#), ROW);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("did you mean `NameTooLong`?"),
        "{found:#?}"
    );
    let found = body_problems(&field("3"), ROW);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("expected a string or an object, found a number"));
    let required = r#"{ "name": "name", "type": "string", "required": true, "violation_error": { "required": "NameTooLong" } }"#;
    assert_eq!(body_problems(required, ROW), Vec::<String>::new());
}

const SHARED: &str = r#"{
  "kind": "platform", "platform": "acme", "title": "Acme",
  "apis": [{ "name": "v2", "transport": "http", "base_url": "https://api.acme.test",
             "auth": { "in": "bearer" },
             "envelope": { "kind": "code_field", "code": "code", "message": "msg", "success": 0 },
             "errors": [] }],
  "types": [
    { "type": "string", "rust_type": "UserIdType",
      "enum": [{ "value": "open_id", "variant": "OpenId" }, { "value": "user_id", "variant": "UserId" }] }
  ]
}"#;

#[test]
fn shared_types_are_defined_once_and_referred_to_by_name() {
    let files = |field: &str| {
        let text = endpoint(&format!(r#"{{ "query": [{field}] }}"#), "");
        problems(&[("acme.json", SHARED), ("acme.rename.json", &text)])
    };
    assert_eq!(
        files(r#"{ "name": "user_id_type", "type": "UserIdType" }"#),
        Vec::<String>::new()
    );
    let found = files(r#"{ "name": "user_id_type", "type": "UserIdTyp" }"#);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("platform `acme` has no shared type `UserIdTyp`"),
        "{found:#?}"
    );
    assert!(
        found[0].contains("did you mean `\"UserIdType\"`?"),
        "{found:#?}"
    );
    let found = files(
        r#"{ "name": "user_id_type", "type": "UserIdType", "rust_type": "UserIdType", "enum": [] }"#,
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|p| p.contains("described once, in the platform file's `types`"))
    );
    // An endpoint's own type cannot take a shared type's name.
    let found = files(
        r#"{ "name": "kind", "type": "string", "rust_type": "UserIdType", "enum": [{ "value": "a", "variant": "A" }] }"#,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("type name `UserIdType` is used twice in platform `acme`"));
    // A shared object is not supported (yet): refused where it is defined.
    let object = SHARED.replace(
        r#""type": "string", "rust_type": "UserIdType",
      "enum": [{ "value": "open_id", "variant": "OpenId" }, { "value": "user_id", "variant": "UserId" }]"#,
        r#""type": "object", "rust_type": "UserIdType", "fields": []"#,
    );
    let found = problems(&[("acme.json", &object)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("a shared type is an enum or a union, not an object"));
    // Nor the name of one of the platform module's own items.
    let client = SHARED.replace(r#""rust_type": "UserIdType""#, r#""rust_type": "Client""#);
    let found = problems(&[("acme.json", &client)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("type name `Client` is taken by the platform's own generated items"));
    // `Unknown` is the variant of values the page does not list.
    let unknown = SHARED.replace(r#""variant": "UserId""#, r#""variant": "Unknown""#);
    let found = problems(&[("acme.json", &unknown)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("enum variant `Unknown` is reserved"),
        "{found:#?}"
    );
}

#[test]
fn unions_need_two_plain_shapes_with_their_own_names() {
    let union = |shapes: &str| {
        format!(r#"{{ "name": "ids", "type": "union", "rust_type": "Ids", "one_of": [{shapes}] }}"#)
    };
    assert_eq!(
        body_problems(
            &union(
                r#"{ "variant": "One", "type": "string" }, { "variant": "Many", "type": "array", "items": { "type": "string" } }"#
            ),
            ""
        ),
        Vec::<String>::new()
    );
    let found = body_problems(&union(r#"{ "variant": "One", "type": "string" }"#), "");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("a union needs at least two shapes"),
        "{found:#?}"
    );
    let found = body_problems(
        &union(r#"{ "variant": "One", "type": "string" }, { "variant": "One", "type": "int32" }"#),
        "",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("union variant `One` is defined twice"),
        "{found:#?}"
    );
    let found = body_problems(
        &union(
            r#"{ "variant": "One", "type": "string" }, { "variant": "Obj", "type": "object", "rust_type": "O", "fields": [] }"#,
        ),
        "",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("a union's shape is a scalar or a list of scalars"),
        "{found:#?}"
    );
}

/// The expansion, as text, of the test platform and one endpoint file `text`, which must check.
fn generated(text: String) -> String {
    let files = vec![
        SourceFile::new(
            PathBuf::from("acme.json"),
            "spec/acme.json".into(),
            PLATFORM.into(),
        ),
        SourceFile::new(
            PathBuf::from("acme.rename.json"),
            "spec/acme.rename.json".into(),
            text,
        ),
    ];
    let set = load_and_check(files).unwrap_or_else(|d| panic!("{:?}", d.list()));
    super::codegen::generate(&set, &options(None)).to_string()
}

/// A response enum is allowed (issue 14): it gets an `Unknown` variant and reads any value.
#[test]
fn response_enums_are_generated_with_an_unknown_variant() {
    let text = endpoint(
        "{}",
        r#", "response": { "body": [{ "name": "status", "type": "integer", "rust_type": "GroupStatus",
            "enum": [{ "value": 1, "variant": "Normal" }, { "value": 2, "variant": "Dismissed" }] }] }"#,
    );
    let tokens = generated(text);
    assert!(tokens.contains("Unknown (i64)"), "{tokens}");
    assert!(
        tokens.contains("other => Self :: Unknown (other)"),
        "{tokens}"
    );
}

/// A response struct's field says `rename` only where its wire name differs from the member's,
/// and `default` where it is optional; a required field keeps serde's "missing field" error.
#[test]
fn response_attributes_say_rename_only_where_needed() {
    let text = endpoint(
        "{}",
        r#", "response": { "body": [{ "name": "title", "type": "string", "required": true },
            { "name": "chatId", "type": "string" }, { "name": "owner", "type": "string" }] }"#,
    );
    let tokens = generated(text);
    let title = "pub title : __p :: String ,";
    assert!(tokens.contains(title), "{tokens}");
    assert!(!tokens.contains(&format!(")] {title}")), "{tokens}");
    assert!(
        tokens.contains(r#"# [serde (rename = "chatId" , default)] pub chat_id"#),
        "{tokens}"
    );
    assert!(
        tokens.contains(r#"# [serde (default)] pub owner"#),
        "{tokens}"
    );
}

fn nested(depth: usize) -> String {
    let mut field = r#"{ "name": "leaf", "type": "string" }"#.to_owned();
    for level in (0..depth).rev() {
        field = format!(
            r#"{{ "name": "n{level}", "type": "object", "rust_type": "Level{level}", "fields": [{field}] }}"#
        );
    }
    field
}

/// Objects nest up to a limit that compiles (issue 14: past about 60 levels rustc overflowed);
/// past it, one error at the first object too deep.
#[test]
fn objects_nest_up_to_the_limit() {
    let limit = crate::check::MAX_OBJECT_DEPTH;
    assert_eq!(body_problems(&nested(limit), ""), Vec::<String>::new());
    let found = body_problems(&nested(limit + 1), "");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(&format!(
            "objects nest {} levels deep here; at most {limit} are supported",
            limit + 1
        )),
        "{found:#?}"
    );
    let found = body_problems(&nested(200), "");
    assert_eq!(found.len(), 1, "{found:#?}");
}

/// Valid JSON nested past the parser's depth is not called invalid (issue 14).
#[test]
fn json_nested_past_the_parsers_depth_is_not_called_invalid() {
    let found = body_problems(&nested(300), "");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(!found[0].contains("not valid JSON"), "{found:#?}");
    assert!(
        found[0].contains("nests its values deeper than the spec loader reads"),
        "{found:#?}"
    );
}
