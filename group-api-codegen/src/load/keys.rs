//! The keys each object of the spec format allows, in one place. `spec/schema.json` lists them
//! again for editors; a test (`schema_agrees`) fails when the two drift apart.
//!
//! Each list is named after the object it belongs to and paired, in [`ALL`], with the JSON pointer
//! of that object's `properties` in the schema.

pub const PLATFORM_FILE: &[&str] = &[
    "$schema",
    "kind",
    "platform",
    "title",
    "display_name",
    "summary",
    "sources",
    "token",
    "apis",
    "types",
    "notes",
];
pub const TOKEN: &[&str] = &["endpoint", "credentials", "response", "notes"];
pub const TOKEN_CREDENTIALS: &[&str] = &["id", "secret"];
pub const TOKEN_RESPONSE: &[&str] = &["token", "expires_in"];
pub const API: &[&str] = &[
    "name",
    "title",
    "summary",
    "transport",
    "base_url",
    "auth",
    "envelope",
    "request_id",
    "wait_hint_headers",
    "rate_limits",
    "errors",
    "notes",
];
pub const RATE_LIMIT: &[&str] = &["calls", "per", "scope", "source"];
pub const AUTH: &[&str] = &["in", "name"];
pub const ENVELOPE: &[&str] = &["kind", "code", "message", "success"];
pub const REQUEST_ID: &[&str] = &["body", "headers"];
pub const ENDPOINT_FILE: &[&str] = &[
    "$schema",
    "kind",
    "platform",
    "api",
    "name",
    "title",
    "summary",
    "doc",
    "transport",
    "auth",
    "app_types",
    "permissions",
    "rate_limit",
    "rate_limits",
    "request",
    "response",
    "errors",
    "examples",
    "pagination",
    "notes",
];
pub const PAGINATION: &[&str] = &["request_cursor", "response_cursor", "has_more", "items"];
pub const DOC: &[&str] = &["url", "updated", "source"];
pub const TRANSPORT: &[&str] = &["http", "js_sdk"];
pub const HTTP: &[&str] = &["method", "path", "documented_host", "idempotent", "body"];
pub const JS_SDK: &[&str] = &["api", "also"];
pub const REQUEST: &[&str] = &[
    "path",
    "query",
    "headers",
    "body",
    "at_least_one_of",
    "rules",
];
pub const RESPONSE: &[&str] = &["body"];
pub const GROUP: &[&str] = &["fields", "description"];
pub const RULE: &[&str] = &["when", "then", "description", "error"];
pub const CONDITION: &[&str] = &["field", "equals", "one_of", "present", "contains"];
/// `contains` naming another field: `{ "field": "owner" }`.
pub const CONTAINS_FIELD: &[&str] = &["field"];
pub const FIELD: &[&str] = &[
    "name",
    "type",
    "items",
    "fields",
    "at_least_one_of",
    "rules",
    "required",
    "description",
    "example",
    "examples",
    "default",
    "rust_name",
    "rust_type",
    "enum",
    "min_length",
    "max_length",
    "violation_error",
    "const",
    "secret",
    "notes",
    "pattern",
    "minimum",
    "maximum",
    "min_items",
    "max_items",
    "separator",
    "one_of",
];
/// An array's `items`: a field without the parts that belong to the field rather than its type.
pub const ITEM_TYPE: &[&str] = &[
    "type",
    "items",
    "fields",
    "at_least_one_of",
    "rules",
    "rust_type",
    "enum",
    "description",
    "min_length",
    "max_length",
    "pattern",
    "minimum",
    "maximum",
    "one_of",
];
/// A platform file's `types` entry: a named type, described like an array's `items`.
pub const SHARED_TYPE: &[&str] = &[
    "type",
    "items",
    "fields",
    "at_least_one_of",
    "rust_type",
    "enum",
    "description",
    "one_of",
    "notes",
];
/// A shape of a union (`one_of`).
pub const UNION_VARIANT: &[&str] = &[
    "variant",
    "type",
    "items",
    "fields",
    "at_least_one_of",
    "rust_type",
    "enum",
    "description",
];
/// `violation_error` as an object: a row variant per rule.
pub const VIOLATION_ERROR: &[&str] = crate::model::ViolationError::RULES;
pub const ENUM_VALUE: &[&str] = &["value", "variant", "description"];
pub const ERROR_ROW: &[&str] = &[
    "variant",
    "status",
    "code",
    "message",
    "explanation",
    "category",
    "retryable",
    "retry_after_ms",
    "max_attempts",
    "source",
    "notes",
];
pub const EXAMPLE: &[&str] = &["name", "request", "response", "source", "deviations"];
/// A value of an example that contradicts the page's own table, marked.
pub const DEVIATION: &[&str] = &["at", "note"];
pub const EXAMPLE_REQUEST: &[&str] = &["path", "query", "body"];

