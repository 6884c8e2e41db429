//! Rules of an endpoint file: its identity, its transport against its API's, its path, its
//! request parameters and the names it adds to its platform's module.

use std::collections::{HashMap, HashSet};

use super::error_rows::{check_error_rows, rows_are_not_the_apis_own};
use super::example::example_matches_the_spec;
use super::field::{
    check_field, check_type, fields_are_unique, groups_name_optional_fields,
    settable_fields_fit_the_typestate, violation_error_names_a_row,
};
use super::rules::{response_has_no_rules, rules_fit_their_fields};
use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;
use crate::names::{is_keyword, is_snake_case, snake_case, upper_camel};

/// Variant names the generator adds to every endpoint error enum, and the name of the enums' table
/// of variants (`Self::DOCUMENTED` would name a variant `DOCUMENTED` instead).
const RESERVED_VARIANTS: &[&str] = &["Platform", "Undocumented", "DOCUMENTED"];

/// Two files describing one endpoint would generate its types twice.
pub fn endpoint_is_defined_once<'s>(
    cx: &mut Ctxt,
    endpoint: &'s EndpointSpec,
    names: &mut HashSet<(&'s str, &'s str)>,
) {
    if !names.insert((&endpoint.platform, &endpoint.name)) {
        let message = format!(
            "endpoint `{}.{}` is defined twice",
            endpoint.platform, endpoint.name
        );
        cx.error(&endpoint.at, message, None);
    }
}

/// The endpoint's API: its platform and API must exist, since they give the host, the auth, the
/// envelope and the platform-wide errors. `None` (reported, unless a file that could not be read
/// may be the one missing) when either does not.
pub fn api_of<'s>(
    cx: &mut Ctxt,
    set: &'s SpecSet,
    platforms: &HashMap<&str, &'s PlatformSpec>,
    endpoint: &EndpointSpec,
) -> Option<&'s ApiSpec> {
    let Some(platform) = platforms.get(endpoint.platform.as_str()) else {
        if set.complete {
            let help = format!(
                "add a platform file `{}.json` to the spec folder",
                endpoint.platform
            );
            cx.error(
                &endpoint.platform_at,
                format!("no platform `{}` is defined", endpoint.platform),
                Some(help),
            );
        }
        return None;
    };
    let api = platform.apis.iter().find(|a| a.name == endpoint.api);
    if api.is_none() && platform.apis_complete {
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
        cx.error(
            &endpoint.api_at,
            format!(
                "platform `{}` has no API `{}`",
                endpoint.platform, endpoint.api
            ),
            Some(help),
        );
    }
    api
}

/// Every rule of one endpoint, in the order they are reported.
pub fn check_endpoint(cx: &mut Ctxt, endpoint: &EndpointSpec, api: Option<&ApiSpec>) {
    endpoint_name_is_a_module_name(cx, endpoint);
    super::platform::rate_limits_are_http_and_unique(
        cx,
        &endpoint.rate_limits,
        matches!(endpoint.transport, Transport::Http { .. }),
    );
    auth_override_fits_the_transport(cx, endpoint);
    transport_matches_the_api(cx, endpoint, api);
    match &endpoint.transport {
        Transport::Http {
            at,
            path,
            method,
            body,
            body_at,
            ..
        } => {
            a_get_has_no_body(cx, *method, &endpoint.request);
            if *body == BodyFormat::Form {
                form_body_is_flat(cx, body_at, &endpoint.request.body);
            }
            http_path_starts_with_a_slash(cx, at, path);
            path_placeholders_match_parameters(
                cx,
                at,
                path,
                &endpoint.request.path,
                endpoint.complete,
            );
        }
        Transport::JsSdk {
            at,
            api,
            also,
            also_at,
        } => {
            js_sdk_api_is_a_call_name(cx, at, api);
            other_call_names_are_the_same_api(cx, also_at, api, also);
            js_sdk_takes_only_a_body(cx, &endpoint.request);
        }
    }
    let request = &endpoint.request;
    let mut setters: HashMap<String, &Field> = HashMap::new();
    for (location, field) in request.all() {
        check_field(cx, field, true, 0);
        parameter_outside_the_body_is_a_scalar(cx, location, field);
        path_parameter_is_required(cx, location, field);
        const_is_a_header(cx, location, field);
        setter_names_are_unique(cx, field, &mut setters);
    }
    if endpoint.complete {
        let fields: Vec<&Field> = request.all().map(|(_, f)| f).collect();
        groups_name_optional_fields(cx, &request.at_least_one_of, &fields, "request");
    }
    let settable = request
        .all()
        .filter(|(_, f)| f.const_value.is_none())
        .count();
    settable_fields_fit_the_typestate(cx, settable, &request.at);
    generated_builder_names_are_unique(cx, request);
    fields_are_unique(cx, &endpoint.response);
    for field in &endpoint.response {
        check_field(cx, field, false, 0);
    }
    if endpoint.complete {
        let variants: Vec<&str> = endpoint.errors.iter().map(|e| e.variant.as_str()).collect();
        violation_error_names_a_row(cx, request.all().map(|(_, f)| f), &variants);
        let fields: Vec<&Field> = request.all().map(|(_, f)| f).collect();
        rules_fit_their_fields(cx, &request.rules, &fields, &variants);
        for field in &fields {
            object_rules_fit_their_fields(cx, &field.ty, &variants);
        }
    }
    for field in &endpoint.response {
        response_has_no_rules(cx, &field.ty);
    }
    // The rows are read as the endpoint's own transport answers: an endpoint put on an API of the
    // other transport is reported once (`transport_matches_the_api`), not again for each row.
    let transport = match endpoint.transport {
        Transport::Http { .. } => ApiTransport::Http,
        Transport::JsSdk { .. } => ApiTransport::JsSdk,
    };
    check_error_rows(cx, &endpoint.errors, transport, RESERVED_VARIANTS);
    if let Some(api) = api {
        rows_are_not_the_apis_own(cx, &endpoint.errors, api);
    }
    if endpoint.complete {
        let query_auth = match endpoint.auth.as_ref().or(api.map(|a| &a.auth)) {
            Some(Auth::Query(name)) => Some(name.as_str()),
            _ => None,
        };
        for example in &endpoint.examples {
            example_matches_the_spec(cx, endpoint, example, query_auth);
        }
    }
}

