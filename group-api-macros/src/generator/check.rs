//! Checks beyond the shape of the JSON: names, references between parts of a spec, constraints that
//! fit their types, and the page's examples against the spec itself. Runs on the whole model and
//! reports every problem; code is generated only when there are none.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::diag::{Ctxt, Loc, did_you_mean};
use super::model::*;
use super::names::{is_keyword, is_snake_case, is_upper_camel, snake_case, upper_camel};

/// Builder methods a field's setter must not shadow.
const RESERVED_SETTERS: &[&str] = &["build", "builder"];
/// Variant names the generator adds to every endpoint error enum, and the names of the enums'
/// tables (`Self::ROWS` would name a variant `ROWS` instead).
const RESERVED_VARIANTS: &[&str] = &["Platform", "Undocumented", "ROWS", "DOCUMENTED"];
/// The names of a platform error enum's tables.
const RESERVED_PLATFORM_VARIANTS: &[&str] = &["ROWS", "DOCUMENTED"];
/// Settable fields per struct: the builder's state is a type-level list as long as that, and
/// rustc's default recursion limit (128) bounds how deep its trait resolution may go.
const MAX_SETTABLE_FIELDS: usize = 120;

pub fn check(cx: &mut Ctxt, set: &SpecSet) {
    let mut platforms: HashMap<&str, &PlatformSpec> = HashMap::new();
    for platform in &set.platforms {
        check_platform(cx, platform);
        if platforms.insert(&platform.platform, platform).is_some() {
            cx.error(
                &platform.at,
                format!("platform `{}` is defined twice", platform.platform),
                None,
            );
        }
    }
    for platform in &set.platforms {
        // A built-in platform's token endpoint is group-api's, checked where group-api is built.
        if let (Some(token), false) = (&platform.token, platform.built_in) {
            check_token(cx, platform, token, &set.endpoints);
        }
    }
    let mut names: HashSet<(&str, &str)> = HashSet::new();
    let mut types: HashMap<(&str, String), Loc> = HashMap::new();
    for endpoint in &set.endpoints {
        if !names.insert((&endpoint.platform, &endpoint.name)) {
            let message = format!(
                "endpoint `{}.{}` is defined twice",
                endpoint.platform, endpoint.name
            );
            cx.error(&endpoint.at, message, None);
        }
        let api = match platforms.get(endpoint.platform.as_str()) {
            Some(platform) => {
                let api = platform.apis.iter().find(|a| a.name == endpoint.api);
                if api.is_none() {
                    let names: Vec<&str> = platform.apis.iter().map(|a| a.name.as_str()).collect();
                    let help = did_you_mean(&endpoint.api, names.iter().copied())
                        .map(|m| format!("did you mean `\"{m}\"`?"))
                        .unwrap_or_else(|| {
                            format!(
                                "the APIs of `{}` are: {}",
                                endpoint.platform,
                                names.join(", ")
                            )
                        });
                    let at = Loc {
                        path: "api".into(),
                        ..endpoint.at.clone()
                    };
                    cx.error(
                        &at,
                        format!(
                            "platform `{}` has no API `{}`",
                            endpoint.platform, endpoint.api
                        ),
                        Some(help),
                    );
                }
                api
            }
            None => {
                let help = format!(
                    "add a platform file `{}.json` to the spec folder",
                    endpoint.platform
                );
                let at = Loc {
                    path: "platform".into(),
                    ..endpoint.at.clone()
                };
                cx.error(
                    &at,
                    format!("no platform `{}` is defined", endpoint.platform),
                    Some(help),
                );
                None
            }
        };
        check_endpoint(cx, endpoint, api);
        for (name, at) in named_types(endpoint) {
            if let Some(first) = types.insert((&endpoint.platform, name.clone()), at.clone()) {
                let other = cx
                    .files
                    .get(first.file)
                    .map(|f| f.display.clone())
                    .unwrap_or_default();
                let message = format!(
                    "type name `{name}` is used twice in platform `{}`",
                    endpoint.platform
                );
                let help = format!(
                    "it is also defined at `{}` in {other}; choose another `rust_type`",
                    first.path
                );
                cx.error(&at, message, Some(help));
            }
        }
    }
}

