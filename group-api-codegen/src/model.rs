//! The spec model: what the loader builds from the JSON files and the checker and code generator
//! read. Plain data; every node keeps the location it came from so a check can point at it.
//!
//! The model holds only what the spec gave. An entry whose required parts are missing or
//! unreadable is not built at all (the loader has reported why), and a list that lost an entry
//! says so (`complete`), so the checker never looks a name up in it and reports a consequence of
//! the first error as a second one. A value the spec may leave out is an `Option`, or an empty
//! text or list where that is what leaving it out means.

use serde_json::Value;

use super::diag::Loc;

/// Everything loaded from one spec folder.
#[derive(Debug)]
pub struct SpecSet {
    pub platforms: Vec<PlatformSpec>,
    pub endpoints: Vec<EndpointSpec>,
    /// Every file became a platform or an endpoint: a name missing from the set is missing from
    /// the folder, not from a file that could not be read.
    pub complete: bool,
}

impl Default for SpecSet {
    fn default() -> Self {
        Self {
            platforms: Vec::new(),
            endpoints: Vec::new(),
            complete: true,
        }
    }
}

/// `<platform>.json`: what all endpoints of a platform share.
#[derive(Debug)]
pub struct PlatformSpec {
    pub at: Loc,
    pub platform: String,
    pub title: String,
    pub summary: String,
    pub apis: Vec<ApiSpec>,
    /// Every entry of `apis` was read.
    pub apis_complete: bool,
    /// The platform's name as users know it, in messages (`DingTalk`); `platform` when not given.
    pub display_name: Option<String>,
    /// How the platform's client gets tokens from app credentials, when it can.
    pub token: Option<TokenSpec>,
    /// Loaded from the definitions built into group-api, not from the user's folder: generated code
    /// refers to group-api's own items instead of generating them again.
    pub built_in: bool,
    /// Types the platform's endpoints share (`types`), generated once in the platform module.
    pub types: Vec<SharedType>,
    /// Every entry of `types` was read.
    pub types_complete: bool,
}

/// A platform file's `types` entry: a named type its endpoints refer to by its `rust_type`.
#[derive(Clone, Debug)]
pub struct SharedType {
    pub at: Loc,
    pub rust_type: String,
    pub ty: Type,
}

impl PlatformSpec {
    /// The name users know the platform by.
    pub fn display_name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.platform)
    }
}

/// A platform file's `token`: the endpoint that exchanges app credentials for an access token, and
/// where the credentials and the token go. Fields are named by their wire names.
#[derive(Debug)]
pub struct TokenSpec {
    pub at: Loc,
    /// The token endpoint's `name` (an endpoint of the same platform).
    pub endpoint: String,
    pub endpoint_at: Loc,
    /// The request field that carries the app's id (`appKey`, `corpid`).
    pub id: String,
    pub id_at: Loc,
    /// The request field that carries the app's secret (`appSecret`, `corpsecret`).
    pub secret: String,
    pub secret_at: Loc,
    /// The response field that carries the token.
    pub token: String,
    pub token_at: Loc,
    /// The response field that carries the token's lifetime in seconds, if the answer has one.
    pub expires_in: Option<String>,
    pub expires_in_at: Loc,
}

