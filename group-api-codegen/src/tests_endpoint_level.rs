//! The generator on the endpoint-level keys of round two: rules across fields and paths, bodies,
//! JS-SDK call forms, messages with `%s`, example values and deviations, and the bugs fixed on the
//! way (an example's error at its value, a row that repeats a platform-wide one, one error for an
//! endpoint on an API of the other transport).

use super::codegen::errors_shown_message as shown_message;
use super::generate_from_dir;
use super::tests::{PLATFORM, endpoint, options, problems, workspace};

/// The problems of the endpoint `acme.rename` with `request` and `extra`, next to `PLATFORM`.
fn found(request: &str, extra: &str) -> Vec<String> {
    problems(&[
        ("acme.json", PLATFORM),
        ("acme.rename.json", &endpoint(request, extra)),
    ])
}

const FIELDS: &str = r#""body": [
    { "name": "kind", "type": "integer", "rust_type": "Kind",
      "enum": [{ "value": 1, "variant": "One" }, { "value": 2, "variant": "Two" }] },
    { "name": "rule", "type": "string" },
    { "name": "owner", "type": "string" },
    { "name": "count", "type": "integer" },
    { "name": "ids", "type": "array", "items": { "type": "string" } },
    { "name": "members", "type": "array", "items": { "type": "object", "rust_type": "Member",
      "fields": [{ "name": "userId", "type": "string" }, { "name": "corpId", "type": "string", "required": true }] } }
  ]"#;

const ERRORS: &str =
    r#", "errors": [{ "variant": "RuleMissing", "code": 42018, "category": "invalid_request" }]"#;

fn with_rules(rules: &str) -> Vec<String> {
    found(&format!("{{ {FIELDS}, \"rules\": [{rules}] }}"), ERRORS)
}

#[test]
fn well_formed_rules_are_accepted() {
    let rules = r#"
      { "when": { "field": "kind", "equals": 2 }, "then": { "field": "rule", "present": true }, "description": "d", "error": "RuleMissing" },
      { "when": { "field": "kind", "one_of": [1, 2] }, "then": [{ "field": "count", "present": true }, { "field": "owner", "equals": "x" }], "description": "d" },
      { "when": { "field": "ids", "contains": { "field": "owner" } }, "then": { "field": "rule", "present": false }, "description": "d" },
      { "when": { "field": "members[].userId", "equals": "u" }, "then": { "field": "ids", "contains": "u" }, "description": "d" },
      { "then": { "field": "owner", "present": false }, "description": "d" }"#;
    assert_eq!(with_rules(rules), Vec::<String>::new());
}