/// Every list with the JSON pointer of the object's `properties` in `spec/schema.json`.
#[cfg(test)]
pub const ALL: &[(&str, &[&str])] = &[
    ("/$defs/platformFile/properties", PLATFORM_FILE),
    ("/$defs/token/properties", TOKEN),
    (
        "/$defs/token/properties/credentials/properties",
        TOKEN_CREDENTIALS,
    ),
    (
        "/$defs/token/properties/response/properties",
        TOKEN_RESPONSE,
    ),
    ("/$defs/api/properties", API),
    ("/$defs/rateLimits/items/properties", RATE_LIMIT),
    ("/$defs/auth/properties", AUTH),
    ("/$defs/envelope/properties", ENVELOPE),
    ("/$defs/requestId/properties", REQUEST_ID),
    ("/$defs/endpointFile/properties", ENDPOINT_FILE),
    ("/$defs/pagination/properties", PAGINATION),
    ("/$defs/doc/properties", DOC),
    ("/$defs/endpointTransport/properties", TRANSPORT),
    ("/$defs/endpointTransport/properties/http/properties", HTTP),
    (
        "/$defs/endpointTransport/properties/js_sdk/properties",
        JS_SDK,
    ),
    ("/$defs/request/properties", REQUEST),
    ("/$defs/response/properties", RESPONSE),
    ("/$defs/group/properties", GROUP),
    ("/$defs/rule/properties", RULE),
    ("/$defs/condition/properties", CONDITION),
    (
        "/$defs/condition/properties/contains/oneOf/1/properties",
        CONTAINS_FIELD,
    ),
    ("/$defs/field/properties", FIELD),
    ("/$defs/itemType/properties", ITEM_TYPE),
    ("/$defs/sharedType/properties", SHARED_TYPE),
    ("/$defs/unionVariant/properties", UNION_VARIANT),
    ("/$defs/violationErrorRules/properties", VIOLATION_ERROR),
    ("/$defs/enumValue/properties", ENUM_VALUE),
    ("/$defs/errorRow/properties", ERROR_ROW),
    ("/$defs/example/properties", EXAMPLE),
    (
        "/$defs/example/properties/deviations/items/properties",
        DEVIATION,
    ),
    (
        "/$defs/example/properties/request/properties",
        EXAMPLE_REQUEST,
    ),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The loader and `spec/schema.json` allow the same keys in every object, so an editor never
    /// flags a key the macro takes, nor completes one the macro refuses.
    #[test]
    fn schema_agrees() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/schema.json");
        let text = std::fs::read_to_string(&path).expect("spec/schema.json");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
        let mut drift = Vec::new();
        for (pointer, keys) in super::ALL {
            let Some(properties) = schema.pointer(pointer).and_then(|p| p.as_object()) else {
                drift.push(format!("{pointer}: not in the schema"));
                continue;
            };
            let in_schema: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
            let in_loader: BTreeSet<&str> = keys.iter().copied().collect();
            for key in in_loader.difference(&in_schema) {
                drift.push(format!(
                    "{pointer}: `{key}` is allowed by the loader, not the schema"
                ));
            }
            for key in in_schema.difference(&in_loader) {
                drift.push(format!(
                    "{pointer}: `{key}` is in the schema, not allowed by the loader"
                ));
            }
        }
        assert!(
            drift.is_empty(),
            "the loader and spec/schema.json disagree:\n{}",
            drift.join("\n")
        );
    }
}
