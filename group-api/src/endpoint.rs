//! What a transport needs to know about a request, whatever the endpoint.
//!
//! Every generated `<Name>Request` implements [`Endpoint`]. The HTTP clients and the WeCom JS-SDK
//! client are written against this trait, not against each endpoint, so an endpoint that exists
//! only as a spec file gets a call without new Rust code.

use crate::api_error::ApiError;
use crate::rate_limit::RateLimit;

/// An endpoint's request type: how to send it and what comes back.
pub trait Endpoint: serde::Serialize + Clone + std::fmt::Debug + Send + Sync + 'static {
    /// The documented success body.
    type Response: serde::de::DeserializeOwned + std::fmt::Debug + Send + 'static;
    /// The endpoint's error enum: a variant per documented error row.
    type Error: ApiError;
    /// The platform marker (`group_api::dingtalk::Platform`, ...): a client only sends endpoints of
    /// its own platform.
    type Platform;

    /// Static facts from the spec: name, transport, API, documentation link.
    const INFO: &'static EndpointInfo;

    /// The request path with the path parameters filled in and percent-encoded. Empty for a
    /// JS-SDK call.
    fn path(&self) -> String;

    /// Query parameters that are set, as wire name and value (auth parameters not included).
    /// None unless the endpoint has query parameters.
    fn query(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Header parameters, fixed ones included (auth headers not included). None unless the
    /// endpoint has header parameters.
    fn headers(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Wire names of the response's fields the spec marks `secret` (the token a token endpoint
    /// hands out): a transport keeps their values out of errors.
    const RESPONSE_SECRETS: &'static [&'static str] = &[];

    /// The values of the request's fields the spec marks `secret` (an app secret), which a
    /// transport must keep out of every error and log line.
    fn secrets(&self) -> Vec<&str> {
        Vec::new()
    }
}

/// A request sent over HTTP: what a platform's `Client::send` takes. Generated code implements it;
/// a WeCom JS-SDK request, of the same platform, does not compile there.
#[doc(hidden)]
pub trait HttpEndpoint: Endpoint {}

/// A request made through the JS-SDK: what `wecom::JsClient::send` takes.
#[doc(hidden)]
pub trait JsSdkEndpoint: Endpoint {}

/// Static description of one endpoint, generated from its spec file.
#[derive(Debug)]
#[non_exhaustive]
pub struct EndpointInfo {
    /// Platform name, as in the spec (`dingtalk`).
    pub platform: &'static str,
    /// Endpoint name, snake_case (`update_group`).
    pub name: &'static str,
    /// The platform API this endpoint belongs to.
    pub api: &'static ApiInfo,
    /// How the request travels.
    pub transport: Transport,
    /// The vendor's documentation page, where the page gives its address.
    pub doc_url: Option<&'static str>,
    /// Where this endpoint expects the access token: its API's [`ApiInfo::auth`], unless the
    /// endpoint says otherwise (a token endpoint takes none).
    pub auth: Auth,
    /// The endpoint's own documented rate limits (Feishu's `update_user_group`: 100 per minute),
    /// kept besides its API's [`ApiInfo::rate_limits`].
    pub rate_limits: &'static [RateLimit],
}

impl EndpointInfo {
    #[doc(hidden)]
    pub const fn new(
        platform: &'static str,
        name: &'static str,
        api: &'static ApiInfo,
        transport: Transport,
        doc_url: Option<&'static str>,
        auth: Auth,
    ) -> Self {
        Self {
            auth,
            platform,
            name,
            api,
            transport,
            doc_url,
            rate_limits: &[],
        }
    }

    /// The endpoint's own documented rate limits.
    #[doc(hidden)]
    pub const fn rate_limits(mut self, limits: &'static [RateLimit]) -> Self {
        self.rate_limits = limits;
        self
    }
}

/// How an endpoint's request travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Transport {
    /// An HTTPS call.
    Http {
        /// HTTP method.
        method: Method,
        /// Path template with `:param` placeholders, as documented.
        path: &'static str,
        /// What the request's body is: none (no body fields: no body and no `Content-Type`),
        /// JSON, or a form.
        body: Body,
        /// Whether sending the call twice does no more than sending it once, so that it may be
        /// sent again after a failure that leaves open whether the server carried it out (a
        /// timeout, a gateway's 502): GET, PUT and DELETE, and the endpoints whose spec says so
        /// (the token endpoints). See [`RetryPolicy`](crate::RetryPolicy).
        idempotent: bool,
    },
    /// A WeCom JS-SDK call made inside the client.
    JsSdk {
        /// The full call name the bridge makes, as the page writes it: `wx.qy.updateCorpGroupChat`,
        /// `ww.createCorpGroupChat`, `wx.openEnterpriseChat`, or `wx.invoke:selectEnterpriseContact`
        /// for `wx.invoke("selectEnterpriseContact", args, callback)`.
        call: &'static str,
        /// The API name the result's `errMsg` starts with: the call name's last part
        /// (`updateCorpGroupChat`).
        api: &'static str,
        /// The other call names the page documents for the same call (`ww.updateCorpGroupChat`
        /// beside `wx.qy.updateCorpGroupChat`).
        also: &'static [&'static str],
    },
}