/// The rules of every object in a request's types (see `rules_fit_their_fields`).
fn object_rules_fit_their_fields(cx: &mut Ctxt, ty: &Type, variants: &[&str]) {
    match ty {
        Type::Object(o) => {
            if o.complete {
                let fields: Vec<&Field> = o.fields.iter().collect();
                rules_fit_their_fields(cx, &o.rules, &fields, variants);
            }
            for field in &o.fields {
                object_rules_fit_their_fields(cx, &field.ty, variants);
            }
        }
        Type::Array(items) => object_rules_fit_their_fields(cx, items, variants),
        _ => {}
    }
}

/// The name becomes the endpoint's module and client method, and the prefix of its types.
fn endpoint_name_is_a_module_name(cx: &mut Ctxt, endpoint: &EndpointSpec) {
    if !is_snake_case(&endpoint.name) || is_keyword(&endpoint.name) {
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
}

/// An endpoint may say where its token goes only over HTTP, and never "by JS-SDK session": a
/// JS-SDK call has no token, and an HTTP call has no session.
fn auth_override_fits_the_transport(cx: &mut Ctxt, endpoint: &EndpointSpec) {
    if let (Some(auth), Transport::JsSdk { .. }) | (Some(auth @ Auth::JsSession), _) =
        (&endpoint.auth, &endpoint.transport)
    {
        let help = Some("an HTTP endpoint may override its API's auth with `header`, `bearer`, `query` or `none`".into());
        cx.error(
            &endpoint.auth_at,
            format!("this endpoint cannot use `{auth:?}` auth"),
            help,
        );
    }
}

/// An endpoint travels as its API does: the API's client sends it.
fn transport_matches_the_api(cx: &mut Ctxt, endpoint: &EndpointSpec, api: Option<&ApiSpec>) {
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
            cx.error(
                &endpoint.transport_at,
                format!(
                    "a JS-SDK call in API `{}`, which is an HTTP API",
                    endpoint.api
                ),
                None,
            );
        }
        _ => {}
    }
}

/// The path is appended to the host as it is.
fn http_path_starts_with_a_slash(cx: &mut Ctxt, at: &Loc, path: &str) {
    if !path.starts_with('/') {
        cx.error(at, format!("path `{path}` must start with `/`"), None);
    }
}