/// A platform's `token` names an endpoint of the platform that the client can call with nothing
/// but the app's id and secret, and whose answer holds the token (and its lifetime) where the
/// platform file says: the generated `Client::from_app_credentials` builds that request and reads
/// that answer, so a wrong name here would be a compile error in generated code, far from its
/// cause.
fn check_token(
    cx: &mut Ctxt,
    platform: &PlatformSpec,
    token: &TokenSpec,
    endpoints: &[EndpointSpec],
) {
    if !platform
        .apis
        .iter()
        .any(|api| api.transport == ApiTransport::Http)
    {
        cx.error(
            &token.at,
            "`token` needs an HTTP API: the JS-SDK takes no access token",
            None,
        );
        return;
    }
    let own: Vec<&EndpointSpec> = endpoints
        .iter()
        .filter(|e| e.platform == platform.platform)
        .collect();
    let Some(endpoint) = own.iter().find(|e| e.name == token.endpoint) else {
        let help = did_you_mean(&token.endpoint, own.iter().map(|e| e.name.as_str()))
            .map(|m| format!("did you mean `\"{m}\"`?"))
            .unwrap_or_else(|| {
                format!(
                    "add the token endpoint as `{}.<name>.json` and name it here",
                    platform.platform
                )
            });
        cx.error(
            &token.endpoint_at,
            format!(
                "platform `{}` has no endpoint `{}` to get tokens from",
                platform.platform, token.endpoint
            ),
            Some(help),
        );
        return;
    };
    if endpoint.auth != Some(Auth::None) {
        cx.error(
            &token.endpoint_at,
            format!(
                "the token endpoint `{}` must not need a token itself",
                endpoint.name
            ),
            Some("give its spec file `\"auth\": { \"in\": \"none\" }`".into()),
        );
    }
    let request: Vec<&Field> = endpoint.request.all().map(|(_, f)| f).collect();
    let mut credentials_found = true;
    for (name, at) in [(&token.id, &token.id_at), (&token.secret, &token.secret_at)] {
        match request.iter().find(|f| &f.name == name) {
            Some(field) if !matches!(field.ty, Type::String) => cx.error(
                at,
                format!(
                    "`{name}` of `{}` has type {}; a credential is a string",
                    endpoint.name,
                    field.ty.describe()
                ),
                None,
            ),
            Some(_) => {}
            None => {
                credentials_found = false;
                let help = did_you_mean(name, request.iter().map(|f| f.name.as_str()))
                    .map(|m| format!("did you mean `\"{m}\"`?"));
                cx.error(
                    at,
                    format!("the request of `{}` has no field `{name}`", endpoint.name),
                    help,
                );
            }
        }
    }
    // A misspelt credential is its own error, not also "requires the field it meant".
    for field in request
        .iter()
        .filter(|f| credentials_found && f.required && f.const_value.is_none())
    {
        if field.name != token.id && field.name != token.secret {
            cx.error(
                &token.endpoint_at,
                format!(
                    "the token endpoint `{}` requires `{}`, which the client cannot fill from an app's id and secret",
                    endpoint.name, field.name
                ),
                Some("only the two `credentials` fields may be required".into()),
            );
        }
    }
    let answer = |name: &str| endpoint.response.iter().find(|f| f.name == name);
    let wanted = [
        (Some((&token.token, &token.token_at)), "a string", true),
        (
            token
                .expires_in
                .as_ref()
                .map(|name| (name, &token.expires_in_at)),
            "an integer (seconds)",
            false,
        ),
    ];
    for (field, kind, is_token) in wanted {
        let Some((name, at)) = field else { continue };
        match answer(name) {
            Some(found)
                if matches!(found.ty, Type::String) == is_token
                    && matches!(found.ty, Type::String | Type::Integer) => {}
            Some(found) => cx.error(
                at,
                format!(
                    "`{name}` of the answer of `{}` has type {}; it must be {kind}",
                    endpoint.name,
                    found.ty.describe()
                ),
                None,
            ),
            None => {
                let help = did_you_mean(name, endpoint.response.iter().map(|f| f.name.as_str()))
                    .map(|m| format!("did you mean `\"{m}\"`?"));
                cx.error(
                    at,
                    format!("the answer of `{}` has no field `{name}`", endpoint.name),
                    help,
                );
            }
        }
    }
}

