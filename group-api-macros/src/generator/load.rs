//! Loading: spec file text → model. Every problem is reported with its place and the loader goes on,
//! so one build shows all of them. Nothing here panics on any input.

use jsonc_parser::ast::{Object, ObjectProp, Value as Node};
use jsonc_parser::common::Ranged as _;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use serde_json::Value;

use super::diag::{Ctxt, Loc, did_you_mean};
use super::model::*;

/// Strict JSON: no comments, trailing commas or other JSON5 liberties.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// What a file is, from its name: `<platform>.json` or `<platform>.<name>.json`.
pub fn file_kind(file_name: &str) -> Option<(&str, Option<&str>)> {
    let stem = file_name.strip_suffix(".json")?;
    match stem.split_once('.') {
        Some((platform, name)) => Some((platform, Some(name))),
        None => Some((stem, None)),
    }
}

/// Loads every file of the context into `set`.
pub fn load_all(cx: &mut Ctxt, set: &mut SpecSet) {
    for index in 0..cx.files.len() {
        // The text is cloned so the AST can borrow it while the context takes reports.
        let text = cx.files[index].text.clone();
        let name = cx.files[index]
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        load_file(cx, set, index, &name, &text);
    }
}

fn load_file(cx: &mut Ctxt, set: &mut SpecSet, file: usize, file_name: &str, text: &str) {
    let root = match parse_to_ast(text, &CollectOptions::default(), &strict()) {
        Ok(parsed) => parsed.value,
        Err(error) => {
            let at = Loc::new(file, error.range().start, "");
            cx.error(
                &at,
                format!("this file is not valid JSON: {}", error.kind()),
                None,
            );
            return;
        }
    };
    let Some(root) = root else {
        cx.error(
            &Loc::new(file, 0, ""),
            "this file is empty; a spec file holds one JSON object",
            None,
        );
        return;
    };
    let mut r = Reader { cx, file };
    let Some(kind) = r.peek_kind(&root) else {
        return;
    };
    let expected = file_kind(file_name);
    match kind.as_str() {
        "platform" => {
            if let Some(platform) = r.platform(&root) {
                let named = !platform.platform.is_empty();
                if named && expected.is_some_and(|(p, n)| p != platform.platform || n.is_some()) {
                    let help = format!("name the file `{}.json`", platform.platform);
                    r.error(
                        &platform.at,
                        "a platform file is named after its platform",
                        Some(help),
                    );
                }
                let built_in = super::builtin::is_built_in(&r.cx.files[file]);
                set.platforms.push(PlatformSpec {
                    built_in,
                    ..platform
                });
            }
        }
        "endpoint" => {
            if let Some(endpoint) = r.endpoint(&root, expected.and_then(|(_, n)| n)) {
                let named = !endpoint.name.is_empty() && !endpoint.platform.is_empty();
                if named
                    && expected.is_some_and(|(p, n)| {
                        p != endpoint.platform || n != Some(endpoint.name.as_str())
                    })
                {
                    let help = format!(
                        "name the file `{}.{}.json`",
                        endpoint.platform, endpoint.name
                    );
                    r.error(
                        &endpoint.at,
                        "an endpoint file is named `<platform>.<name>.json`",
                        Some(help),
                    );
                }
                set.endpoints.push(endpoint);
            }
        }
        _ => {}
    }
}

/// An object node with its path, its keys checked against the allowed ones.
struct Obj<'n, 'a> {
    props: &'n [ObjectProp<'a>],
    at: Loc,
}

impl<'n, 'a> Obj<'n, 'a> {
    fn get(&self, key: &str) -> Option<&'n Node<'a>> {
        self.props
            .iter()
            .find(|p| p.name.as_str() == key)
            .map(|p| &p.value)
    }

    fn path(&self, key: &str) -> String {
        if self.at.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.at.path)
        }
    }

    fn loc(&self, key: &str) -> Loc {
        match self.get(key) {
            Some(node) => Loc::new(self.at.file, node.range().start, self.path(key)),
            None => self.at.clone(),
        }
    }
}

fn found(node: &Node) -> &'static str {
    match node {
        Node::StringLit(_) => "a string",
        Node::NumberLit(_) => "a number",
        Node::BooleanLit(_) => "a boolean",
        Node::Object(_) => "an object",
        Node::Array(_) => "an array",
        Node::NullKeyword(_) => "null",
    }
}