/// One API of a platform (DingTalk's `v1` and `topapi`).
#[derive(Debug)]
pub struct ApiSpec {
    pub at: Loc,
    pub name: String,
    pub title: String,
    pub summary: String,
    pub transport: ApiTransport,
    pub base_url: Option<String>,
    pub auth: Auth,
    pub envelope: Envelope,
    pub request_id_body: Vec<String>,
    pub request_id_headers: Vec<String>,
    /// Response headers besides `Retry-After` that carry a wait in seconds.
    pub wait_hint_headers: Vec<String>,
    /// Documented rate limits that hold for each endpoint of the API.
    pub rate_limits: Vec<RateLimitSpec>,
    pub errors: Vec<ErrorRow>,
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiTransport {
    Http,
    JsSdk,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    Header(String),
    Bearer,
    Query(String),
    JsSession,
    /// No token (an endpoint that hands tokens out).
    None,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Envelope {
    /// `code` and `message` list the body fields that may carry each, in order of preference
    /// (DingTalk's gateway answers `code` or `Code`).
    HttpStatus {
        code: Vec<String>,
        message: Vec<String>,
    },
    CodeField {
        code: Vec<String>,
        message: Vec<String>,
        success: i64,
    },
    JsErrMsg,
}

/// `<platform>.<name>.json`: one endpoint.
#[derive(Debug)]
pub struct EndpointSpec {
    /// Where `name` is: the endpoint as a whole.
    pub at: Loc,
    pub platform: String,
    pub platform_at: Loc,
    pub api: String,
    pub api_at: Loc,
    pub name: String,
    pub title: String,
    pub summary: String,
    pub doc: Doc,
    pub transport: Transport,
    /// Where `transport` is.
    pub transport_at: Loc,
    /// Overrides the API's auth for this endpoint.
    pub auth: Option<Auth>,
    pub auth_at: Loc,
    pub app_types: Vec<String>,
    pub permissions: Vec<String>,
    pub rate_limit: Option<String>,
    /// The endpoint's documented rate limits, which the client keeps to.
    pub rate_limits: Vec<RateLimitSpec>,
    pub request: RequestSpec,
    pub response: Vec<Field>,
    pub errors: Vec<ErrorRow>,
    pub examples: Vec<Example>,
    /// How a list endpoint hands out its pages, where its page documents a cursor.
    pub pagination: Option<Pagination>,
    pub notes: Vec<String>,
    /// Every entry of the file (fields at every depth, groups, error rows, examples) was read, so
    /// names can be looked up between its parts.
    pub complete: bool,
}

/// `pagination`: the request field that carries the cursor, and the response fields that give
/// the next cursor, say whether more pages follow and hold the page's entries. Response fields are
/// paths of wire names (`result.next_cursor` is `["result", "next_cursor"]`).
#[derive(Debug)]
pub struct Pagination {
    pub at: Loc,
    pub request_cursor: (String, Loc),
    pub response_cursor: (Vec<String>, Loc),
    pub has_more: Option<(Vec<String>, Loc)>,
    pub items: (Vec<String>, Loc),
}

/// A documented rate limit: at most `calls` per `per`, counted over `scope`, from `source`.
#[derive(Debug)]
pub struct RateLimitSpec {
    pub at: Loc,
    pub calls: u32,
    pub per: Per,
    pub scope: LimitScope,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Per {
    Second,
    Minute,
    Hour,
}

impl Per {
    pub const ALL: [(&'static str, Per); 3] = [
        ("second", Per::Second),
        ("minute", Per::Minute),
        ("hour", Per::Hour),
    ];
}

/// Whose calls count towards a limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LimitScope {
    AppAndApi,
    Api,
    Company,
    Ip,
}

impl LimitScope {
    pub const ALL: [(&'static str, LimitScope); 4] = [
        ("app_and_api", LimitScope::AppAndApi),
        ("api", LimitScope::Api),
        ("company", LimitScope::Company),
        ("ip", LimitScope::Ip),
    ];
}

#[derive(Debug, Default)]
pub struct Doc {
    pub url: Option<String>,
    pub updated: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug)]
pub enum Transport {
    Http {
        at: Loc,
        method: Method,
        path: String,
        documented_host: Option<String>,
        /// Whether the call may be sent again after a failure that leaves open whether the
        /// server carried it out; `None`: as the method says (GET, PUT, DELETE).
        idempotent: Option<bool>,
        /// How the body is written (`body`): JSON unless the page documents a form.
        body: BodyFormat,
        body_at: Loc,
    },
    JsSdk {
        at: Loc,
        /// The full call name: `wx.qy.createCorpGroupChat`, `ww.createCorpGroupChat`,
        /// `wx.openEnterpriseChat`, `wx.invoke:selectEnterpriseContact`.
        api: String,
        /// Other call names the page documents for the same call (`also`).
        also: Vec<String>,
        also_at: Loc,
    },
}

impl Transport {
    /// A JS-SDK call name's API name, which its result's `errMsg` starts with: the part after the
    /// last `.` or `:` (`wx.invoke:selectEnterpriseContact` → `selectEnterpriseContact`).
    pub fn js_api_name(call: &str) -> &str {
        call.rsplit(['.', ':']).next().unwrap_or(call)
    }
}

/// How an HTTP request's body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyFormat {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

impl BodyFormat {
    pub const ALL: [(&'static str, BodyFormat); 2] =
        [("json", BodyFormat::Json), ("form", BodyFormat::Form)];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    Body,
}

impl Location {
    pub const ALL: [Location; 4] = [
        Location::Path,
        Location::Query,
        Location::Header,
        Location::Body,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "headers",
            Location::Body => "body",
        }
    }
}

#[derive(Debug)]
pub struct RequestSpec {
    pub at: Loc,
    pub path: Vec<Field>,
    pub query: Vec<Field>,
    pub headers: Vec<Field>,
    pub body: Vec<Field>,
    pub at_least_one_of: Vec<Group>,
    /// Rules across fields (`rules`), checked by `.build()`.
    pub rules: Vec<CrossFieldRule>,
}

impl RequestSpec {
    /// A request with no fields, at `at`.
    pub fn empty(at: Loc) -> Self {
        Self {
            at,
            path: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
            at_least_one_of: Vec::new(),
            rules: Vec::new(),
        }
    }

    pub fn fields_mut(&mut self, location: Location) -> &mut Vec<Field> {
        match location {
            Location::Path => &mut self.path,
            Location::Query => &mut self.query,
            Location::Header => &mut self.headers,
            Location::Body => &mut self.body,
        }
    }

    pub fn fields(&self, location: Location) -> &[Field] {
        match location {
            Location::Path => &self.path,
            Location::Query => &self.query,
            Location::Header => &self.headers,
            Location::Body => &self.body,
        }
    }

    /// Every parameter with where it goes, in the order path, query, headers, body.
    pub fn all(&self) -> impl Iterator<Item = (Location, &Field)> {
        Location::ALL
            .into_iter()
            .flat_map(move |l| self.fields(l).iter().map(move |f| (l, f)))
    }
}

/// Fields of which at least one must be set. A name may be a path into nested objects
/// (`corpGroupUserIds[].userId`, see [`FieldPath`]).
#[derive(Clone, Debug)]
pub struct Group {
    pub at: Loc,
    pub fields: Vec<String>,
    pub description: String,
}

/// A parameter, a response field, or a field of a nested object.
#[derive(Clone, Debug)]
pub struct Field {
    pub at: Loc,
    pub name: String,
    pub ty: Type,
    pub required: bool,
    pub description: String,
    pub example: Option<Value>,
    /// Several example values (`examples`), where the page gives more than one.
    pub examples: Vec<Value>,
    pub default: Option<Value>,
    pub rust_name: Option<String>,
    pub min_length: Option<(u64, Loc)>,
    pub max_length: Option<(u64, Loc)>,
    pub violation_error: Option<ViolationError>,
    pub const_value: Option<String>,
    /// A credential (an app secret): never shown by `Debug`.
    pub secret: bool,
    /// A regular expression a string value must match.
    pub pattern: Option<(String, Loc)>,
    /// Inclusive bounds of a number.
    pub minimum: Option<(serde_json::Number, Loc)>,
    pub maximum: Option<(serde_json::Number, Loc)>,
    /// Bounds on the number of entries of a list.
    pub min_items: Option<(u64, Loc)>,
    pub max_items: Option<(u64, Loc)>,
    /// A list sent as one string, its entries joined by this separator (`";"`).
    pub separator: Option<(String, Loc)>,
    /// Rules on each entry of a list (`items`' `min_length`, `pattern`, ...).
    pub items: Option<Constraints>,
}

/// The value rules of a scalar: a field's own, or those of each entry of a list.
#[derive(Clone, Debug, Default)]
pub struct Constraints {
    pub min_length: Option<(u64, Loc)>,
    pub max_length: Option<(u64, Loc)>,
    pub pattern: Option<(String, Loc)>,
    pub minimum: Option<(serde_json::Number, Loc)>,
    pub maximum: Option<(serde_json::Number, Loc)>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self.min_length.is_none()
            && self.max_length.is_none()
            && self.pattern.is_none()
            && self.minimum.is_none()
            && self.maximum.is_none()
    }
}

/// `violation_error`: the endpoint error row whose code a broken rule of the field is reported
/// with, for every rule or per rule.
#[derive(Clone, Debug)]
pub enum ViolationError {
    /// `"violation_error": "Variant"`.
    All(String, Loc),
    /// `"violation_error": { "min_length": "Variant", ... }`: (rule key, variant, where).
    PerRule(Vec<(String, String, Loc)>),
}

impl ViolationError {
    /// The rule keys `violation_error` may name.
    pub const RULES: &[&str] = &[
        "required",
        "min_length",
        "max_length",
        "pattern",
        "minimum",
        "maximum",
        "min_items",
        "max_items",
        "enum",
        "items",
    ];

    /// The row variant a broken `rule` is reported with.
    pub fn variant_for(&self, rule: &str) -> Option<&str> {
        match self {
            ViolationError::All(variant, _) => Some(variant),
            ViolationError::PerRule(rules) => rules
                .iter()
                .find(|(r, _, _)| r == rule)
                .map(|(_, v, _)| v.as_str()),
        }
    }

    /// Every named variant with where it is named.
    pub fn variants(&self) -> Vec<(&str, &Loc)> {
        match self {
            ViolationError::All(variant, at) => vec![(variant.as_str(), at)],
            ViolationError::PerRule(rules) => {
                rules.iter().map(|(_, v, at)| (v.as_str(), at)).collect()
            }
        }
    }
}

impl Field {
    /// The setter (and struct field) name: `rust_name`, else the snake_case of the wire name.
    pub fn member_name(&self) -> String {
        self.rust_name
            .clone()
            .unwrap_or_else(|| super::names::snake_case(&self.name))
    }

    /// The field's own value rules.
    pub fn constraints(&self) -> Constraints {
        Constraints {
            min_length: self.min_length.clone(),
            max_length: self.max_length.clone(),
            pattern: self.pattern.clone(),
            minimum: self.minimum.clone(),
            maximum: self.maximum.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Type {
    String,
    /// `integer`: a 64-bit signed integer (kept from the first format).
    Integer,
    /// `int32`: a 32-bit signed integer.
    Int32,
    /// `int64`: a 64-bit signed integer.
    Int64,
    /// `number`: a float.
    Number,
    Boolean,
    Enum(EnumType),
    Array(Box<Type>),
    Object(ObjectType),
    Union(UnionType),
    /// A shared type of the platform, named in `type`.
    Shared(SharedRef),
}

impl Type {
    /// The object type of an object, or of an array's entries.
    pub fn object(&self) -> Option<&ObjectType> {
        match self {
            Type::Object(o) => Some(o),
            Type::Array(items) => items.object(),
            _ => None,
        }
    }

    /// A shared type's definition (when found), any other type itself.
    pub fn resolved(&self) -> &Type {
        match self {
            Type::Shared(SharedRef {
                target: Some(target),
                ..
            }) => target.resolved(),
            other => other,
        }
    }

    /// A whole number of some width.
    pub fn is_integer(&self) -> bool {
        matches!(self, Type::Integer | Type::Int32 | Type::Int64)
    }

    /// A number of any kind.
    pub fn is_number(&self) -> bool {
        self.is_integer() || matches!(self, Type::Number)
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Int32 => "int32",
            Type::Int64 => "int64",
            Type::Number => "number",
            Type::Boolean => "boolean",
            Type::Enum(e) if e.integer => "integer enum",
            Type::Enum(_) => "string enum",
            Type::Array(_) => "array",
            Type::Object(_) => "object",
            Type::Union(_) => "union",
            Type::Shared(s) => match &s.target {
                Some(target) => target.describe(),
                None => "shared type",
            },
        }
    }
}

/// `"type": "UserIdType"`: a reference to a shared type of the endpoint's platform. `target` is
/// the definition, filled in once every file is loaded; `None` when the platform has no such type
/// (reported by the checker).
#[derive(Clone, Debug)]
pub struct SharedRef {
    pub at: Loc,
    pub name: String,
    pub target: Option<Box<Type>>,
}

/// `"type": "union"`: a value of one of several shapes (`string | string[]`).
#[derive(Clone, Debug)]
pub struct UnionType {
    pub at: Loc,
    pub rust_type: String,
    pub variants: Vec<UnionVariant>,
}

#[derive(Clone, Debug)]
pub struct UnionVariant {
    pub at: Loc,
    pub variant: String,
    pub ty: Type,
}

#[derive(Clone, Debug)]
pub struct EnumType {
    pub at: Loc,
    pub rust_type: String,
    /// Integer values (`mentionAllAuthority` 0/1) rather than strings (`ownerType` "emp"/"ext").
    pub integer: bool,
    pub values: Vec<EnumValue>,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub at: Loc,
    pub value: Value,
    pub variant: String,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct ObjectType {
    pub at: Loc,
    pub rust_type: String,
    pub fields: Vec<Field>,
    pub at_least_one_of: Vec<Group>,
    /// Rules across the object's fields (`rules`).
    pub rules: Vec<CrossFieldRule>,
    /// Every field and group of the object was read.
    pub complete: bool,
}

/// One documented error row.
#[derive(Debug)]
pub struct ErrorRow {
    pub at: Loc,
    pub variant: String,
    pub status: Option<u16>,
    pub code: Code,
    pub message: Option<String>,
    pub explanation: String,
    /// Absent when the row's `category` could not be read: the row is still checked for what it
    /// has, and nothing is generated while the reported problem stands.
    pub category: Option<Category>,
    pub retryable: bool,
    pub retry_after_ms: Option<u64>,
    pub max_attempts: Option<u32>,
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    Number(i64),
    Text(String),
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Number(n) => write!(f, "{n}"),
            Code::Text(t) => f.write_str(t),
        }
    }
}

/// Every enum, object and union type written out in the given types (not a platform's shared
/// types they refer to), outer before inner, in field order.
pub fn named<'a>(types: impl Iterator<Item = &'a Type>, out: &mut Vec<&'a Type>) {
    types.for_each(|ty| named_in(ty, out));
}

fn named_in<'a>(ty: &'a Type, out: &mut Vec<&'a Type>) {
    match ty {
        Type::Enum(_) => out.push(ty),
        Type::Object(o) => {
            out.push(ty);
            o.fields.iter().for_each(|f| named_in(&f.ty, out));
        }
        Type::Array(items) => named_in(items, out),
        Type::Union(_) => out.push(ty),
        _ => {}
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    InvalidRequest,
    NotFound,
    Conflict,
    Permission,
    TokenRejected,
    RateLimited,
    QuotaExceeded,
    Server,
    Cancelled,
    Unsupported,
}

impl Category {
    pub const ALL: [(&'static str, Category); 10] = [
        ("invalid_request", Category::InvalidRequest),
        ("not_found", Category::NotFound),
        ("conflict", Category::Conflict),
        ("permission", Category::Permission),
        ("token_rejected", Category::TokenRejected),
        ("rate_limited", Category::RateLimited),
        ("quota_exceeded", Category::QuotaExceeded),
        ("server", Category::Server),
        ("cancelled", Category::Cancelled),
        ("unsupported", Category::Unsupported),
    ];

    pub fn variant_name(self) -> &'static str {
        match self {
            Category::InvalidRequest => "InvalidRequest",
            Category::NotFound => "NotFound",
            Category::Conflict => "Conflict",
            Category::Permission => "Permission",
            Category::TokenRejected => "TokenRejected",
            Category::RateLimited => "RateLimited",
            Category::QuotaExceeded => "QuotaExceeded",
            Category::Server => "Server",
            Category::Cancelled => "Cancelled",
            Category::Unsupported => "Unsupported",
        }
    }
}

/// The page's own example of a call.
#[derive(Debug)]
pub struct Example {
    pub at: Loc,
    pub path: Option<Value>,
    pub query: Option<Value>,
    pub body: Option<Value>,
    pub response: Option<Value>,
    /// Where each value of the example is in its file, by its path (`examples[0].request.body.x`),
    /// so a check points at the faulty value, not at the example.
    pub value_locs: Vec<Loc>,
    /// Values the page prints against its own table, kept verbatim and marked (`deviations`).
    pub deviations: Vec<Deviation>,
}

/// A value of a page's example that contradicts the page's own field table, marked as such.
#[derive(Debug)]
pub struct Deviation {
    pub at: Loc,
    /// A JSON pointer into the example: `/request/body/type`, `/response/result/x`.
    pub pointer: String,
    pub note: String,
}

/// A rule across fields (`rules` of a request or an object): when `when` holds (or always), every
/// condition of `then` must hold.
#[derive(Clone, Debug)]
pub struct CrossFieldRule {
    pub at: Loc,
    pub when: Option<Condition>,
    pub then: Vec<Condition>,
    pub description: String,
    /// The endpoint error row's `variant` the server answers when the rule is broken.
    pub error: Option<(String, Loc)>,
}

/// `{ "field": <path>, <test> }`: a test on the value(s) at a field path.
#[derive(Clone, Debug)]
pub struct Condition {
    pub at: Loc,
    pub field: FieldPath,
    pub test: Test,
}

#[derive(Clone, Debug)]
pub enum Test {
    /// A value at the path equals this one.
    Equals(Value),
    /// A value at the path is one of these.
    OneOf(Vec<Value>),
    /// Set and not empty (`true`), or not set or empty (`false`).
    Present(bool),
    /// The list at the path holds this value.
    Contains(Value),
    /// The list at the path holds the value of another field (`{ "field": "owner" }`).
    ContainsField(FieldPath),
}

/// A field named by wire name, or by a path into nested objects: `owner.id` (a field of an
/// object), `corpGroupUserIds[].userId` (a field of each entry of a list of objects).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    pub text: String,
    pub steps: Vec<PathStep>,
}

/// One field of a path; `each` when the field is a list whose entries the next step looks into
/// (`name[]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathStep {
    pub name: String,
    pub each: bool,
}

impl FieldPath {
    /// Reads `a`, `a.b`, `a[].b`; `None` when a step is empty or `[]` ends the path.
    pub fn parse(text: &str) -> Option<FieldPath> {
        let mut steps = Vec::new();
        for part in text.split('.') {
            let (name, each) = match part.strip_suffix("[]") {
                Some(name) => (name, true),
                None => (part, false),
            };
            if name.is_empty() || name.contains(['[', ']']) {
                return None;
            }
            steps.push(PathStep {
                name: name.to_owned(),
                each,
            });
        }
        if steps.last().is_some_and(|s| s.each) {
            return None;
        }
        Some(FieldPath {
            text: text.to_owned(),
            steps,
        })
    }