/// Every Rust type name an endpoint puts into its platform's module.
fn named_types(endpoint: &EndpointSpec) -> Vec<(String, Loc)> {
    let base = upper_camel(&endpoint.name);
    let mut out: Vec<(String, Loc)> = ["Request", "RequestBuilder", "Response", "Error"]
        .iter()
        .map(|suffix| (format!("{base}{suffix}"), endpoint.at.clone()))
        .collect();
    fn walk(ty: &Type, out: &mut Vec<(String, Loc)>) {
        match ty {
            Type::Enum(e) => out.push((e.rust_type.clone(), e.at.clone())),
            Type::Object(o) => {
                out.push((o.rust_type.clone(), o.at.clone()));
                out.push((format!("{}Builder", o.rust_type), o.at.clone()));
                o.fields.iter().for_each(|f| walk(&f.ty, out));
            }
            Type::Array(items) => walk(items, out),
            _ => {}
        }
    }
    endpoint
        .request
        .all()
        .for_each(|(_, f)| walk(&f.ty, &mut out));
    endpoint.response.iter().for_each(|f| walk(&f.ty, &mut out));
    out
}

fn check_platform(cx: &mut Ctxt, platform: &PlatformSpec) {
    if !is_snake_case(&platform.platform) || is_keyword(&platform.platform) {
        let message = format!(
            "platform name `{}` must be a snake_case Rust identifier",
            platform.platform
        );
        cx.error(
            &platform.at,
            message,
            Some(format!("try `{}`", snake_case(&platform.platform))),
        );
    }
    if platform.apis.is_empty() {
        cx.error(
            &platform.at,
            "a platform needs at least one API in `apis`",
            None,
        );
    }
    let mut seen = HashSet::new();
    for api in &platform.apis {
        if !is_snake_case(&api.name) {
            cx.error(
                &api.at,
                format!("API name `{}` must be snake_case", api.name),
                None,
            );
        } else if !seen.insert(api.name.as_str()) {
            cx.error(
                &api.at,
                format!("API `{}` is defined twice", api.name),
                None,
            );
        }
        match (api.transport, &api.auth, &api.envelope) {
            (ApiTransport::JsSdk, Auth::JsSession, Envelope::JsErrMsg) => {}
            (ApiTransport::JsSdk, _, _) => {
                let help = Some("use `\"auth\": { \"in\": \"js_session\" }` and `\"envelope\": { \"kind\": \"js_errmsg\" }`".into());
                cx.error(
                    &api.at,
                    "a JS-SDK API authenticates by session and answers with errMsg",
                    help,
                );
            }
            (ApiTransport::Http, Auth::JsSession, _)
            | (ApiTransport::Http, _, Envelope::JsErrMsg) => {
                cx.error(
                    &api.at,
                    "an HTTP API cannot use a JS-SDK session or errMsg envelope",
                    None,
                );
            }
            _ => {}
        }
        if api.transport == ApiTransport::Http && api.base_url.is_none() {
            let help = Some(
                "add the production host, e.g. `\"base_url\": \"https://api.example.com\"`".into(),
            );
            cx.error(&api.at, "an HTTP API needs a `base_url`", help);
        }
        if let Some(url) = &api.base_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            cx.error(
                &api.at,
                format!("`base_url` `{url}` must start with https:// or http://"),
                None,
            );
        }
        check_error_rows(cx, &api.errors, api.transport, RESERVED_PLATFORM_VARIANTS);
        check_rate_limits(cx, &api.rate_limits, api.transport == ApiTransport::Http);
    }
}

