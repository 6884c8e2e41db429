//! Every spec file validates against `spec/schema.json`, the schema editors use; and the schema
//! rejects what the format forbids, so it is not a schema that accepts anything.

use group_api_tests::spec_dir;
use serde_json::{Value, json};

fn compile() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(spec_dir().join("schema.json")).unwrap())
            .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("urn:group-api:schema", schema)
        .unwrap();
    let index = compiler
        .compile("urn:group-api:schema", &mut schemas)
        .expect("schema.json is a valid JSON Schema");
    (schemas, index)
}

#[test]
fn every_spec_file_validates_against_the_schema() {
    let (schemas, index) = compile();
    let mut checked = 0;
    for entry in std::fs::read_dir(spec_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name == "schema.json" {
            continue;
        }
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(spec["$schema"], "./schema.json", "{name} names the schema");
        if let Err(error) = schemas.validate(&spec, index) {
            panic!("{name} does not validate: {error:#}");
        }
        checked += 1;
    }
    // Three platform files, four token endpoints and 43 group-management endpoints.
    assert_eq!(checked, 50, "three platform files and 47 endpoints");
}

#[test]
fn the_schema_rejects_what_the_format_forbids() {
    let (schemas, index) = compile();
    let valid: Value = group_api_tests::spec("feishu.update_user_group");
    assert!(schemas.validate(&valid, index).is_ok());
    type Mutation = fn(&mut Value);
    let mutations: [(&str, Mutation); 4] = [
        ("unknown key", |s| {
            s["request"]["body"][0]["requird"] = json!(true)
        }),
        ("unknown type", |s| {
            s["request"]["body"][0]["type"] = json!("strng")
        }),
        ("missing name", |s| {
            s.as_object_mut().unwrap().remove("name");
        }),
        ("bad category", |s| {
            s["errors"][0]["category"] = json!("notfound")
        }),
    ];
    for (what, mutate) in mutations {
        let mut spec = valid.clone();
        mutate(&mut spec);
        assert!(
            schemas.validate(&spec, index).is_err(),
            "the schema accepted a spec with {what}"
        );
    }
}

/// The spec files name their sources as the vendors' pages (title, URL, date where known), never as
/// local working copies: those are not in the repository or the published crates, and the generated
/// rustdoc repeats what the specs say.
#[test]
fn no_spec_file_names_a_local_copy_as_its_source() {
    let local = [
        "shared/docs",
        "platform-facts.md",
        "page 000",
        "page 001",
        "page 002",
        "page 003",
        "pages 001",
    ];
    let mut checked = 0;
    for entry in std::fs::read_dir(spec_dir()).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            for needle in local {
                assert!(
                    !line.contains(needle),
                    "spec/{name}:{}: names `{needle}`, a local copy; name the vendor page \
                     (title, URL, date) instead, or say plainly that it gives none",
                    number + 1
                );
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 12,
        "README.md, schema.json and the ten spec files"
    );
}

/// The field-level keys of the format's second round (issue 14) are in the schema, with the same
/// limits the macro keeps: a rule goes with the type it fits, a union has its shapes, a type is
/// one name, `violation_error` keys are rule names.
#[test]
fn the_schema_knows_the_field_rules() {
    let (schemas, index) = compile();
    let valid: Value = group_api_tests::spec("feishu.update_user_group");
    let with = |field: Value| {
        let mut spec = valid.clone();
        spec["request"]["body"][0] = field;
        spec
    };
    let accepted = [
        json!({ "name": "userIds", "type": "array", "min_items": 1, "max_items": 40,
                "items": { "type": "string", "min_length": 1, "max_length": 64, "pattern": "^[0-9A-Za-z]+$" },
                "violation_error": { "max_items": "GroupNameExceedLimit" } }),
        json!({ "name": "ids", "type": "array", "separator": ";", "items": { "type": "int64" } }),
        json!({ "name": "limit", "type": "int32", "minimum": 1, "maximum": 100 }),
        json!({ "name": "ratio", "type": "number", "maximum": 1.5 }),
        json!({ "name": "kind", "type": "UserIdType" }),
        json!({ "name": "ids", "type": "union", "rust_type": "Ids",
                "one_of": [{ "variant": "One", "type": "string" },
                           { "variant": "Many", "type": "array", "items": { "type": "string" } }] }),
    ];
    for field in accepted {
        if let Err(error) = schemas.validate(&with(field.clone()), index) {
            panic!("the schema refused {field}: {error:#}");
        }
    }
    let refused = [
        json!({ "name": "ids", "type": ["string", "array"], "items": { "type": "string" } }),
        json!({ "name": "n", "type": "int32", "pattern": "^a$" }),
        json!({ "name": "n", "type": "string", "minimum": 1 }),
        json!({ "name": "n", "type": "string", "max_items": 3 }),
        json!({ "name": "n", "type": "string", "max_length": 3, "violation_error": { "max_lenght": "A" } }),
        json!({ "name": "n", "type": "union", "rust_type": "U" }),
        json!({ "name": "n", "type": "union", "rust_type": "U", "one_of": [{ "variant": "One", "type": "string" }] }),
        json!({ "name": "n", "type": "string", "one_of": [] }),
    ];
    for field in refused {
        assert!(
            schemas.validate(&with(field.clone()), index).is_err(),
            "the schema accepted {field}"
        );
    }
}

/// README's endpoint table has a row for every endpoint in `spec/` (the token endpoints are named
/// in the paragraph after it), with its call and its request type.
#[test]
fn the_readme_lists_every_endpoint() {
    let readme = std::fs::read_to_string(spec_dir().join("../README.md")).unwrap();
    let mut missing = Vec::new();
    let mut listed = 0;
    for entry in std::fs::read_dir(spec_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        let spec = group_api_tests::spec(stem);
        // The token endpoints take no token themselves.
        if spec["kind"] != "endpoint" || spec["auth"]["in"] == "none" {
            continue;
        }
        let endpoint = spec["name"].as_str().unwrap();
        let platform = spec["platform"].as_str().unwrap();
        let rust: String = endpoint
            .split('_')
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect();
        let call = match (&spec["transport"]["http"], &spec["transport"]["js_sdk"]) {
            (Value::Object(http), _) => format!(
                "{} {}",
                http["method"].as_str().unwrap(),
                http["path"].as_str().unwrap()
            ),
            (_, js) => js["api"].as_str().unwrap().to_owned(),
        };
        let row = readme
            .lines()
            .find(|line| line.contains(&format!("`{platform}::{rust}Request`")));
        match row {
            Some(row) if row.contains(&format!("`{call}")) => listed += 1,
            _ => missing.push(format!("{stem} ({call})")),
        }
    }
    assert!(missing.is_empty(), "README lacks rows for {missing:#?}");
    assert!(listed >= 36, "only {listed} endpoints");
}