    /// The fields along the path, from `fields` (one level) down; `Err` with what is wrong where
    /// a step names no field, or steps into something that is not an object.
    pub fn resolve<'f>(&self, fields: &[&'f Field]) -> Result<Vec<&'f Field>, PathError> {
        let mut out: Vec<&'f Field> = Vec::new();
        let mut level: Vec<&'f Field> = fields.to_vec();
        for (i, step) in self.steps.iter().enumerate() {
            let Some(field) = level.iter().copied().find(|f| f.name == step.name) else {
                return Err(PathError::NoField {
                    name: step.name.clone(),
                    known: level.iter().map(|f| f.name.clone()).collect(),
                });
            };
            out.push(field);
            if i + 1 == self.steps.len() {
                break;
            }
            level = match (&field.ty, step.each) {
                (Type::Object(o), false) => o.fields.iter().collect(),
                (Type::Array(items), true) => match items.as_ref() {
                    Type::Object(o) => o.fields.iter().collect(),
                    _ => return Err(PathError::NotObjects(step.name.clone())),
                },
                (Type::Array(items), false) if matches!(items.as_ref(), Type::Object(_)) => {
                    return Err(PathError::ListWithoutEach(step.name.clone()));
                }
                (_, true) => return Err(PathError::NotObjects(step.name.clone())),
                (_, false) => return Err(PathError::NotAnObject(step.name.clone())),
            };
        }
        Ok(out)
    }
}