/// Rate limits belong to HTTP calls, each scope and period once.
///
/// The HTTP client is what keeps to a limit; a JS-SDK call runs inside the WeCom client, which
/// throttles its own calls, so a limit there would be kept by no one. A scope and period declared
/// twice for one API or endpoint would be two budgets for one documented limit: a typo, or a
/// limit transcribed twice with different numbers, which the page cannot both mean.
fn check_rate_limits(cx: &mut Ctxt, limits: &[RateLimitSpec], http: bool) {
    let mut seen: HashMap<(LimitScope, Per), &Loc> = HashMap::new();
    for limit in limits {
        if !http {
            let help =
                Some("remove `rate_limits`: only HTTP calls are rate-limited by the client".into());
            cx.error(&limit.at, "a JS-SDK call cannot have rate limits", help);
        } else if let Some(first) = seen.insert((limit.scope, limit.per), &limit.at) {
            let help = Some(format!("it is also declared at `{}`", first.path));
            cx.error(
                &limit.at,
                "this scope and period already have a limit",
                help,
            );
        }
    }
}

fn check_error_rows(cx: &mut Ctxt, rows: &[ErrorRow], transport: ApiTransport, reserved: &[&str]) {
    let mut variants: HashMap<&str, &Loc> = HashMap::new();
    let mut codes: HashMap<(&Code, Option<&str>), &Loc> = HashMap::new();
    for row in rows {
        if !is_upper_camel(&row.variant) {
            let help = Some(format!("try `{}`", upper_camel(&row.variant)));
            cx.error(
                &row.at,
                format!("error variant `{}` must be UpperCamelCase", row.variant),
                help,
            );
        } else if reserved.contains(&row.variant.as_str()) {
            let help = Some("the generator uses this name itself; choose another name".into());
            cx.error(
                &row.at,
                format!("error variant name `{}` is reserved", row.variant),
                help,
            );
        } else if variants.insert(&row.variant, &row.at).is_some() {
            cx.error(
                &row.at,
                format!("error variant `{}` is defined twice", row.variant),
                Some("each row needs its own variant name; rows that share a code differ by `message`".into()),
            );
        }
        if codes
            .insert((&row.code, row.message.as_deref()), &row.at)
            .is_some()
        {
            let message = format!(
                "two error rows have code `{}` and the same message",
                row.code
            );
            let help = Some("rows that share a code are told apart by their `message`".into());
            cx.error(&row.at, message, help);
        }
        if transport == ApiTransport::JsSdk && matches!(row.code, Code::Number(_)) {
            let help = Some(
                "a JS-SDK row's code is the errMsg reason, e.g. `\"no session or expired\"`".into(),
            );
            cx.error(
                &Loc {
                    path: row.at.path.replace(".variant", ".code"),
                    ..row.at.clone()
                },
                "expected a string code",
                help,
            );
        }
        if !row.retryable && (row.retry_after_ms.is_some() || row.max_attempts.is_some()) {
            let help = Some("set `\"retryable\": true`, or drop the retry advice".into());
            cx.error(&row.at, "retry advice on a row that is not retryable", help);
        }
    }
}