/// How an HTTP request's body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Body {
    /// No body and no `Content-Type`: the endpoint has no body fields.
    None,
    /// A JSON object (`application/json`), the default.
    Json,
    /// `application/x-www-form-urlencoded`, where the page documents a form.
    Form,
}

/// HTTP methods the specs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method as it is written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What all endpoints of one platform API share, from the platform spec file.
#[derive(Debug)]
#[non_exhaustive]
pub struct ApiInfo {
    /// Platform name (`dingtalk`).
    pub platform: &'static str,
    /// API name within the platform (`v1`, `topapi`).
    pub name: &'static str,
    /// The production base URL a client sends to unless told otherwise.
    pub base_url: Option<&'static str>,
    /// Where the access token goes.
    pub auth: Auth,
    /// How success and failure are told apart.
    pub envelope: Envelope,
    /// Body fields that carry the request id, in order of preference, tried after the headers; a
    /// dotted name is a path into nested objects (Feishu's `error.log_id`).
    pub request_id_fields: &'static [&'static str],
    /// Response headers that carry the request id, in order of preference.
    pub request_id_headers: &'static [&'static str],
    /// Response headers besides `Retry-After` that carry a wait hint in seconds (Feishu's
    /// `x-ogw-ratelimit-reset`).
    pub wait_headers: &'static [&'static str],
    /// Documented rate limits that hold for each endpoint of the API (DingTalk's new-style API:
    /// 20 calls per second per app and API).
    pub rate_limits: &'static [RateLimit],
}

impl ApiInfo {
    /// An API with no request id and no wait headers; generated code adds them with
    /// [`request_id`](Self::request_id) and [`wait_headers`](Self::wait_headers).
    #[doc(hidden)]
    pub const fn new(
        platform: &'static str,
        name: &'static str,
        base_url: Option<&'static str>,
        auth: Auth,
        envelope: Envelope,
    ) -> Self {
        Self {
            platform,
            name,
            base_url,
            auth,
            envelope,
            request_id_fields: &[],
            request_id_headers: &[],
            wait_headers: &[],
            rate_limits: &[],
        }
    }

    /// Documented rate limits that hold for each endpoint of the API.
    #[doc(hidden)]
    pub const fn rate_limits(mut self, limits: &'static [RateLimit]) -> Self {
        self.rate_limits = limits;
        self
    }

    /// Where the request id is: body `fields` and `headers`, each in order of preference.
    #[doc(hidden)]
    pub const fn request_id(
        mut self,
        fields: &'static [&'static str],
        headers: &'static [&'static str],
    ) -> Self {
        self.request_id_fields = fields;
        self.request_id_headers = headers;
        self
    }

    /// Response headers besides `Retry-After` that carry a wait hint in seconds.
    #[doc(hidden)]
    pub const fn wait_headers(mut self, headers: &'static [&'static str]) -> Self {
        self.wait_headers = headers;
        self
    }
}

/// Where an API expects its access token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// In a request header of this name.
    Header(&'static str),
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// In a query parameter of this name.
    Query(&'static str),
    /// No token: the JS-SDK session authenticates.
    JsSession,
    /// No token at all (the token endpoints themselves).
    None,
}

/// How an API tells success from failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Envelope {
    /// 2xx: the body is the response; otherwise the body carries an error code and message in
    /// these fields (DingTalk new style).
    HttpStatus {
        /// Fields that may hold the error code, in order of preference (DingTalk's gateway
        /// answers `code` or `Code`).
        code: &'static [&'static str],
        /// Fields that may hold the error message, in order of preference.
        message: &'static [&'static str],
    },
    /// The body always carries a code; `success` means success, anything else is an error
    /// whatever the HTTP status (DingTalk old style, Feishu).
    CodeField {
        /// Fields that may hold the code, in order of preference.
        code: &'static [&'static str],
        /// Fields that may hold the message, in order of preference.
        message: &'static [&'static str],
        /// The code value that means success.
        success: i64,
    },
    /// A JS-SDK result: `errMsg` is `"<api>:ok"`, `"<api>:cancel"` or `"<api>:fail <reason>"`.
    JsErrMsg,
}