/// Why a [`FieldPath`] names no field.
#[derive(Debug)]
pub enum PathError {
    NoField {
        name: String,
        known: Vec<String>,
    },
    /// `name[]` on a field that is not a list of objects.
    NotObjects(String),
    /// `name.x` on a list of objects: `name[].x` looks into each entry.
    ListWithoutEach(String),
    /// `name.x` on a field that is not an object.
    NotAnObject(String),
}

/// The chain of fields a path of wire names leads through (`["result", "list"]`: the `result`
/// object, then its `list`), or the index of the first name that is not there.
pub fn field_path<'a>(fields: &'a [Field], path: &[String]) -> Result<Vec<&'a Field>, usize> {
    let mut chain = Vec::new();
    let mut level = fields;
    for (index, name) in path.iter().enumerate() {
        let Some(field) = level.iter().find(|f| &f.name == name) else {
            return Err(index);
        };
        chain.push(field);
        level = match &field.ty {
            Type::Object(o) => &o.fields,
            _ => &[],
        };
    }
    Ok(chain)
}

/// A marked value read as its table's type (`"2"` as the integer 2, `2` as the string "2"); `None`
/// when the value already has that type or cannot be read as it.
pub fn read_as_table(value: &Value, ty: &Type) -> Option<Value> {
    let ty = ty.resolved();
    let integer = ty.is_integer() || matches!(ty, Type::Enum(e) if e.integer);
    let string = matches!(ty, Type::String) || matches!(ty, Type::Enum(e) if !e.integer);
    match value {
        Value::String(s) if integer => s.trim().parse::<i64>().ok().map(Value::from),
        Value::String(s) if matches!(ty, Type::Number) => s
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number)),
        Value::String(s) if matches!(ty, Type::Boolean) => match s.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Value::Number(n) if string => Some(Value::String(n.to_string())),
        Value::Bool(b) if string => Some(Value::String(b.to_string())),
        _ => None,
    }
}