fn check_endpoint(cx: &mut Ctxt, endpoint: &EndpointSpec, api: Option<&ApiSpec>) {
    if !endpoint.name.is_empty() && (!is_snake_case(&endpoint.name) || is_keyword(&endpoint.name)) {
        let help = Some(format!("try `{}`", snake_case(&endpoint.name)));
        cx.error(
            &endpoint.at,
            format!(
                "endpoint name `{}` must be a snake_case Rust identifier",
                endpoint.name
            ),
            help,
        );
    }
    let http = matches!(endpoint.transport, Transport::Http { .. });
    check_rate_limits(cx, &endpoint.rate_limits, http);
    let request = &endpoint.request;
    if let (Some(auth), Transport::JsSdk { .. }) | (Some(auth @ Auth::JsSession), _) =
        (&endpoint.auth, &endpoint.transport)
    {
        let at = Loc {
            path: "auth".into(),
            ..endpoint.at.clone()
        };
        let help = Some("an HTTP endpoint may override its API's auth with `header`, `bearer`, `query` or `none`".into());
        cx.error(
            &at,
            format!("this endpoint cannot use `{auth:?}` auth"),
            help,
        );
    }
    match (&endpoint.transport, api.map(|a| a.transport)) {
        (Transport::Http { at, path, .. }, Some(ApiTransport::JsSdk)) => {
            cx.error(
                at,
                format!(
                    "`{path}` is an HTTP call but API `{}` is a JS-SDK API",
                    endpoint.api
                ),
                None,
            );
        }
        (Transport::JsSdk { .. }, Some(ApiTransport::Http)) => {
            let at = Loc {
                path: "transport".into(),
                ..endpoint.at.clone()
            };
            cx.error(
                &at,
                format!(
                    "a JS-SDK call in API `{}`, which is an HTTP API",
                    endpoint.api
                ),
                None,
            );
        }
        _ => {}
    }
    match &endpoint.transport {
        Transport::Http { at, path, .. } => check_path(cx, at, path, &request.path),
        Transport::JsSdk { api } => {
            if !api.starts_with("wx.") || api.rsplit('.').next().is_none_or(str::is_empty) {
                let at = Loc {
                    path: "transport.js_sdk.api".into(),
                    ..endpoint.at.clone()
                };
                cx.error(
                    &at,
                    format!("`{api}` is not a JS-SDK API name"),
                    Some("write it as `wx.qy.<api>`".into()),
                );
            }
            for location in [Location::Path, Location::Query, Location::Header] {
                if let Some(field) = request.fields(location).first() {
                    let message = format!("a JS-SDK call has no {} parameters", location.key());
                    cx.error(
                        &field.at,
                        message,
                        Some("put the argument object's keys in `request.body`".into()),
                    );
                }
            }
        }
    }

    let mut setters: HashMap<String, &Field> = HashMap::new();
    for (location, field) in request.all() {
        check_field(cx, field, true);
        if location != Location::Body
            && !matches!(
                field.ty,
                Type::String | Type::Integer | Type::Boolean | Type::Enum(_)
            )
        {
            let message = format!(
                "a {} parameter must be a string, integer, boolean or enum",
                location.key()
            );
            cx.error(&field.at, message, None);
        }
        if location == Location::Path && !field.required {
            cx.error(
                &field.at,
                "a path parameter is always required",
                Some("add `\"required\": true`".into()),
            );
        }
        if field.const_value.is_some() && location != Location::Header {
            cx.error(&field.at, "`const` is for fixed header values", None);
        }
        if field.const_value.is_none() {
            let setter = setter_name(field);
            if let Some(other) = setters.insert(setter.clone(), field) {
                if other.name == field.name {
                    let message = format!("field `{}` is listed twice", field.name);
                    let help = format!(
                        "it is already described at `{}`; remove one of them",
                        other.at.path
                    );
                    cx.error(&field.at, message, Some(help));
                } else {
                    let message = format!(
                        "`{}` and `{}` both become the setter `{setter}`",
                        other.name, field.name
                    );
                    cx.error(
                        &field.at,
                        message,
                        Some("give one of them a `rust_name`".into()),
                    );
                }
            }
        }
    }
    check_groups(
        cx,
        &request.at_least_one_of,
        &request.all().map(|(_, f)| f).collect::<Vec<_>>(),
        "request",
    );
    let settable = request
        .all()
        .filter(|(_, f)| f.const_value.is_none())
        .count();
    let at = Loc {
        path: "request".into(),
        ..endpoint.at.clone()
    };
    check_settable_count(cx, settable, &at);
    check_fields_unique(cx, &endpoint.response);
    for field in &endpoint.response {
        check_field(cx, field, false);
    }
    let error_variants: Vec<&str> = endpoint.errors.iter().map(|e| e.variant.as_str()).collect();
    check_violation_errors(cx, request.all().map(|(_, f)| f), &error_variants);
    let transport = api.map_or(ApiTransport::Http, |a| a.transport);
    check_error_rows(cx, &endpoint.errors, transport, RESERVED_VARIANTS);
    for example in &endpoint.examples {
        check_example(cx, endpoint, example);
    }
}