/// The path's `:param` placeholders and `request.path` name the same parameters: the client fills
/// each placeholder from its parameter, so one without the other is a path that cannot be built
/// or a setter that does nothing. (Placeholders are looked up only in a request read whole.)
fn path_placeholders_match_parameters(
    cx: &mut Ctxt,
    at: &Loc,
    path: &str,
    params: &[Field],
    complete: bool,
) {
    if !path.starts_with('/') {
        cx.error(at, format!("path `{path}` must start with `/`"), None);
    }
    let placeholders: Vec<&str> = path
        .split('/')
        .filter_map(|s| s.strip_prefix(':'))
        .collect();
    for placeholder in placeholders.iter().filter(|_| complete) {
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

/// The bridge makes the call by its full name, in one of the forms WeCom documents, and the
/// client reads answers whose `errMsg` starts with the name's last part.
fn js_sdk_api_is_a_call_name(cx: &mut Ctxt, at: &Loc, api: &str) {
    if !is_js_call_name(api) {
        cx.error(
            at,
            format!("`{api}` is not a JS-SDK call name"),
            Some("write it as the page does: `wx.qy.<api>`, `ww.<api>`, `wx.<api>`, or `wx.invoke:<api>` for `wx.invoke(\"<api>\", …)`".into()),
        );
    }
}

/// `wx.qy.<api>`, `ww.<api>`, `wx.<api>` or `wx.invoke:<api>`, `<api>` an identifier.
fn is_js_call_name(call: &str) -> bool {
    let api = ["wx.qy.", "ww.", "wx.invoke:", "wx."]
        .iter()
        .find_map(|prefix| call.strip_prefix(prefix));
    api.is_some_and(|api| {
        api.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && api.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// `also` names the same call in other forms: the answer's `errMsg` starts with the same API name,
/// so one endpoint reads them all.
fn other_call_names_are_the_same_api(cx: &mut Ctxt, at: &Loc, api: &str, also: &[String]) {
    for other in also {
        if !is_js_call_name(other) {
            cx.error(
                at,
                format!("`{other}` is not a JS-SDK call name"),
                Some("write it as the page does: `wx.qy.<api>`, `ww.<api>`, `wx.<api>` or `wx.invoke:<api>`".into()),
            );
        } else if Transport::js_api_name(other) != Transport::js_api_name(api) {
            cx.error(
                at,
                format!(
                    "`{other}` is another API than `{api}`: its answers start with `{}:`",
                    Transport::js_api_name(other)
                ),
                Some(
                    "`also` lists other names of the same call; another API is another endpoint"
                        .into(),
                ),
            );
        } else if other == api {
            cx.error(at, format!("`also` repeats the call name `{api}`"), None);
        }
    }
}

/// A GET carries no body: body fields would be dropped by servers and proxies, or refused.
fn a_get_has_no_body(cx: &mut Ctxt, method: Method, request: &RequestSpec) {
    if method == Method::Get
        && let Some(field) = request.body.first()
    {
        cx.error(
            &field.at,
            "a GET request has no body",
            Some("put the parameters in `request.query`, or use the method the page gives".into()),
        );
    }
}

/// A form body is a list of name=value pairs: each field a string, a number, a boolean, an enum
/// or a separator list (sent joined).
fn form_body_is_flat(cx: &mut Ctxt, at: &Loc, body: &[Field]) {
    for field in body {
        if !is_sent_as_text(field) {
            cx.error(
                &field.at,
                format!(
                    "a form body carries text values, but `{}` is {}",
                    field.name,
                    super::field::article(field.ty.describe())
                ),
                Some(format!(
                    "`\"body\": \"form\"` is set at `{}`; use JSON where the page nests values",
                    at.path
                )),
            );
        }
    }
}

/// A JS-SDK call takes one argument object: there is no path, query or header to put a
/// parameter in.
fn js_sdk_takes_only_a_body(cx: &mut Ctxt, request: &RequestSpec) {
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

/// A path, query or header parameter is written as text: only a scalar or an enum has one.
fn parameter_outside_the_body_is_a_scalar(cx: &mut Ctxt, location: Location, field: &Field) {
    if location != Location::Body && !is_sent_as_text(field) {
        let message = format!(
            "a {} parameter must be a string, number, boolean, enum or separator-joined list",
            location.key()
        );
        cx.error(&field.at, message, None);
    }
}

/// Whether a field's value is one piece of text on the wire (a path, query or header parameter,
/// a form field): a scalar, an enum, or a separator list of scalars. An unknown shared type counts
/// as text: it is reported as unknown, once.
fn is_sent_as_text(field: &Field) -> bool {
    let scalar =
        |ty: &Type| matches!(ty, Type::String | Type::Boolean | Type::Enum(_)) || ty.is_number();
    match field.ty.resolved() {
        Type::Shared(_) => true,
        Type::Array(items) => field.separator.is_some() && scalar(items.resolved()),
        other => scalar(other),
    }
}

/// A path without its parameter cannot be sent.
fn path_parameter_is_required(cx: &mut Ctxt, location: Location, field: &Field) {
    if location == Location::Path && !field.required {
        cx.error(
            &field.at,
            "a path parameter is always required",
            Some("add `\"required\": true`".into()),
        );
    }
}

/// A fixed value is a header the page fixes (`Content-Type`); elsewhere it would be a parameter
/// the caller cannot set, which the page does not describe.
fn const_is_a_header(cx: &mut Ctxt, location: Location, field: &Field) {
    if field.const_value.is_some() && location != Location::Header {
        cx.error(&field.at, "`const` is for fixed header values", None);
    }
}

/// Names the generator derives from others, which distinct names could share: a builder's trait
/// per required setter (`IdSet`, from the setter in UpperCamelCase: `id2` and `id_2` both give
/// `Id2`), and a request object's state module (`__http_config_state`, from the type name in
/// snake_case: `HTTPConfig` and `HttpConfig` both give it).
fn generated_builder_names_are_unique(cx: &mut Ctxt, request: &RequestSpec) {
    fn setters<'f>(cx: &mut Ctxt, fields: impl Iterator<Item = &'f Field>) {
        let mut seen: HashMap<String, String> = HashMap::new();
        for field in fields.filter(|f| f.const_value.is_none() && f.required) {
            let setter = field.member_name();
            let camel = upper_camel(&setter);
            match seen.insert(camel.clone(), setter.clone()) {
                // The same setter twice is its own error (`setter_names_are_unique`).
                Some(other) if other != setter => cx.error(
                    &field.at,
                    format!(
                        "the required setters `{other}` and `{setter}` both give the builder's generated name `{camel}Set`"
                    ),
                    Some("give one of them a `rust_name`".into()),
                ),
                _ => {}
            }
        }
    }
    setters(cx, request.all().map(|(_, f)| f));
    let mut found = Vec::new();
    named(request.all().map(|(_, f)| &f.ty), &mut found);
    let mut modules: HashMap<String, &str> = HashMap::new();
    for object in found.into_iter().filter_map(|ty| match ty {
        Type::Object(o) => Some(o),
        _ => None,
    }) {
        setters(cx, object.fields.iter());
        let module = snake_case(&object.rust_type);
        match modules.insert(module.clone(), &object.rust_type) {
            Some(other) if other != object.rust_type => cx.error(
                &object.at,
                format!(
                    "the types `{other}` and `{}` both give the generated module `__{module}_state`",
                    object.rust_type
                ),
                Some("choose another `rust_type` for one of them".into()),
            ),
            _ => {}
        }
    }
}

/// One builder holds the parameters of every location: two with one setter name (a field listed
/// in two locations, or two wire names with one snake_case) would collide.
fn setter_names_are_unique<'s>(
    cx: &mut Ctxt,
    field: &'s Field,
    setters: &mut HashMap<String, &'s Field>,
) {
    if field.const_value.is_some() {
        return;
    }
    let setter = field.member_name();
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

/// The methods of a platform's generated `Client` (and of the traits it implements that callers
/// use by method syntax): an endpoint's method of the same name would collide with one or hide it.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "from_app_credentials",
    "from_token_source",
    "with_token_refresh",
    "token_source",
    "with_base_url",
    "with_http_client",
    "with_retry_policy",
    "with_timeout",
    "with_total_timeout",
    "with_body_limit",
    "allow_insecure_http",
    "paginate",
    "retry_policy",
    "with_store",
    "with_rate_limits",
    "rate_limits",
    "send",
    "clone",
    "clone_from",
    "fmt",
];

/// An endpoint's method and types share their platform's module and `Client` with the items the
/// generator makes for the platform itself: the client's methods, and the types `Client`,
/// `Platform` and `<Api>PlatformError`. A name that collides would be a Rust error inside the
/// macro's expansion, far from its cause (or, for `clone`, would silently hide `Clone::clone`).
/// The names the platform module itself defines: its client, marker and platform error enums.
fn platform_item_names(platform: &PlatformSpec) -> Vec<String> {
    let mut taken: Vec<String> = vec!["Client".into(), "Platform".into()];
    taken.extend(
        platform
            .apis
            .iter()
            .map(|api| format!("{}PlatformError", upper_camel(&api.name))),
    );
    taken
}

/// A shared type goes into the platform module beside the platform's own items.
pub fn shared_type_names_are_free_of_the_platforms_own(cx: &mut Ctxt, platform: &PlatformSpec) {
    let taken = platform_item_names(platform);
    for def in &platform.types {
        if taken.contains(&def.rust_type) {
            cx.error(
                &def.at,
                format!(
                    "type name `{}` is taken by the platform's own generated items",
                    def.rust_type
                ),
                Some("choose another `rust_type`".into()),
            );
        }
    }
}

pub fn names_are_free_of_the_platforms_own(
    cx: &mut Ctxt,
    platform: &PlatformSpec,
    endpoint: &EndpointSpec,
) {
    let has_client = platform
        .apis
        .iter()
        .any(|api| api.transport == ApiTransport::Http);
    if has_client && CLIENT_METHODS.contains(&endpoint.name.as_str()) {
        let at = Loc {
            path: "name".into(),
            ..endpoint.at.clone()
        };
        cx.error(
            &at,
            format!(
                "endpoint name `{}` is a method of the platform's generated `Client`",
                endpoint.name
            ),
            Some(format!(
                "choose another name, e.g. `{}_{}`",
                endpoint.name, endpoint.platform
            )),
        );
    }
    for (name, at) in named_types(endpoint) {
        if platform_item_names(platform).contains(&name) {
            cx.error(
                &at,
                format!("type name `{name}` is taken by the platform's own generated items"),
                Some("choose another `rust_type`".into()),
            );
        }
    }
}

/// Every endpoint's types go into one platform module: two with one name would collide.
pub fn type_names_are_unique_per_platform<'s>(
    cx: &mut Ctxt,
    platform: &'s str,
    named: Vec<(String, Loc)>,
    types: &mut HashMap<(&'s str, String), Loc>,
) {
    for (name, at) in named {
        if let Some(first) = types.insert((platform, name.clone()), at.clone()) {
            let other = cx
                .files
                .get(first.file)
                .map(|f| f.display.clone())
                .unwrap_or_default();
            let message = format!("type name `{name}` is used twice in platform `{platform}`");
            let help = format!(
                "it is also defined at `{}` in {other}; choose another `rust_type`",
                first.path
            );
            cx.error(&at, message, Some(help));
        }
    }
}

/// Every Rust type name an endpoint puts into its platform's module.
pub fn named_types(endpoint: &EndpointSpec) -> Vec<(String, Loc)> {
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
            Type::Union(u) => out.push((u.rust_type.clone(), u.at.clone())),
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

/// A shared type is named in `type` by its `rust_type`: the endpoint's platform must define it (in
/// its `types`). Not reported when the platform or one of its types could not be read.
pub fn shared_types_are_defined(cx: &mut Ctxt, endpoint: &EndpointSpec, platform: &PlatformSpec) {
    if !platform.types_complete {
        return;
    }
    fn walk(cx: &mut Ctxt, ty: &Type, platform: &PlatformSpec) {
        match ty {
            Type::Shared(r) if r.target.is_none() => {
                let names: Vec<&str> = platform
                    .types
                    .iter()
                    .map(|t| t.rust_type.as_str())
                    .collect();
                let help = did_you_mean(&r.name, names.iter().copied())
                    .map(|m| format!("did you mean `\"{m}\"`?"))
                    .unwrap_or_else(|| {
                        format!(
                            "an UpperCamelCase `type` names a shared type of the platform; add it to `types` in `{}.json`, or use a built-in type (\"string\", \"int32\", ...)",
                            platform.platform
                        )
                    });
                cx.error(
                    &r.at,
                    format!(
                        "platform `{}` has no shared type `{}`",
                        platform.platform, r.name
                    ),
                    Some(help),
                );
            }
            Type::Array(items) => walk(cx, items, platform),
            Type::Object(o) => o.fields.iter().for_each(|f| walk(cx, &f.ty, platform)),
            Type::Union(u) => u.variants.iter().for_each(|v| walk(cx, &v.ty, platform)),
            _ => {}
        }
    }
    for (_, field) in endpoint.request.all() {
        walk(cx, &field.ty, platform);
    }
    for field in &endpoint.response {
        walk(cx, &field.ty, platform);
    }
}

/// Each shared type of a platform: its own rules, and a shape the platform module can hold (an
/// enum or a union; a shared object would need its builder in every crate that refers to it).
pub fn shared_type_is_valid(cx: &mut Ctxt, def: &SharedType) {
    match &def.ty {
        Type::Enum(_) | Type::Union(_) => check_type(cx, &def.ty, true, 0),
        other => {
            let message = format!(
                "a shared type is an enum or a union, not {}",
                super::field::article(other.describe())
            );
            cx.error(
                &def.at,
                message,
                Some("describe an object on each field that has it".into()),
            );
        }
    }
}