impl EndpointSpec {
    /// The type of the field an example pointer leads to (`/request/body/list/0/x`,
    /// `/response/data/status`), if it leads to one.
    pub fn type_at(&self, pointer: &str) -> Option<&Type> {
        let mut segments = pointer.split('/').skip(1);
        let mut fields: &[Field] = match segments.next()? {
            "request" => match segments.next()? {
                "path" => &self.request.path,
                "query" => &self.request.query,
                "headers" => &self.request.headers,
                "body" => &self.request.body,
                _ => return None,
            },
            "response" => &self.response,
            _ => return None,
        };
        let mut ty: Option<&Type> = None;
        for segment in segments {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            ty = match ty.map(Type::resolved) {
                Some(Type::Array(items)) if segment.parse::<usize>().is_ok() => Some(items),
                _ => Some(&fields.iter().find(|f| f.name == segment)?.ty),
            };
            if let Some(Type::Object(o)) = ty.map(Type::resolved) {
                fields = &o.fields;
            }
        }
        ty
    }

    /// An example's request (`{ path, query, body }`) and response as the table reads them: each
    /// value the example marks in `deviations` (a page that prints 0 as `"0"`) read as its field's
    /// type, the rest as the page prints it.
    pub fn example_as_table(&self, example: &Example) -> (Value, Option<Value>) {
        let mut whole = serde_json::json!({
            "request": { "path": example.path, "query": example.query, "body": example.body },
            "response": example.response,
        });
        for deviation in &example.deviations {
            let Some(ty) = self.type_at(&deviation.pointer) else {
                continue;
            };
            if let Some(value) = whole.pointer_mut(&deviation.pointer)
                && let Some(as_table) = read_as_table(value, ty)
            {
                *value = as_table;
            }
        }
        let response = whole["response"].take();
        (
            whole["request"].take(),
            (!response.is_null()).then_some(response),
        )
    }
}