/// The setter (and struct field) name of a field.
pub fn setter_name(field: &Field) -> String {
    field
        .rust_name
        .clone()
        .unwrap_or_else(|| snake_case(&field.name))
}

fn check_path(cx: &mut Ctxt, at: &Loc, path: &str, params: &[Field]) {
    if !path.starts_with('/') {
        cx.error(at, format!("path `{path}` must start with `/`"), None);
    }
    let placeholders: Vec<&str> = path
        .split('/')
        .filter_map(|s| s.strip_prefix(':'))
        .collect();
    for placeholder in &placeholders {
        if !params.iter().any(|p| p.name == *placeholder) {
            let message =
                format!("path placeholder `:{placeholder}` has no parameter in `request.path`");
            let help = Some(format!(
                "add `{{ \"name\": \"{placeholder}\", \"type\": \"string\", \"required\": true }}` to `request.path`"
            ));
            cx.error(at, message, help);
        }
    }
    for param in params {
        if !placeholders.contains(&param.name.as_str()) {
            let message = format!(
                "path parameter `{}` does not appear in the path `{path}`",
                param.name
            );
            cx.error(
                &param.at,
                message,
                Some(format!("write `:{}` where it goes in the path", param.name)),
            );
        }
    }
}

fn check_fields_unique(cx: &mut Ctxt, fields: &[Field]) {
    let mut wire: HashSet<&str> = HashSet::new();
    let mut rust: HashMap<String, &str> = HashMap::new();
    for field in fields {
        if !wire.insert(&field.name) {
            let help = Some("remove one of them".to_owned());
            cx.error(
                &field.at,
                format!("field `{}` is listed twice", field.name),
                help,
            );
        } else if let Some(other) = rust.insert(setter_name(field), &field.name) {
            let message = format!(
                "`{other}` and `{}` both become the Rust name `{}`",
                field.name,
                setter_name(field)
            );
            cx.error(
                &field.at,
                message,
                Some("give one of them a `rust_name`".into()),
            );
        }
    }
}

fn check_field(cx: &mut Ctxt, field: &Field, request: bool) {
    let rust = setter_name(field);
    if field.name.is_empty() {
        cx.error(&field.at, "a field name cannot be empty", None);
    } else if !is_snake_case(&rust)
        || is_keyword(&rust)
        || RESERVED_SETTERS.contains(&rust.as_str())
    {
        let why = if is_keyword(&rust) {
            "is a Rust keyword"
        } else if RESERVED_SETTERS.contains(&rust.as_str()) {
            "is a builder method"
        } else {
            "is not a valid identifier"
        };
        let message = format!("field `{}` would become `{rust}`, which {why}", field.name);
        let help = Some(format!(
            "add `\"rust_name\": \"{}_value\"` (any snake_case name)",
            rust.trim_matches('_')
        ));
        cx.error(&field.at, message, help);
    }
    if let Some(rust_name) = &field.rust_name
        && !is_snake_case(rust_name)
    {
        cx.error(
            &field.at,
            format!("`rust_name` `{rust_name}` must be snake_case"),
            None,
        );
    }
    let is_string = matches!(field.ty, Type::String);
    for (bound, key) in [
        (&field.min_length, "min_length"),
        (&field.max_length, "max_length"),
    ] {
        if let (Some((_, at)), false) = (bound, is_string) {
            let message = format!(
                "`{key}` applies to strings, but `{}` is {}",
                field.name,
                article(field.ty.describe())
            );
            cx.error(at, message, None);
        }
    }
    if let (Some((min, _)), Some((max, at))) = (&field.min_length, &field.max_length)
        && min > max
    {
        cx.error(
            at,
            format!("`max_length` {max} is below `min_length` {min}"),
            None,
        );
    }
    if let (Some((_, at)), None, None) =
        (&field.violation_error, &field.min_length, &field.max_length)
    {
        cx.error(
            at,
            "`violation_error` names the error of a length bound, but this field has none",
            None,
        );
    }
    if field.const_value.is_some() && !is_string {
        cx.error(
            &field.at,
            "`const` is a fixed string value; the field must be a string",
            None,
        );
    }
    check_type(cx, &field.ty, request);
}

fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if an { "an" } else { "a" })
}

fn check_type(cx: &mut Ctxt, ty: &Type, request: bool) {
    match ty {
        Type::Enum(e) => {
            if !request {
                let help = Some("describe the field as a plain string or integer, with the values in its description".into());
                cx.error(&e.at, "enums are supported in requests only", help);
            }
            check_rust_type(cx, &e.rust_type, &e.at);
            let mut variants = HashSet::new();
            let mut values = Vec::new();
            for value in &e.values {
                if !is_upper_camel(&value.variant) {
                    let help = Some(format!("try `{}`", upper_camel(&value.variant)));
                    cx.error(
                        &value.at,
                        format!("enum variant `{}` must be UpperCamelCase", value.variant),
                        help,
                    );
                } else if !variants.insert(&value.variant) {
                    cx.error(
                        &value.at,
                        format!("enum variant `{}` is defined twice", value.variant),
                        Some("give each value its own `variant`".into()),
                    );
                }
                if values.contains(&&value.value) {
                    cx.error(
                        &value.at,
                        format!("enum value {} is listed twice", value.value),
                        None,
                    );
                }
                values.push(&value.value);
            }
        }
        Type::Object(o) => {
            check_rust_type(cx, &o.rust_type, &o.at);
            if request {
                let settable = o.fields.iter().filter(|f| f.const_value.is_none()).count();
                check_settable_count(cx, settable, &o.at);
            }
            check_fields_unique(cx, &o.fields);
            for field in &o.fields {
                check_field(cx, field, request);
            }
            check_groups(
                cx,
                &o.at_least_one_of,
                &o.fields.iter().collect::<Vec<_>>(),
                &o.at.path,
            );
        }
        Type::Array(items) => check_type(cx, items, request),
        Type::String | Type::Integer | Type::Boolean => {}
    }
}

fn check_settable_count(cx: &mut Ctxt, settable: usize, at: &Loc) {
    if settable > MAX_SETTABLE_FIELDS {
        cx.error(
            at,
            format!(
                "{settable} settable fields; a request or object can have at most {MAX_SETTABLE_FIELDS}"
            ),
            Some("the builder's typestate grows with the field count; split the fields into nested objects".into()),
        );
    }
}

fn check_rust_type(cx: &mut Ctxt, name: &str, at: &Loc) {
    // Inside `impl<S> <Name>Builder<S>` a type named `S` would be the state parameter instead.
    if name == "S" {
        cx.error(
            at,
            "`rust_type` `S` is reserved: it is the builders' type parameter",
            Some("choose a longer name, such as the field's name in UpperCamelCase".to_owned()),
        );
        return;
    }
    if !is_upper_camel(name) || name == "Self" {
        let help = Some(format!("try `{}`", upper_camel(name)));
        cx.error(
            at,
            format!("`rust_type` `{name}` must be an UpperCamelCase type name"),
            help,
        );
    }
}