#[test]
fn rules_that_cannot_hold_are_refused_where_they_are() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{ "then": { "field": "rul", "present": true }, "description": "d" }"#,
            "`rul` names no field: there is no `rul`\n  help: did you mean `rule`?",
        ),
        (
            r#"{ "when": { "field": "kind", "equals": "2" }, "then": { "field": "rule", "present": true }, "description": "d" }"#,
            "\"2\" is not a value of `kind`\n  help: its values are 1, 2",
        ),
        (
            r#"{ "when": { "field": "kind", "equals": 3 }, "then": { "field": "rule", "present": true }, "description": "d" }"#,
            "3 is not a value of `kind`",
        ),
        (
            r#"{ "when": { "field": "count", "equals": "many" }, "then": { "field": "rule", "present": true }, "description": "d" }"#,
            "`count` is an integer, but the rule compares it with \"many\"",
        ),
        (
            r#"{ "when": { "field": "rule", "contains": "x" }, "then": { "field": "owner", "present": true }, "description": "d" }"#,
            "`contains` tests a list, but `rule` is a string",
        ),
        (
            r#"{ "when": { "field": "ids", "contains": { "field": "count" } }, "then": { "field": "owner", "present": true }, "description": "d" }"#,
            "`ids` holds string values, but `count` is an integer",
        ),
        (
            r#"{ "then": { "field": "owner", "present": true }, "description": "d", "error": "RuleMising" }"#,
            "the rule's `error` names `RuleMising`, which is not an error of this endpoint\n  help: did you mean `RuleMissing`?",
        ),
        (
            r#"{ "then": { "field": "members.userId", "present": true }, "description": "d" }"#,
            "`members` is a list of objects\n  help: write `members[].userId` to look into each entry",
        ),
        (
            r#"{ "then": { "field": "owner[].x", "present": true }, "description": "d" }"#,
            "`owner[]` looks into the entries of `owner`, which is not a list of objects",
        ),
        (
            r#"{ "then": { "field": "owner", "present": true, "equals": "x" }, "description": "d" }"#,
            "a condition makes exactly one test",
        ),
        (
            r#"{ "then": { "field": "owner" }, "description": "d" }"#,
            "a condition needs a test",
        ),
        (
            r#"{ "then": { "field": "owner", "present": true } }"#,
            "missing required key `description`",
        ),
        (
            r#"{ "then": { "field": "owner", "present": true }, "description": "" }"#,
            "`description` is empty",
        ),
        (
            r#"{ "then": { "field": "ids[]", "present": true }, "description": "d" }"#,
            "`ids[]` is not a field path",
        ),
    ];
    for (rule, expected) in cases {
        let found = with_rules(rule);
        assert_eq!(found.len(), 1, "{rule}: {found:#?}");
        assert!(
            found[0].contains(expected),
            "{rule}: expected {expected:?} in {found:#?}"
        );
        assert!(found[0].contains("at `request.rules[0]"), "{found:#?}");
    }
}

#[test]
fn at_least_one_of_names_nested_fields_by_path() {
    let ok = found(
        &format!(
            r#"{{ {FIELDS}, "at_least_one_of": [{{ "fields": ["ids", "members[].userId"] }}] }}"#
        ),
        "",
    );
    assert_eq!(ok, Vec::<String>::new());
    let wrong = found(
        &format!(
            r#"{{ {FIELDS}, "at_least_one_of": [{{ "fields": ["ids", "members[].user"] }}] }}"#
        ),
        "",
    );
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    assert!(
        wrong[0].contains("`members[].user` names no field: there is no `user`"),
        "{wrong:?}"
    );
}

#[test]
fn a_response_object_has_no_rules() {
    let response = r#", "response": { "body": [{ "name": "o", "type": "object", "rust_type": "O",
        "fields": [{ "name": "a", "type": "string" }],
        "rules": [{ "then": { "field": "a", "present": true }, "description": "d" }] }] }"#;
    let found = found(r#"{ "body": [] }"#, response);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("`rules` are checked when a request is built"),
        "{found:?}"
    );
}

#[test]
fn rules_generate_checks_with_the_rows_code() {
    let tokens = generate_from_dir(&workspace(), "tests/round-two-spec", &options(None))
        .unwrap_or_else(|d| panic!("{:?}", d.list()))
        .to_string();
    for expected in [
        "v . cross_field (! ((self . group_type . iter ()) . any (| v | * v == GroupType :: Dynamic)) || ((self . dynamic_rule . iter ()) . any (| v | __p :: Presence :: is_present (v))) , \"dynamic_rule\" , \"a dynamic group needs its rule\" , __p :: Some (__p :: ErrorCode :: Number (42018i64))) ;",
        "(self . owner . iter ()) . any (| o | (self . useridlist . iter ()) . any (| list | list . contains (o)))",
        "v . cross_field (! (self . group_id . iter ()) . any (| v | __p :: Presence :: is_present (v)) , \"group_id\"",
        "(self . size . iter ()) . any (| v | * v == 500i64 || * v == 1000i64)",
        "(self . members . iter () . flatten () . flat_map (| v | v . user_id . iter ())) . any (| v | __p :: Presence :: is_present (v))",
        "v . cross_field (! ((self . kind . iter ()) . any (| v | v . as_str () == \"external\")) || ((self . corp_id . iter ()) . any (| v | __p :: Presence :: is_present (v))) , \"corpId\" , \"an external member needs its corpId\" , __p :: Some (__p :: ErrorCode :: Number (42033i64))) ;",
    ] {
        assert!(tokens.contains(expected), "missing {expected}\nin {tokens}");
    }
}