/// Converts a node to a JSON value (for examples and defaults).
pub fn to_value(node: &Node) -> Value {
    match node {
        Node::StringLit(s) => Value::String(s.value.to_string()),
        Node::NumberLit(n) => serde_json::from_str(n.value).unwrap_or(Value::Null),
        Node::BooleanLit(b) => Value::Bool(b.value),
        Node::NullKeyword(_) => Value::Null,
        Node::Array(a) => Value::Array(a.elements.iter().map(to_value).collect()),
        Node::Object(o) => Value::Object(
            o.properties
                .iter()
                .map(|p| (p.name.as_str().to_owned(), to_value(&p.value)))
                .collect(),
        ),
    }
}

struct Reader<'c> {
    cx: &'c mut Ctxt,
    file: usize,
}

const PLATFORM_KEYS: &[&str] = &[
    "$schema",
    "kind",
    "platform",
    "title",
    "display_name",
    "summary",
    "sources",
    "token",
    "apis",
    "notes",
];
const TOKEN_KEYS: &[&str] = &["endpoint", "credentials", "response", "notes"];
const API_KEYS: &[&str] = &[
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
const ENDPOINT_KEYS: &[&str] = &[
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
    "notes",
];
const FIELD_KEYS: &[&str] = &[
    "name",
    "type",
    "items",
    "fields",
    "at_least_one_of",
    "required",
    "description",
    "example",
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
];
const TYPE_KEYS: &[&str] = &[
    "type",
    "items",
    "fields",
    "at_least_one_of",
    "rust_type",
    "enum",
    "description",
];
const ERROR_KEYS: &[&str] = &[
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
const TYPES: &[&str] = &["string", "integer", "boolean", "array", "object"];
const METHODS: &[(&str, Method)] = &[
    ("GET", Method::Get),
    ("POST", Method::Post),
    ("PUT", Method::Put),
    ("PATCH", Method::Patch),
    ("DELETE", Method::Delete),
];

impl Reader<'_> {
    fn error(&mut self, at: &Loc, message: impl Into<String>, help: Option<String>) {
        self.cx.error(at, message, help);
    }

    fn node_loc(&self, node: &Node, path: String) -> Loc {
        Loc::new(self.file, node.range().start, path)
    }

    /// The root's `kind`, or a report saying what is missing.
    fn peek_kind(&mut self, root: &Node) -> Option<String> {
        let at = self.node_loc(root, String::new());
        let Node::Object(object) = root else {
            self.error(
                &at,
                format!("expected a JSON object, found {}", found(root)),
                None,
            );
            return None;
        };
        let kind = object.properties.iter().find(|p| p.name.as_str() == "kind");
        match kind.map(|p| &p.value) {
            Some(Node::StringLit(s)) if matches!(&*s.value, "platform" | "endpoint") => {
                Some(s.value.to_string())
            }
            Some(other) => {
                let at = self.node_loc(other, "kind".into());
                let text = match other {
                    Node::StringLit(s) => format!("`\"{}\"`", s.value),
                    other => found(other).to_owned(),
                };
                let help = match other {
                    Node::StringLit(s) => did_you_mean(&s.value, ["platform", "endpoint"])
                        .map(|m| format!("did you mean `\"{m}\"`?")),
                    _ => None,
                };
                self.error(
                    &at,
                    format!("`kind` must be \"platform\" or \"endpoint\", found {text}"),
                    help,
                );
                None
            }
            None => {
                let help = Some(
                    "add `\"kind\": \"endpoint\"` (or `\"platform\"` for a platform file)"
                        .to_owned(),
                );
                self.error(&at, "missing required key `kind`", help);
                None
            }
        }
    }

    fn object<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        path: String,
        allowed: &[&str],
    ) -> Option<Obj<'n, 'a>> {
        let at = self.node_loc(node, path);
        let Node::Object(Object { properties, .. }) = node else {
            self.error(
                &at,
                format!("expected an object, found {}", found(node)),
                None,
            );
            return None;
        };
        let obj = Obj {
            props: properties,
            at,
        };
        for (i, prop) in properties.iter().enumerate() {
            let key = prop.name.as_str();
            let key_at = Loc::new(self.file, prop.range.start, obj.path(key));
            if properties[..i].iter().any(|p| p.name.as_str() == key) {
                self.error(
                    &key_at,
                    format!("key `{key}` appears twice in this object"),
                    None,
                );
            } else if !allowed.contains(&key) {
                let help = match did_you_mean(key, allowed.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("allowed keys here: {}", allowed.join(", ")),
                };
                self.error(&key_at, format!("unknown key `{key}`"), Some(help));
            }
        }
        Some(obj)
    }

    fn string(&mut self, obj: &Obj, key: &str, required: bool) -> Option<String> {
        match obj.get(key) {
            Some(Node::StringLit(s)) => Some(s.value.to_string()),
            Some(other) => {
                let at = obj.loc(key);
                self.error(
                    &at,
                    format!("expected a string, found {}", found(other)),
                    None,
                );
                None
            }
            None => {
                if required {
                    self.error(&obj.at, format!("missing required key `{key}`"), None);
                }
                None
            }
        }
    }

    fn req_string(&mut self, obj: &Obj, key: &str) -> String {
        self.string(obj, key, true).unwrap_or_default()
    }

    fn opt_string(&mut self, obj: &Obj, key: &str) -> Option<String> {
        self.string(obj, key, false)
    }

    fn bool(&mut self, obj: &Obj, key: &str) -> bool {
        match obj.get(key) {
            Some(Node::BooleanLit(b)) => b.value,
            Some(other) => {
                let at = obj.loc(key);
                self.error(
                    &at,
                    format!("expected true or false, found {}", found(other)),
                    None,
                );
                false
            }
            None => false,
        }
    }

    fn integer(&mut self, obj: &Obj, key: &str, min: i64, max: i64) -> Option<i64> {
        let node = obj.get(key)?;
        let at = obj.loc(key);
        let parsed = match node {
            Node::NumberLit(n) => n.value.parse::<i64>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(n) => {
                self.error(
                    &at,
                    format!("{n} is out of range: allowed are {min} to {max}"),
                    None,
                );
                None
            }
            None => {
                let what = match node {
                    Node::NumberLit(n) => format!("`{}`", n.value),
                    other => found(other).to_owned(),
                };
                self.error(&at, format!("expected a whole number, found {what}"), None);
                None
            }
        }
    }

    /// A required key naming one body field (`"code"`) or several, in order of preference
    /// (`["code", "Code"]`).
    fn field_names(&mut self, obj: &Obj, key: &str) -> Vec<String> {
        match obj.get(key) {
            Some(Node::Array(_)) => {
                let names = self.strings(obj, key);
                if names.is_empty() {
                    let at = obj.loc(key);
                    self.error(&at, format!("`{key}` names no field"), None);
                }
                names
            }
            _ => self.string(obj, key, true).into_iter().collect(),
        }
    }

    fn strings(&mut self, obj: &Obj, key: &str) -> Vec<String> {
        let Some(node) = obj.get(key) else {
            return Vec::new();
        };
        let path = obj.path(key);
        let Node::Array(array) = node else {
            let at = obj.loc(key);
            self.error(
                &at,
                format!("expected an array of strings, found {}", found(node)),
                None,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, element) in array.elements.iter().enumerate() {
            match element {
                Node::StringLit(s) => out.push(s.value.to_string()),
                other => {
                    let at = self.node_loc(other, format!("{path}[{i}]"));
                    self.error(
                        &at,
                        format!("expected a string, found {}", found(other)),
                        None,
                    );
                }
            }
        }
        out
    }

    /// A string that must be one of `allowed`.
    fn choice<T: Copy>(
        &mut self,
        obj: &Obj,
        key: &str,
        allowed: &[(&str, T)],
        required: bool,
    ) -> Option<T> {
        let text = self.string(obj, key, required)?;
        if let Some((_, value)) = allowed.iter().find(|(name, _)| *name == text) {
            return Some(*value);
        }
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        let help = match did_you_mean(&text, names.iter().copied()) {
            Some(m) => format!("did you mean `\"{m}\"`?"),
            None => format!(
                "allowed: {}",
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let at = obj.loc(key);
        self.error(
            &at,
            format!("`\"{text}\"` is not a valid `{key}`"),
            Some(help),
        );
        None
    }

    fn array<'n, 'a>(&mut self, obj: &Obj<'n, 'a>, key: &str) -> Vec<(&'n Node<'a>, String)> {
        let Some(node) = obj.get(key) else {
            return Vec::new();
        };
        let path = obj.path(key);
        match node {
            Node::Array(array) => array
                .elements
                .iter()
                .enumerate()
                .map(|(i, e)| (e, format!("{path}[{i}]")))
                .collect(),
            other => {
                let at = obj.loc(key);
                self.error(
                    &at,
                    format!("expected an array, found {}", found(other)),
                    None,
                );
                Vec::new()
            }
        }
    }

    fn platform(&mut self, root: &Node) -> Option<PlatformSpec> {
        let obj = self.object(root, String::new(), PLATFORM_KEYS)?;
        let platform = self.req_string(&obj, "platform");
        let title = self.req_string(&obj, "title");
        let summary = self.opt_string(&obj, "summary").unwrap_or_default();
        self.strings(&obj, "sources");
        self.strings(&obj, "notes");
        if obj.get("apis").is_none() {
            self.error(&obj.at, "missing required key `apis`", None);
        }
        let apis = self
            .array(&obj, "apis")
            .into_iter()
            .filter_map(|(n, p)| self.api(n, p))
            .collect();
        let display_name = self.opt_string(&obj, "display_name");
        let token = obj
            .get("token")
            .and_then(|node| self.token(node, obj.path("token")));
        Some(PlatformSpec {
            at: obj.loc("platform"),
            platform,
            title,
            summary,
            apis,
            display_name,
            token,
            built_in: false,
        })
    }

    /// `token`: `{ "endpoint", "credentials": { "id", "secret" }, "response": { "token",
    /// "expires_in" } }`. Nothing is built when a required part is missing or unreadable.
    fn token(&mut self, node: &Node, path: String) -> Option<TokenSpec> {
        let obj = self.object(node, path, TOKEN_KEYS)?;
        self.strings(&obj, "notes");
        let endpoint = self.string(&obj, "endpoint", true);
        let credentials = match obj.get("credentials") {
            Some(node) => self.object(node, obj.path("credentials"), &["id", "secret"]),
            None => {
                self.error(&obj.at, "missing required key `credentials`", None);
                None
            }
        };
        let response = match obj.get("response") {
            Some(node) => self.object(node, obj.path("response"), &["token", "expires_in"]),
            None => {
                self.error(&obj.at, "missing required key `response`", None);
                None
            }
        };
        let (credentials, response) = (credentials?, response?);
        let id = self.string(&credentials, "id", true);
        let secret = self.string(&credentials, "secret", true);
        let token = self.string(&response, "token", true);
        let expires_in = self.string(&response, "expires_in", false);
        Some(TokenSpec {
            at: obj.at.clone(),
            endpoint_at: obj.loc("endpoint"),
            endpoint: endpoint?,
            id_at: credentials.loc("id"),
            id: id?,
            secret_at: credentials.loc("secret"),
            secret: secret?,
            token_at: response.loc("token"),
            token: token?,
            expires_in_at: response.loc("expires_in"),
            expires_in,
        })
    }

    fn api(&mut self, node: &Node, path: String) -> Option<ApiSpec> {
        let obj = self.object(node, path, API_KEYS)?;
        let name = self.req_string(&obj, "name");
        let title = self.opt_string(&obj, "title").unwrap_or_default();
        let summary = self.opt_string(&obj, "summary").unwrap_or_default();
        let transports = [
            ("http", ApiTransport::Http),
            ("js_sdk", ApiTransport::JsSdk),
        ];
        let transport = self
            .choice(&obj, "transport", &transports, true)
            .unwrap_or(ApiTransport::Http);
        let base_url = self.opt_string(&obj, "base_url");
        let auth = match obj.get("auth") {
            Some(node) => self.auth(node, obj.path("auth")),
            None => {
                self.error(&obj.at, "missing required key `auth`", None);
                None
            }
        };
        let envelope = match obj.get("envelope") {
            Some(node) => self.envelope(node, obj.path("envelope")),
            None => {
                self.error(&obj.at, "missing required key `envelope`", None);
                None
            }
        };
        let (mut request_id_body, mut request_id_headers) = (Vec::new(), Vec::new());
        if let Some(node) = obj.get("request_id")
            && let Some(rid) = self.object(node, obj.path("request_id"), &["body", "headers"])
        {
            request_id_body = self.strings(&rid, "body");
            request_id_headers = self.strings(&rid, "headers");
        }
        let wait_hint_headers = self.strings(&obj, "wait_hint_headers");
        let rate_limits = self.rate_limits(&obj);
        let errors = self
            .array(&obj, "errors")
            .into_iter()
            .filter_map(|(n, p)| self.error_row(n, p))
            .collect();
        let notes = self.strings(&obj, "notes");
        Some(ApiSpec {
            at: obj.loc("name"),
            name,
            title,
            summary,
            transport,
            base_url,
            auth: auth.unwrap_or(Auth::Bearer),
            envelope: envelope.unwrap_or(Envelope::JsErrMsg),
            request_id_body,
            request_id_headers,
            wait_hint_headers,
            rate_limits,
            errors,
            notes,
        })
    }

    fn auth(&mut self, node: &Node, path: String) -> Option<Auth> {
        let obj = self.object(node, path, &["in", "name"])?;
        let kinds = [
            ("header", 0),
            ("bearer", 1),
            ("query", 2),
            ("js_session", 3),
            ("none", 4),
        ];
        let kind = self.choice(&obj, "in", &kinds, true)?;
        let needs_name = matches!(kind, 0 | 2);
        let name = self.string(&obj, "name", needs_name);
        if !needs_name && name.is_some() {
            let at = obj.loc("name");
            self.error(
                &at,
                "`name` only goes with `\"in\": \"header\"` or `\"in\": \"query\"`",
                None,
            );
        }
        Some(match kind {
            0 => Auth::Header(name?),
            1 => Auth::Bearer,
            2 => Auth::Query(name?),
            3 => Auth::JsSession,
            _ => Auth::None,
        })
    }

    fn envelope(&mut self, node: &Node, path: String) -> Option<Envelope> {
        let obj = self.object(node, path, &["kind", "code", "message", "success"])?;
        let kinds = [("http_status", 0), ("code_field", 1), ("js_errmsg", 2)];
        let kind = self.choice(&obj, "kind", &kinds, true)?;
        Some(match kind {
            0 => Envelope::HttpStatus {
                code: self.field_names(&obj, "code"),
                message: self.field_names(&obj, "message"),
            },
            1 => {
                let code = self.field_names(&obj, "code");
                let message = self.field_names(&obj, "message");
                if obj.get("success").is_none() {
                    self.error(&obj.at, "missing required key `success`", None);
                }
                let success = self
                    .integer(&obj, "success", i64::MIN, i64::MAX)
                    .unwrap_or(0);
                Envelope::CodeField {
                    code,
                    message,
                    success,
                }
            }
            _ => Envelope::JsErrMsg,
        })
    }

    fn error_row(&mut self, node: &Node, path: String) -> Option<ErrorRow> {
        let obj = self.object(node, path, ERROR_KEYS)?;
        let variant = self.req_string(&obj, "variant");
        let status = self.integer(&obj, "status", 100, 599).map(|s| s as u16);
        let code = match obj.get("code") {
            Some(Node::StringLit(s)) => Code::Text(s.value.to_string()),
            Some(Node::NumberLit(n)) => match n.value.parse::<i64>() {
                Ok(n) => Code::Number(n),
                Err(_) => {
                    let at = obj.loc("code");
                    self.error(
                        &at,
                        format!("expected a whole number or a string, found `{}`", n.value),
                        None,
                    );
                    Code::Number(0)
                }
            },
            Some(other) => {
                let at = obj.loc("code");
                self.error(
                    &at,
                    format!("expected a number or a string, found {}", found(other)),
                    None,
                );
                Code::Number(0)
            }
            None => {
                self.error(&obj.at, "missing required key `code`", None);
                Code::Number(0)
            }
        };
        let message = self.opt_string(&obj, "message");
        let explanation = self.opt_string(&obj, "explanation").unwrap_or_default();
        let category = self
            .choice(&obj, "category", &Category::ALL, true)
            .unwrap_or(Category::InvalidRequest);
        let retryable = self.bool(&obj, "retryable");
        let retry_after_ms = self
            .integer(&obj, "retry_after_ms", 0, 86_400_000)
            .map(|n| n as u64);
        let max_attempts = self.integer(&obj, "max_attempts", 1, 100).map(|n| n as u32);
        let source = self.opt_string(&obj, "source");
        self.strings(&obj, "notes");
        Some(ErrorRow {
            at: obj.loc("variant"),
            variant,
            status,
            code,
            message,
            explanation,
            category,
            retryable,
            retry_after_ms,
            max_attempts,
            source,
        })
    }

    /// An endpoint file; `file_name` is the name part of `<platform>.<name>.json`, suggested when
    /// the `name` key is missing.
    fn endpoint(&mut self, root: &Node, file_name: Option<&str>) -> Option<EndpointSpec> {
        let obj = self.object(root, String::new(), ENDPOINT_KEYS)?;
        let platform = self.req_string(&obj, "platform");
        let api = self.req_string(&obj, "api");
        let name = match (obj.get("name"), file_name) {
            (None, Some(from_file)) => {
                let help = format!(
                    "add `\"name\": \"{from_file}\"` (the endpoint's snake_case name, as in the file name)"
                );
                self.error(&obj.at, "missing required key `name`", Some(help));
                String::new()
            }
            _ => self.req_string(&obj, "name"),
        };
        let title = self.req_string(&obj, "title");
        let summary = self.opt_string(&obj, "summary").unwrap_or_default();
        let doc = match obj.get("doc") {
            Some(node) => match self.object(node, obj.path("doc"), &["url", "updated", "source"]) {
                Some(d) => Doc {
                    url: self.opt_string(&d, "url"),
                    updated: self.opt_string(&d, "updated"),
                    source: self.opt_string(&d, "source"),
                },
                None => Doc::default(),
            },
            None => Doc::default(),
        };
        let transport = match obj.get("transport") {
            Some(node) => self.transport(node, obj.path("transport")),
            None => {
                self.error(&obj.at, "missing required key `transport`", None);
                None
            }
        };
        let auth = match obj.get("auth") {
            Some(node) => self.auth(node, obj.path("auth")),
            None => None,
        };
        let app_types = self.strings(&obj, "app_types");
        let permissions = self.strings(&obj, "permissions");
        let rate_limit = self.opt_string(&obj, "rate_limit");
        let rate_limits = self.rate_limits(&obj);
        let request = match obj.get("request") {
            Some(node) => self.request(node, obj.path("request")),
            None => RequestSpec::default(),
        };
        let response = match obj.get("response") {
            Some(node) => match self.object(node, obj.path("response"), &["body"]) {
                Some(r) => self.fields(&r, "body"),
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        let errors = self
            .array(&obj, "errors")
            .into_iter()
            .filter_map(|(n, p)| self.error_row(n, p))
            .collect();
        let examples = self
            .array(&obj, "examples")
            .into_iter()
            .filter_map(|(n, p)| self.example(n, p))
            .collect();
        let notes = self.strings(&obj, "notes");
        Some(EndpointSpec {
            at: obj.loc("name"),
            platform,
            api,
            name,
            title,
            summary,
            doc,
            transport: transport.unwrap_or(Transport::JsSdk { api: String::new() }),
            auth,
            app_types,
            permissions,
            rate_limit,
            rate_limits,
            request,
            response,
            errors,
            examples,
            notes,
        })
    }

    /// `rate_limits` of an API or an endpoint: `[{"calls": 20, "per": "second", "scope":
    /// "app_and_api", "source": "…"}]`. Every key is required: a limit without its source, or
    /// whose scope the page leaves open, is not one the client should keep to.
    fn rate_limits(&mut self, obj: &Obj) -> Vec<RateLimitSpec> {
        let mut out = Vec::new();
        for (node, path) in self.array(obj, "rate_limits") {
            let Some(limit) = self.object(node, path, &["calls", "per", "scope", "source"]) else {
                continue;
            };
            let calls = self.integer(&limit, "calls", 1, i64::from(u32::MAX));
            if limit.get("calls").is_none() {
                self.error(&limit.at, "missing required key `calls`", None);
            }
            let per = self.choice(&limit, "per", &Per::ALL, true);
            let scope = self.choice(&limit, "scope", &LimitScope::ALL, true);
            let source = self.string(&limit, "source", true);
            if let (Some(calls), Some(per), Some(scope), Some(source)) = (calls, per, scope, source)
            {
                out.push(RateLimitSpec {
                    at: limit.at.clone(),
                    calls: calls as u32,
                    per,
                    scope,
                    source,
                });
            }
        }
        out
    }

    fn transport(&mut self, node: &Node, path: String) -> Option<Transport> {
        let obj = self.object(node, path, &["http", "js_sdk"])?;
        match (obj.get("http"), obj.get("js_sdk")) {
            (Some(http), None) => {
                let h = self.object(
                    http,
                    obj.path("http"),
                    &["method", "path", "documented_host", "idempotent"],
                )?;
                let method = self.choice(&h, "method", METHODS, true)?;
                let path = self.req_string(&h, "path");
                let documented_host = self.opt_string(&h, "documented_host");
                let idempotent = h.get("idempotent").map(|_| self.bool(&h, "idempotent"));
                Some(Transport::Http {
                    at: h.loc("path"),
                    method,
                    path,
                    documented_host,
                    idempotent,
                })
            }
            (None, Some(js)) => {
                let j = self.object(js, obj.path("js_sdk"), &["api"])?;
                Some(Transport::JsSdk {
                    api: self.req_string(&j, "api"),
                })
            }
            _ => {
                let help = Some("give `{ \"http\": { \"method\", \"path\" } }` or `{ \"js_sdk\": { \"api\" } }`".into());
                self.error(
                    &obj.at,
                    "`transport` needs exactly one of `http` and `js_sdk`",
                    help,
                );
                None
            }
        }
    }

    fn request(&mut self, node: &Node, path: String) -> RequestSpec {
        let Some(obj) = self.object(
            node,
            path,
            &["path", "query", "headers", "body", "at_least_one_of"],
        ) else {
            return RequestSpec::default();
        };
        RequestSpec {
            path: self.fields(&obj, "path"),
            query: self.fields(&obj, "query"),
            headers: self.fields(&obj, "headers"),
            body: self.fields(&obj, "body"),
            at_least_one_of: self.groups(&obj),
        }
    }

    fn groups(&mut self, obj: &Obj) -> Vec<Group> {
        let mut groups = Vec::new();
        for (node, path) in self.array(obj, "at_least_one_of") {
            if let Some(g) = self.object(node, path, &["fields", "description"]) {
                if g.get("fields").is_none() {
                    self.error(&g.at, "missing required key `fields`", None);
                }
                let fields = self.strings(&g, "fields");
                let description = self.opt_string(&g, "description").unwrap_or_default();
                groups.push(Group {
                    at: g.at.clone(),
                    fields,
                    description,
                });
            }
        }
        groups
    }

    fn fields(&mut self, obj: &Obj, key: &str) -> Vec<Field> {
        self.array(obj, key)
            .into_iter()
            .filter_map(|(n, p)| self.field(n, p))
            .collect()
    }

    fn field(&mut self, node: &Node, path: String) -> Option<Field> {
        let obj = self.object(node, path, FIELD_KEYS)?;
        let name = self.req_string(&obj, "name");
        let ty = self.ty(&obj)?;
        let length = |r: &mut Self, key: &str| {
            r.integer(&obj, key, 0, u32::MAX as i64)
                .map(|n| (n as u64, obj.loc(key)))
        };
        let min_length = length(self, "min_length");
        let max_length = length(self, "max_length");
        let violation_error = self
            .opt_string(&obj, "violation_error")
            .map(|v| (v, obj.loc("violation_error")));
        let const_value = self.opt_string(&obj, "const");
        self.strings(&obj, "notes");
        Some(Field {
            at: obj.loc("name"),
            name,
            ty,
            required: self.bool(&obj, "required"),
            description: self.opt_string(&obj, "description").unwrap_or_default(),
            example: obj.get("example").map(to_value),
            default: obj.get("default").map(to_value),
            rust_name: self.opt_string(&obj, "rust_name"),
            min_length,
            max_length,
            violation_error,
            const_value,
            secret: self.bool(&obj, "secret"),
        })
    }

    /// The type described by `type` and its companions (`items`, `fields`, `enum`, `rust_type`) in
    /// a field or an `items` object.
    fn ty(&mut self, obj: &Obj) -> Option<Type> {
        let ty = self.string(obj, "type", true)?;
        let at = obj.loc("type");
        let misplaced = |r: &mut Self, key: &str, why: &str| {
            if obj.get(key).is_some() {
                let at = obj.loc(key);
                r.error(
                    &at,
                    format!("`{key}` does not go with `\"type\": \"{ty}\"`"),
                    Some(why.to_owned()),
                );
            }
        };
        match ty.as_str() {
            "string" | "integer" => {
                misplaced(self, "items", "`items` describes the entries of an array");
                misplaced(
                    self,
                    "fields",
                    "`fields` describes the members of an object",
                );
                if obj.get("enum").is_some() {
                    return self.enum_type(obj, ty == "integer").map(Type::Enum);
                }
                misplaced(self, "rust_type", "`rust_type` names an enum or an object");
                Some(if ty == "string" {
                    Type::String
                } else {
                    Type::Integer
                })
            }
            "boolean" => {
                for key in ["items", "fields", "enum", "rust_type"] {
                    misplaced(self, key, "a boolean has no companions");
                }
                Some(Type::Boolean)
            }
            "array" => {
                misplaced(
                    self,
                    "fields",
                    "`fields` describes an object; for an array of objects put them in `items`",
                );
                misplaced(
                    self,
                    "enum",
                    "for an array of enum values put `enum` in `items`",
                );
                let Some(items) = obj.get("items") else {
                    let help = Some(
                        "add `\"items\": { \"type\": \"string\" }` (or the entries' type)"
                            .to_owned(),
                    );
                    self.error(&obj.at, "an array needs `items`", help);
                    return None;
                };
                let items = self.object(items, obj.path("items"), TYPE_KEYS)?;
                self.opt_string(&items, "description");
                Some(Type::Array(Box::new(self.ty(&items)?)))
            }
            "object" => {
                misplaced(self, "items", "`items` describes the entries of an array");
                misplaced(self, "enum", "an object cannot be an enum");
                let rust_type = self.string(obj, "rust_type", true).unwrap_or_default();
                if obj.get("fields").is_none() {
                    self.error(
                        &obj.at,
                        "an object needs `fields` (an empty array for an object with none)",
                        None,
                    );
                }
                let fields = self.fields(obj, "fields");
                let at_least_one_of = self.groups(obj);
                Some(Type::Object(ObjectType {
                    at: obj.loc("rust_type"),
                    rust_type,
                    fields,
                    at_least_one_of,
                }))
            }
            other => {
                let help = match did_you_mean(other, TYPES.iter().copied()) {
                    Some(m) => format!("did you mean `\"{m}\"`?"),
                    None => {
                        "allowed types: \"string\", \"integer\", \"boolean\", \"array\", \"object\""
                            .to_owned()
                    }
                };
                self.error(&at, format!("unknown type `\"{other}\"`"), Some(help));
                None
            }
        }
    }

    fn enum_type(&mut self, obj: &Obj, integer: bool) -> Option<EnumType> {
        let rust_type = self.string(obj, "rust_type", true).unwrap_or_default();
        let mut values = Vec::new();
        for (node, path) in self.array(obj, "enum") {
            let Some(v) = self.object(node, path, &["value", "variant", "description"]) else {
                continue;
            };
            let value = match (v.get("value"), integer) {
                (Some(Node::NumberLit(n)), true) if n.value.parse::<i64>().is_ok() => {
                    to_value(&Node::NumberLit(n.clone()))
                }
                (Some(Node::StringLit(s)), false) => Value::String(s.value.to_string()),
                (Some(other), _) => {
                    let at = v.loc("value");
                    let want = if integer {
                        "a whole number (the enum's type is integer)"
                    } else {
                        "a string (the enum's type is string)"
                    };
                    self.error(
                        &at,
                        format!("expected {want}, found {}", found(other)),
                        None,
                    );
                    continue;
                }
                (None, _) => {
                    self.error(&v.at, "missing required key `value`", None);
                    continue;
                }
            };
            let variant = self.req_string(&v, "variant");
            let description = self.opt_string(&v, "description").unwrap_or_default();
            values.push(EnumValue {
                at: v.loc("variant"),
                value,
                variant,
                description,
            });
        }
        if matches!(obj.get("enum"), Some(Node::Array(a)) if a.elements.is_empty()) {
            let at = obj.loc("enum");
            self.error(&at, "an enum needs at least one value", None);
        }
        Some(EnumType {
            at: obj.loc("rust_type"),
            rust_type,
            integer,
            values,
        })
    }

    fn example(&mut self, node: &Node, path: String) -> Option<Example> {
        let obj = self.object(node, path, &["name", "request", "response", "source"])?;
        self.opt_string(&obj, "name");
        let (mut path, mut query, mut body) = (None, None, None);
        if let Some(request) = obj.get("request")
            && let Some(r) = self.object(request, obj.path("request"), &["path", "query", "body"])
        {
            path = r.get("path").map(to_value);
            query = r.get("query").map(to_value);
            body = r.get("body").map(to_value);
        }
        let response = obj.get("response").map(to_value);
        self.opt_string(&obj, "source");
        Some(Example {
            at: obj.at.clone(),
            path,
            query,
            body,
            response,
        })
    }
}