fn check_groups(cx: &mut Ctxt, groups: &[Group], fields: &[&Field], owner: &str) {
    for group in groups {
        if group.fields.is_empty() {
            cx.error(&group.at, "an at-least-one-of group needs fields", None);
        }
        for name in &group.fields {
            match fields.iter().find(|f| f.name == *name) {
                None => {
                    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let help = did_you_mean(name, names.iter().copied())
                        .map(|m| format!("did you mean `{m}`?"));
                    let owner = if owner.is_empty() {
                        "the object"
                    } else {
                        owner
                    };
                    cx.error(
                        &group.at,
                        format!(
                            "at-least-one-of names `{name}`, which is not a field of `{owner}`"
                        ),
                        help,
                    );
                }
                Some(field) if field.required => {
                    let message =
                        format!("at-least-one-of names `{name}`, which is required anyway");
                    cx.error(
                        &group.at,
                        message,
                        Some("drop it from the group, or make it optional".into()),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

fn check_violation_errors<'f>(
    cx: &mut Ctxt,
    fields: impl Iterator<Item = &'f Field>,
    variants: &[&str],
) {
    for field in fields {
        if let Some((variant, at)) = &field.violation_error
            && !variants.contains(&variant.as_str())
        {
            let help = did_you_mean(variant, variants.iter().copied())
                .map(|m| format!("did you mean `{m}`?"))
                .or_else(|| Some("name the `variant` of one of this endpoint's `errors`".into()));
            cx.error(
                at,
                format!(
                    "`violation_error` names `{variant}`, which is not an error of this endpoint"
                ),
                help,
            );
        }
        if let Some(object) = field.ty.object() {
            check_violation_errors(cx, object.fields.iter(), variants);
        }
    }
}

fn check_example(cx: &mut Ctxt, endpoint: &EndpointSpec, example: &Example) {
    let request = &endpoint.request;
    let parts = [
        ("path", &example.path, &request.path),
        ("query", &example.query, &request.query),
        ("body", &example.body, &request.body),
    ];
    for (key, value, fields) in parts {
        if let Some(value) = value {
            let path = format!("{}.request.{key}", example.at.path);
            check_value_against(cx, &example.at, &path, value, fields, true);
        }
    }
    if let Some(response) = &example.response {
        let path = format!("{}.response", example.at.path);
        check_value_against(cx, &example.at, &path, response, &endpoint.response, false);
    }
}

/// An example object against the fields it should have.
fn check_value_against(
    cx: &mut Ctxt,
    at: &Loc,
    path: &str,
    value: &Value,
    fields: &[Field],
    request: bool,
) {
    let Value::Object(map) = value else {
        cx.error(
            &Loc {
                path: path.into(),
                ..at.clone()
            },
            "the example is not a JSON object",
            None,
        );
        return;
    };
    let map: BTreeMap<&String, &Value> = map.iter().collect();
    for (key, value) in &map {
        let here = format!("{path}.{key}");
        match fields.iter().find(|f| f.name == **key) {
            Some(field) => check_example_value(cx, at, &here, value, &field.ty, request),
            None => {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                let help = did_you_mean(key, names.iter().copied())
                    .map(|m| format!("did you mean `{m}`?"));
                let message = format!("the example has `{key}`, which the spec does not describe");
                cx.error(
                    &Loc {
                        path: here,
                        ..at.clone()
                    },
                    message,
                    help,
                );
            }
        }
    }
    if request {
        for field in fields
            .iter()
            .filter(|f| f.required && f.const_value.is_none())
        {
            if !map.contains_key(&field.name) {
                let message = format!(
                    "the example leaves out `{}`, which the spec marks required",
                    field.name
                );
                cx.error(
                    &Loc {
                        path: path.into(),
                        ..at.clone()
                    },
                    message,
                    None,
                );
            }
        }
    }
}

fn check_example_value(
    cx: &mut Ctxt,
    at: &Loc,
    path: &str,
    value: &Value,
    ty: &Type,
    request: bool,
) {
    let ok = match (ty, value) {
        (Type::String, Value::String(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Integer, Value::Number(n)) => n.is_i64(),
        (Type::Enum(e), v) => {
            if !e.values.iter().any(|ev| ev.value == *v) {
                let allowed: Vec<String> = e.values.iter().map(|ev| ev.value.to_string()).collect();
                let message = format!(
                    "the example's value {v} is not one of the enum's values ({})",
                    allowed.join(", ")
                );
                cx.error(
                    &Loc {
                        path: path.into(),
                        ..at.clone()
                    },
                    message,
                    None,
                );
            }
            true
        }
        (Type::Array(items), Value::Array(values)) => {
            for (i, v) in values.iter().enumerate() {
                check_example_value(cx, at, &format!("{path}[{i}]"), v, items, request);
            }
            true
        }
        (Type::Object(o), v @ Value::Object(_)) => {
            check_value_against(cx, at, path, v, &o.fields, request);
            true
        }
        _ => false,
    };
    if !ok {
        let message = format!(
            "the example's value {value} is not {}",
            article(ty.describe())
        );
        cx.error(
            &Loc {
                path: path.into(),
                ..at.clone()
            },
            message,
            None,
        );
    }
}
