//! Rules of a platform file: its name, its APIs, and its token endpoint.

use std::collections::HashMap;

use super::error_rows::check_error_rows;
use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;
use crate::names::{is_keyword, is_snake_case, snake_case, upper_camel};

/// The name of a platform error enum's table of variants.
const RESERVED_PLATFORM_VARIANTS: &[&str] = &["DOCUMENTED"];

/// Every rule of one platform and its APIs.
pub fn check_platform(cx: &mut Ctxt, platform: &PlatformSpec) {
    platform_name_is_a_module_name(cx, platform);
    platform_has_an_api(cx, platform);
    let mut seen = HashMap::new();
    for api in &platform.apis {
        api_name_is_snake_case_and_unique(cx, api, &mut seen);
        api_transport_fits_auth_and_envelope(cx, api);
        http_api_has_a_base_url(cx, api);
        base_url_is_http(cx, api);
        check_error_rows(cx, &api.errors, api.transport, RESERVED_PLATFORM_VARIANTS);
        rate_limits_are_http_and_unique(cx, &api.rate_limits, api.transport == ApiTransport::Http);
    }
}

/// Rate limits belong to HTTP calls, each scope and period once.
///
/// The HTTP client is what keeps to a limit; a JS-SDK call runs inside the WeCom client, which
/// throttles its own calls, so a limit there would be kept by no one. A scope and period declared
/// twice for one API or endpoint would be two budgets for one documented limit: a typo, or a
/// limit transcribed twice with different numbers, which the page cannot both mean.
pub fn rate_limits_are_http_and_unique(cx: &mut Ctxt, limits: &[RateLimitSpec], http: bool) {
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

/// The platform's name becomes a module (`group_api::dingtalk`) and prefixes its endpoint files.
fn platform_name_is_a_module_name(cx: &mut Ctxt, platform: &PlatformSpec) {
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
}

/// Every endpoint belongs to an API of its platform; a platform without one could hold none.
/// (Not reported when an API could not be read: that was reported already.)
fn platform_has_an_api(cx: &mut Ctxt, platform: &PlatformSpec) {
    if platform.apis.is_empty() && platform.apis_complete {
        cx.error(
            &platform.at,
            "a platform needs at least one API in `apis`",
            None,
        );
    }
}

/// An API's name becomes its constant (`V1_API`) and error enum (`V1PlatformError`), and endpoints
/// name it in `api`: it must be an identifier, and one per platform.
/// Two APIs whose names differ only in underscores (`v1`, `v_1`) would give one generated name
/// (`V1PlatformError`), so names are compared as the generator writes them.
fn api_name_is_snake_case_and_unique<'a>(
    cx: &mut Ctxt,
    api: &'a ApiSpec,
    seen: &mut HashMap<String, &'a str>,
) {
    if !is_snake_case(&api.name) {
        cx.error(
            &api.at,
            format!("API name `{}` must be snake_case", api.name),
            None,
        );
        return;
    }
    let camel = upper_camel(&api.name);
    match seen.insert(camel.clone(), api.name.as_str()) {
        Some(other) if other == api.name => cx.error(
            &api.at,
            format!("API `{}` is defined twice", api.name),
            None,
        ),
        Some(other) => cx.error(
            &api.at,
            format!(
                "the APIs `{other}` and `{}` both give the generated name `{camel}PlatformError`",
                api.name
            ),
            Some("rename one of them".into()),
        ),
        None => {}
    }
}

/// The runtime sends an HTTP API's calls with a token and reads HTTP answers; a JS-SDK call runs in
/// the client's session and answers with `errMsg`. A mix of the two could not be sent.
fn api_transport_fits_auth_and_envelope(cx: &mut Ctxt, api: &ApiSpec) {
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
        (ApiTransport::Http, Auth::JsSession, _) | (ApiTransport::Http, _, Envelope::JsErrMsg) => {
            cx.error(
                &api.at,
                "an HTTP API cannot use a JS-SDK session or errMsg envelope",
                None,
            );
        }
        _ => {}
    }
}

