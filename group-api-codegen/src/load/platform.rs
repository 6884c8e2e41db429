//! A platform file: the platform, its APIs (transport, host, auth, envelope, platform-wide error
//! rows) and its token endpoint.

use jsonc_parser::ast::Value as Node;

use super::json::{Obj, Reader};
use super::keys;
use crate::model::{
    ApiSpec, ApiTransport, Auth, Envelope, LimitScope, Per, PlatformSpec, RateLimitSpec,
    SharedType, TokenSpec,
};

impl Reader<'_> {
    /// A platform file; nothing is built without its `platform`, `title` and `apis`.
    pub(super) fn platform(&mut self, root: &Node) -> Option<PlatformSpec> {
        let obj = self.object(root, String::new(), keys::PLATFORM_FILE)?;
        let platform = self.required(&obj, "platform");
        let title = self.required(&obj, "title");
        let summary = self.opt_string(&obj, "summary").unwrap_or_default();
        self.strings(&obj, "sources");
        self.strings(&obj, "notes");
        if obj.get("apis").is_none() {
            self.missing(&obj, "apis");
        }
        let dropped_before = std::mem::take(&mut self.dropped);
        let apis = self.entries(&obj, "apis", Self::api);
        let apis_complete = !std::mem::replace(&mut self.dropped, dropped_before);
        let display_name = self.opt_string(&obj, "display_name");
        let token = obj
            .get("token")
            .and_then(|node| self.token(node, obj.path("token")));
        let dropped_before = std::mem::take(&mut self.dropped);
        let types = self.entries(&obj, "types", Self::shared_type);
        let types_complete = !std::mem::replace(&mut self.dropped, dropped_before);
        obj.get("apis")?;
        Some(PlatformSpec {
            at: obj.loc("platform"),
            platform: platform?,
            title: title?,
            summary,
            apis,
            apis_complete,
            display_name,
            token,
            built_in: false,
            types,
            types_complete,
        })
    }

    /// A `types` entry: a type like an array's `items`, with its `rust_type` required (the name
    /// fields refer to it by). Nothing is built without it.
    fn shared_type(&mut self, node: &Node, path: String) -> Option<SharedType> {
        let obj = self.object(node, path, keys::SHARED_TYPE)?;
        self.opt_string(&obj, "description");
        self.strings(&obj, "notes");
        let rust_type = self.opt_string(&obj, "rust_type");
        let ty = self.ty(&obj)?;
        self.unplaced_entry_rules();
        if rust_type.is_none() {
            // `ty` reported a missing `rust_type` of an enum, object or union already.
            let help = "a shared type is an enum, an object or a union; a plain value's type is written on the field itself";
            if !matches!(
                ty,
                crate::model::Type::Enum(_)
                    | crate::model::Type::Object(_)
                    | crate::model::Type::Union(_)
            ) {
                self.error(
                    &obj.at,
                    "a shared type needs a `rust_type`",
                    Some(help.to_owned()),
                );
            }
        }
        Some(SharedType {
            at: obj.loc("rust_type"),
            rust_type: rust_type?,
            ty,
        })
    }

    /// `token`: `{ "endpoint", "credentials": { "id", "secret" }, "response": { "token",
    /// "expires_in" } }`. Nothing is built when a required part is missing or unreadable.
    fn token(&mut self, node: &Node, path: String) -> Option<TokenSpec> {
        let obj = self.object(node, path, keys::TOKEN)?;
        self.strings(&obj, "notes");
        let endpoint = self.string(&obj, "endpoint", true);
        let credentials = match obj.get("credentials") {
            Some(node) => self.object(node, obj.path("credentials"), keys::TOKEN_CREDENTIALS),
            None => {
                self.missing(&obj, "credentials");
                None
            }
        };
        let response = match obj.get("response") {
            Some(node) => self.object(node, obj.path("response"), keys::TOKEN_RESPONSE),
            None => {
                self.missing(&obj, "response");
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

    /// One API; nothing is built without its `name`, `transport`, `auth` and `envelope`.
    fn api(&mut self, node: &Node, path: String) -> Option<ApiSpec> {
        let obj = self.object(node, path, keys::API)?;
        let name = self.required(&obj, "name");
        let title = self.opt_string(&obj, "title").unwrap_or_default();
        let summary = self.opt_string(&obj, "summary").unwrap_or_default();
        let transports = [
            ("http", ApiTransport::Http),
            ("js_sdk", ApiTransport::JsSdk),
        ];
        let transport = self.choice(&obj, "transport", &transports);
        let base_url = self.opt_string(&obj, "base_url");
        let auth = match obj.get("auth") {
            Some(node) => self.auth(node, obj.path("auth")),
            None => {
                self.missing(&obj, "auth");
                None
            }
        };
        let envelope = match obj.get("envelope") {
            Some(node) => self.envelope(node, obj.path("envelope")),
            None => {
                self.missing(&obj, "envelope");
                None
            }
        };
        let (mut request_id_body, mut request_id_headers) = (Vec::new(), Vec::new());
        if let Some(node) = obj.get("request_id")
            && let Some(rid) = self.object(node, obj.path("request_id"), keys::REQUEST_ID)
        {
            request_id_body = self.strings(&rid, "body");
            request_id_headers = self.strings(&rid, "headers");
        }
        let wait_hint_headers = self.strings(&obj, "wait_hint_headers");
        let rate_limits = self.rate_limits(&obj);
        // A platform-wide row that could not be read leaves the API whole: no rule looks names up
        // among an API's rows.
        let dropped_before = self.dropped;
        let errors = self.error_rows(&obj);
        self.dropped = dropped_before;
        let notes = self.strings(&obj, "notes");
        Some(ApiSpec {
            at: obj.loc("name"),
            name: name?,
            title,
            summary,
            transport: transport?,
            base_url,
            auth: auth?,
            envelope: envelope?,
            request_id_body,
            request_id_headers,
            wait_hint_headers,
            rate_limits,
            errors,
            notes,
        })
    }

    pub(super) fn auth(&mut self, node: &Node, path: String) -> Option<Auth> {
        let obj = self.object(node, path, keys::AUTH)?;
        let kinds = [
            ("header", 0),
            ("bearer", 1),
            ("query", 2),
            ("js_session", 3),
            ("none", 4),
        ];
        let kind = self.choice(&obj, "in", &kinds)?;
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
        let obj = self.object(node, path, keys::ENVELOPE)?;
        let kinds = [("http_status", 0), ("code_field", 1), ("js_errmsg", 2)];
        let kind = self.choice(&obj, "kind", &kinds)?;
        Some(match kind {
            0 => {
                let code = self.field_names(&obj, "code");
                let message = self.field_names(&obj, "message");
                Envelope::HttpStatus {
                    code: code?,
                    message: message?,
                }
            }
            1 => {
                let code = self.field_names(&obj, "code");
                let message = self.field_names(&obj, "message");
                if obj.get("success").is_none() {
                    self.missing(&obj, "success");
                }
                let success = self.integer(&obj, "success", i64::MIN, i64::MAX);
                Envelope::CodeField {
                    code: code?,
                    message: message?,
                    success: success?,
                }
            }
            _ => Envelope::JsErrMsg,
        })
    }

    /// `rate_limits` of an API or an endpoint: `[{"calls": 20, "per": "second", "scope":
    /// "app_and_api", "source": "…"}]`. Every key is required: a limit without its source, or
    /// whose scope the page leaves open, is not one the client should keep to.
    pub(super) fn rate_limits(&mut self, obj: &Obj) -> Vec<RateLimitSpec> {
        self.entries(obj, "rate_limits", |r, node, path| {
            let limit = r.object(node, path, keys::RATE_LIMIT)?;
            let calls = r.integer(&limit, "calls", 1, i64::from(u32::MAX));
            if limit.get("calls").is_none() {
                r.missing(&limit, "calls");
            }
            let per = r.choice(&limit, "per", &Per::ALL);
            let scope = r.choice(&limit, "scope", &LimitScope::ALL);
            let source = r.string(&limit, "source", true);
            Some(RateLimitSpec {
                at: limit.at.clone(),
                calls: u32::try_from(calls?).ok()?,
                per: per?,
                scope: scope?,
                source: source?,
            })
        })
    }
}