#[test]
fn bodies_follow_the_fields_and_the_page() {
    let tokens = generate_from_dir(&workspace(), "tests/round-two-spec", &options(None))
        .unwrap()
        .to_string();
    assert!(tokens.contains("method : __p :: Method :: Delete , path : \"/cgi-bin/groups/:group_id\" , body : __p :: Body :: None"));
    assert!(tokens.contains("path : \"/v1/form\" , body : __p :: Body :: Form"));
    assert!(tokens.contains("path : \"/v1/groups\" , body : __p :: Body :: Json"));

    let get = endpoint(r#"{ "body": [{ "name": "a", "type": "string" }] }"#, "")
        .replace(r#""method": "POST""#, r#""method": "GET""#);
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &get)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("at `request.body[0].name`: a GET request has no body"),
        "{found:?}"
    );

    let form = endpoint(
        r#"{ "body": [{ "name": "a", "type": "array", "items": { "type": "string" } }] }"#,
        "",
    )
    .replace(
        r#""path": "/rename""#,
        r#""path": "/rename", "body": "form""#,
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &form)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("a form body carries text values, but `a` is an array"),
        "{found:?}"
    );

    let unknown = endpoint(r#"{ "body": [] }"#, "").replace(
        r#""path": "/rename""#,
        r#""path": "/rename", "body": "xml""#,
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &unknown)]);
    assert!(
        found[0].contains("`\"xml\"` is not a valid `body`"),
        "{found:?}"
    );
}

const JS_PLATFORM: &str = r#"{
  "kind": "platform", "platform": "acme", "title": "Acme",
  "apis": [
    { "name": "v2", "transport": "http", "base_url": "https://api.acme.test", "auth": { "in": "bearer" },
      "envelope": { "kind": "code_field", "code": "code", "message": "msg", "success": 0 }, "errors": [] },
    { "name": "js", "transport": "js_sdk", "auth": { "in": "js_session" }, "envelope": { "kind": "js_errmsg" }, "errors": [] }
  ]
}"#;

fn js_endpoint(transport: &str) -> String {
    format!(
        r#"{{ "kind": "endpoint", "platform": "acme", "api": "js", "name": "open", "title": "Open",
             "transport": {{ "js_sdk": {transport} }}, "request": {{ "body": [] }} }}"#
    )
}

#[test]
fn js_sdk_call_names_take_the_documented_forms() {
    for ok in [
        r#"{ "api": "wx.qy.createCorpGroupChat", "also": ["ww.createCorpGroupChat"] }"#,
        r#"{ "api": "ww.createCorpGroupChat" }"#,
        r#"{ "api": "wx.openEnterpriseChat" }"#,
        r#"{ "api": "wx.invoke:selectEnterpriseContact" }"#,
    ] {
        let found = problems(&[
            ("acme.json", JS_PLATFORM),
            ("acme.open.json", &js_endpoint(ok)),
        ]);
        assert_eq!(found, Vec::<String>::new(), "{ok}");
    }
    for (bad, expected) in [
        (
            r#"{ "api": "qy.createCorpGroupChat" }"#,
            "`qy.createCorpGroupChat` is not a JS-SDK call name",
        ),
        (
            r#"{ "api": "wx.invoke:" }"#,
            "`wx.invoke:` is not a JS-SDK call name",
        ),
        (
            r#"{ "api": "ww.createCorpGroupChat", "also": ["wx.qy.updateCorpGroupChat"] }"#,
            "`wx.qy.updateCorpGroupChat` is another API than `ww.createCorpGroupChat`",
        ),
    ] {
        let found = problems(&[
            ("acme.json", JS_PLATFORM),
            ("acme.open.json", &js_endpoint(bad)),
        ]);
        assert_eq!(found.len(), 1, "{bad}: {found:#?}");
        assert!(found[0].contains(expected), "{bad}: {found:?}");
    }
}

