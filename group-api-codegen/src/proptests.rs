//! No input makes the macro panic: arbitrary bytes, arbitrary JSON, and mutated copies of the real
//! spec files all end in generated code or in diagnostics. 10,000 spec inputs a run (see the case
//! counts below); a failing case is shrunk and printed in the test's output (nothing is written to
//! disk, so a run leaves the tree clean).

use std::path::PathBuf;

use proptest::prelude::*;
use quote::quote;
use serde_json::{Map, Value};

use super::codegen::{self, Options};
use super::load_and_check;
use super::source::SourceFile;

const PLATFORMS: [&str; 3] = ["dingtalk", "feishu", "wecom"];
const ENDPOINTS: [&str; 4] = [
    "dingtalk.update_group",
    "dingtalk.update_group_nick",
    "feishu.update_user_group",
    "wecom.update_corp_group_chat",
];

fn real(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../spec/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn file(name: &str, text: String) -> SourceFile {
    SourceFile::new(
        PathBuf::from(format!("{name}.json")),
        format!("spec/{name}.json"),
        text,
    )
}

/// The real platform files plus one endpoint file with the given text.
fn with_platforms(endpoint_name: &str, text: String) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = PLATFORMS
        .iter()
        .map(|p| file(p, real(p).to_string()))
        .collect();
    files.push(file(endpoint_name, text));
    files
}

/// Every input ends in generated code or at least one diagnostic, never a panic.
fn ends_in_code_or_diagnostics(files: Vec<SourceFile>) {
    match load_and_check(files) {
        Ok(set) => {
            let options = Options {
                krate: quote!(::group_api),
                inline_platform: None,
                client: None,
                js_client: None,
                builtin: false,
            };
            let tokens = codegen::generate(&set, &options);
            assert!(set.endpoints.is_empty() || !tokens.is_empty());
        }
        Err(diags) => assert!(!diags.list().is_empty()),
    }
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        // Words the format uses are likelier to reach deep checks than random text.
        prop::sample::select(vec![
            "string",
            "integer",
            "boolean",
            "array",
            "object",
            "endpoint",
            "platform",
            "v1",
            "api",
            "name",
            "type",
            "GET",
            "POST",
            "/a/:b",
            "chatid",
            "UpdateGroup",
            "snake_case",
            "wx.qy.x",
            "",
            "名",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop::sample::select(vec![
            "kind",
            "platform",
            "api",
            "name",
            "title",
            "type",
            "items",
            "fields",
            "required",
            "enum",
            "value",
            "variant",
            "rust_type",
            "min_length",
            "max_length",
            "request",
            "body",
            "path",
            "query",
            "errors",
            "code",
            "category",
            "transport",
            "http",
            "method",
            "examples",
            "response",
            "at_least_one_of",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..6).prop_map(|entries| Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect()
            )),
        ]
    })
}

/// One edit somewhere in a JSON document.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    RenameKey(usize, String),
    Duplicate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), json()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), "[a-z_]{1,10}").prop_map(|(at, k)| Mutation::RenameKey(at, k)),
        any::<usize>().prop_map(Mutation::Duplicate),
    ]
}

fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// Applies `mutation` to the node numbered `target` in pre-order (the root is 0), acting on the
/// container that holds it for removals, renames and duplicates.
fn apply(value: &mut Value, mutation: &Mutation) {
    let target = match mutation {
        Mutation::Replace(at, _)
        | Mutation::Remove(at)
        | Mutation::RenameKey(at, _)
        | Mutation::Duplicate(at) => *at % count(value),
    };
    if target == 0 {
        if let Mutation::Replace(_, v) = mutation {
            *value = v.clone();
        }
        return;
    }
    let mut seen = 0;
    visit(value, target, &mut seen, mutation);
}

fn visit(value: &mut Value, target: usize, seen: &mut usize, mutation: &Mutation) -> bool {
    match value {
        Value::Array(items) => {
            for i in 0..items.len() {
                *seen += 1;
                if *seen == target {
                    match mutation {
                        Mutation::Replace(_, v) => items[i] = v.clone(),
                        Mutation::Remove(_) => {
                            items.remove(i);
                        }
                        Mutation::Duplicate(_) => items.insert(i, items[i].clone()),
                        Mutation::RenameKey(..) => {}
                    }
                    return true;
                }
                if visit(&mut items[i], target, seen, mutation) {
                    return true;
                }
            }
            false
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                *seen += 1;
                if *seen == target {
                    match mutation {
                        Mutation::Replace(_, v) => {
                            map.insert(key, v.clone());
                        }
                        Mutation::Remove(_) => {
                            map.remove(&key);
                        }
                        Mutation::RenameKey(_, new) => {
                            let v = map.remove(&key).unwrap_or(Value::Null);
                            map.insert(new.clone(), v);
                        }
                        Mutation::Duplicate(_) => {
                            let v = map[&key].clone();
                            map.insert(format!("{key}_copy"), v);
                        }
                    }
                    return true;
                }
                if let Some(child) = map.get_mut(&key)
                    && visit(child, target, seen, mutation)
                {
                    return true;
                }
            }
            false
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        ends_in_code_or_diagnostics(vec![file("acme.rename", text.clone()), file("acme", text)]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json(value in json(), as_platform in any::<bool>()) {
        let name = if as_platform { "acme" } else { "dingtalk.rename" };
        ends_in_code_or_diagnostics(with_platforms(name, value.to_string()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_specs(which in 0..ENDPOINTS.len(), edits in prop::collection::vec(mutation(), 1..4)) {
        let name = ENDPOINTS[which];
        let mut value = real(name);
        for edit in &edits {
            apply(&mut value, edit);
        }
        ends_in_code_or_diagnostics(with_platforms(name, serde_json::to_string_pretty(&value).unwrap()));
    }
}

#[test]
fn mutations_reach_every_node() {
    let mut value: Value = serde_json::json!({"a": [1, {"b": 2}], "c": 3});
    assert_eq!(count(&value), 6);
    // Pre-order: root 0, "a" 1, 1 2, {"b": 2} 3, 2 4, "c" 5.
    apply(&mut value, &Mutation::Replace(4, Value::from("y")));
    assert_eq!(value, serde_json::json!({"a": [1, {"b": "y"}], "c": 3}));
    apply(&mut value, &Mutation::Replace(3, Value::from("x")));
    assert_eq!(value, serde_json::json!({"a": [1, "x"], "c": 3}));
    apply(&mut value, &Mutation::RenameKey(4, "d".into()));
    assert_eq!(value, serde_json::json!({"a": [1, "x"], "d": 3}));
    let mut map = Map::new();
    map.insert("k".into(), Value::from(1));
    let mut value = Value::Object(map);
    apply(&mut value, &Mutation::Duplicate(1));
    assert_eq!(value, serde_json::json!({"k": 1, "k_copy": 1}));
}