/// A client sends to the platform's production host unless told otherwise; without one, every
/// call would need `with_base_url`.
fn http_api_has_a_base_url(cx: &mut Ctxt, api: &ApiSpec) {
    if api.transport == ApiTransport::Http && api.base_url.is_none() {
        let help = Some(
            "add the production host, e.g. `\"base_url\": \"https://api.example.com\"`".into(),
        );
        cx.error(&api.at, "an HTTP API needs a `base_url`", help);
    }
}

/// The host is joined with each endpoint's path into a URL; anything but http(s) cannot be sent.
fn base_url_is_http(cx: &mut Ctxt, api: &ApiSpec) {
    if let Some(url) = &api.base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        cx.error(
            &api.at,
            format!("`base_url` `{url}` must start with https:// or http://"),
            None,
        );
    }
}

/// Two platform files of one name would generate one module twice.
pub fn platform_is_defined_once<'s>(
    cx: &mut Ctxt,
    platform: &'s PlatformSpec,
    platforms: &mut HashMap<&'s str, &'s PlatformSpec>,
) {
    if platforms.insert(&platform.platform, platform).is_some() {
        cx.error(
            &platform.at,
            format!("platform `{}` is defined twice", platform.platform),
            None,
        );
    }
}

/// A platform's `token` names an endpoint of the platform that the client can call with nothing
/// but the app's id and secret, and whose answer holds the token (and its lifetime) where the
/// platform file says: the generated `Client::from_app_credentials` builds that request and reads
/// that answer, so a wrong name here would be a compile error in generated code, far from its
/// cause.
pub fn token_endpoint_fits_the_client(
    cx: &mut Ctxt,
    set: &SpecSet,
    platform: &PlatformSpec,
    token: &TokenSpec,
) {
    if platform.apis_complete
        && !platform
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
    let own = super::endpoints_of(set, &platform.platform);
    let Some(endpoint) = own.iter().find(|e| e.name == token.endpoint) else {
        // An endpoint file that could not be read may be the one named.
        if !set.complete {
            return;
        }
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
    // The endpoint's own auth, else its API's: either may say the call takes no token.
    let api_auth = platform
        .apis
        .iter()
        .find(|api| api.name == endpoint.api)
        .map(|api| &api.auth);
    if endpoint.auth.as_ref().or(api_auth) != Some(&Auth::None) {
        cx.error(
            &token.endpoint_at,
            format!(
                "the token endpoint `{}` must not need a token itself",
                endpoint.name
            ),
            Some("give its spec file `\"auth\": { \"in\": \"none\" }`".into()),
        );
    }
    // Fields are looked up by name only in a file that was read whole.
    if !endpoint.complete {
        return;
    }
    let request: Vec<&Field> = endpoint.request.all().map(|(_, f)| f).collect();
    if token.id == token.secret {
        cx.error(
            &token.secret_at,
            format!(
                "`credentials.secret` names `{}`, as `credentials.id` does: the app's id and secret are two fields",
                token.secret
            ),
            None,
        );
    }
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
            Some(field) if field.const_value.is_some() => cx.error(
                at,
                format!(
                    "`{name}` of `{}` has a fixed value (`const`); a credential is the app's, set by the client",
                    endpoint.name
                ),
                Some(format!("remove `const` from `{name}` in the endpoint file")),
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
    // The secret and the token must print as `<redacted>` in the token request's and answer's
    // `Debug`, which the spec's `secret` flag decides.
    let unmarked = request
        .iter()
        .find(|f| f.name == token.secret && !f.secret)
        .map(|f| (&token.secret_at, &f.name, "request"))
        .into_iter()
        .chain(
            endpoint
                .response
                .iter()
                .find(|f| f.name == token.token && !f.secret)
                .map(|f| (&token.token_at, &f.name, "answer")),
        );
    for (at, name, side) in unmarked {
        cx.error(
            at,
            format!(
                "`{name}` of the {side} of `{}` carries a credential but is not marked secret",
                endpoint.name
            ),
            Some(format!(
                "add `\"secret\": true` to `{name}` in the endpoint file, so that `Debug` and errors never show it"
            )),
        );
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
                    && matches!(found.ty, Type::String | Type::Integer | Type::Int64) => {}
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