/// An HTTP endpoint put on the JS-SDK API has one cause and gets one error, not one more per error
/// row whose code is a number.
#[test]
fn an_http_endpoint_on_a_js_sdk_api_is_one_error() {
    let rows: Vec<String> = (0..22)
        .map(|i| {
            format!(
                r#"{{ "variant": "Row{i}", "code": {}, "category": "invalid_request" }}"#,
                40000 + i
            )
        })
        .collect();
    let extra = format!(r#", "errors": [{}]"#, rows.join(", "));
    let text = endpoint(r#"{ "body": [] }"#, &extra).replace(r#""api": "v2""#, r#""api": "js""#);
    let found = problems(&[("acme.json", JS_PLATFORM), ("acme.rename.json", &text)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("`/rename` is an HTTP call but API `js` is a JS-SDK API"),
        "{found:?}"
    );
}

#[test]
fn an_endpoint_row_never_repeats_a_platform_wide_row() {
    let platform = PLATFORM.replace(
        r#""errors": [] }]"#,
        r#""errors": [{ "variant": "TokenInvalid", "code": 401001, "category": "token_rejected" }] }]"#,
    );
    let same = r#", "errors": [{ "variant": "TokenInvalid", "code": 401001, "category": "token_rejected" }]"#;
    let found = problems(&[
        ("acme.json", &platform),
        ("acme.rename.json", &endpoint(r#"{ "body": [] }"#, same)),
    ]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("error variant `TokenInvalid` is a platform-wide row of API `v2`"),
        "{found:?}"
    );
    assert!(found[0].contains("already covers this answer"), "{found:?}");
}

#[test]
fn messages_with_placeholders_are_shown_without_them() {
    assert_eq!(
        shown_message("group name %s is invalid"),
        "group name is invalid"
    );
    assert_eq!(shown_message("invalid %s: %s"), "invalid");
    assert_eq!(shown_message("参数%s不合法"), "参数不合法");
    assert_eq!(shown_message("no placeholder"), "no placeholder");
    let tokens = generate_from_dir(&workspace(), "tests/round-two-spec", &options(None))
        .unwrap()
        .to_string();
    // In the row table: the message as shown, then the pattern, each `+` and the text after its
    // length.
    assert!(
        tokens.contains("22:+group name is invalid25:+group name %s is invalid"),
        "{tokens}"
    );
}

#[test]
fn a_row_table_writes_each_field_after_its_length() {
    use crate::codegen::{errors_rows_text as rows_text, one_line_literal};
    use crate::model::{Category, Code, ErrorRow};
    let row = |variant: &str, code: Code| ErrorRow {
        at: Default::default(),
        variant: variant.to_owned(),
        code,
        category: Some(Category::RateLimited),
        status: Some(429),
        message: Some("限流: %s".to_owned()),
        explanation: "wait\nthen retry".to_owned(),
        retryable: true,
        retry_after_ms: Some(1500),
        max_attempts: None,
        source: None,
    };
    let text = rows_text(&[
        row("Busy", Code::Number(90018)),
        row("Gone", Code::Text("no: 1".into())),
    ]);
    assert_eq!(
        text,
        "4:Busy6:n9001811:RateLimited3:4297:+限流11:+限流: %s15:wait\nthen retry1:14:15000:\
         4:Gone6:tno: 111:RateLimited3:4297:+限流11:+限流: %s15:wait\nthen retry1:14:15000:"
    );
    // One line, whatever the text: the line break and the quote are escaped.
    let literal = one_line_literal("a \"b\"\n限流\u{202E}").to_string();
    assert_eq!(literal, r#""a \"b\"\n限流\u{202e}""#);
}

#[test]
fn an_examples_error_points_at_the_faulty_value() {
    let text = endpoint(
        r#"{ "body": [{ "name": "a", "type": "string" }, { "name": "b", "type": "integer" }] }"#,
        r#", "examples": [{ "request": { "body": { "a": "x",
                                               "b": "2" } } }]"#,
    );
    let found = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &text)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    // Line 4, at the value `"2"`, not at the example's opening `{` on line 3.
    assert!(
        found[0].starts_with("spec/acme.rename.json:4:53: at `examples[0].request.body.b`: the example's value \"2\" is not an integer"),
        "{found:?}"
    );
}

#[test]
fn example_values_deviations_and_the_query_token() {
    let fields = r#"{ "body": [{ "name": "a", "type": "string", "examples": ["x", "y"] }, { "name": "b", "type": "integer" }] }"#;
    let marked = r#", "examples": [{ "request": { "body": { "b": "2" } },
        "deviations": [{ "at": "/request/body/b", "note": "the page sends a string" }] }]"#;
    assert_eq!(found(fields, marked), Vec::<String>::new());
    let needless = r#", "examples": [{ "request": { "body": { "b": 2 } },
        "deviations": [{ "at": "/request/body/b", "note": "n" }] }]"#;
    let problems_found = found(fields, needless);
    assert_eq!(problems_found.len(), 1, "{problems_found:#?}");
    assert!(problems_found[0].contains(
        "the deviation at `/request/body/b` marks no value that differs from its field's type"
    ));
    let unreadable = r#", "examples": [{ "request": { "body": { "b": "two" } },
        "deviations": [{ "at": "/request/body/b", "note": "n" }] }]"#;
    let problems_found = found(fields, unreadable);
    assert!(
        problems_found
            .iter()
            .any(|p| p.contains("the example's value \"two\" is not an integer")),
        "{problems_found:#?}"
    );

    let both =
        r#"{ "body": [{ "name": "a", "type": "string", "example": "x", "examples": ["y"] }] }"#;
    let problems_found = found(both, "");
    assert_eq!(problems_found.len(), 1);
    assert!(problems_found[0].contains("give `example` or `examples`, not both"));

    // The query token's placeholder is allowed where the API takes the token in the query.
    let query_api = PLATFORM.replace(
        r#""auth": { "in": "bearer" }"#,
        r#""auth": { "in": "query", "name": "access_token" }"#,
    );
    let example =
        r#", "examples": [{ "request": { "query": { "access_token": "ACCESS_TOKEN" } } }]"#;
    let text = endpoint(r#"{ "body": [] }"#, example);
    assert_eq!(
        problems(&[("acme.json", &query_api), ("acme.rename.json", &text)]),
        Vec::<String>::new()
    );
    let found_bearer = problems(&[("acme.json", PLATFORM), ("acme.rename.json", &text)]);
    assert!(
        found_bearer[0]
            .contains("the example has `access_token`, which the spec does not describe")
    );
}

#[test]
fn a_field_with_several_examples_shows_them_in_its_docs() {
    let tokens = generate_from_dir(&workspace(), "tests/round-two-spec", &options(None))
        .unwrap()
        .to_string();
    assert!(
        tokens.contains("examples `\\\"u1\\\"`, `\\\"ou_7d8a6e6df7621556ce0d21922b676706ccs\\\"`"),
        "{tokens}"
    );
}

#[test]
fn rules_and_groups_belong_to_objects() {
    let found = found(
        r#"{ "body": [{ "name": "a", "type": "string", "rules": [{ "then": { "field": "a", "present": true }, "description": "d" }] }] }"#,
        "",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("`rules` does not go with `\"type\": \"string\"`"),
        "{found:?}"
    );
}
