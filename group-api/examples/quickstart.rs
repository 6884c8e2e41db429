//! Every typed call group-api makes over HTTP, with the request sent and the typed answer.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! needs no credentials: it starts a local stand-in for DingTalk (new and old style) and Feishu on
//! 127.0.0.1 that answers as their pages document, and makes each call against it. It then shows a
//! request refused before it is sent (a validation error) and an error answer handled by `match`.
//!
//! ```text
//! cargo run --example quickstart -- --app-credentials
//! ```
//!
//! does the same with clients built from an app's key and secret
//! (`Client::from_app_credentials`): the stand-in also serves the token endpoints, each client
//! fetches one token and uses it for all its calls, and a wrong secret ends in `Error::Token`.
//!
//! ```text
//! cargo run --example quickstart -- --real
//! ```
//!
//! calls the real hosts instead, with tokens and ids from the environment (a platform whose
//! variables are missing is skipped, and the output says which ones):
//!
//! | variable | used for |
//! | --- | --- |
//! | `DINGTALK_ACCESS_TOKEN` | both DingTalk calls (an internal app's access token) |
//! | or `DINGTALK_APP_KEY`, `DINGTALK_APP_SECRET` | the same, with a token fetched from the app's key and secret |
//! | `DINGTALK_CHAT_ID`, `DINGTALK_GROUP_NAME` | `update_group`: renames that group |
//! | `DINGTALK_USER_ID`, `DINGTALK_GROUP_NICK` | `update_group_nick`: that member's nickname in the group |
//! | `FEISHU_TENANT_ACCESS_TOKEN` | the Feishu call |
//! | or `FEISHU_APP_ID`, `FEISHU_APP_SECRET` | the same, with a token fetched from the app's id and secret |
//! | `FEISHU_GROUP_ID`, `FEISHU_GROUP_NAME` | `update_user_group`: renames that user group |
//!
//! These calls change real groups: use a test group. Tokens and secrets are never printed.
//!
//! WeCom's group chat call is a JS-SDK call made inside the WeCom client, not over HTTP; the
//! `wecom_bridge` example shows it.

use std::error::Error as StdError;
use std::io::Write;

use group_api::dingtalk::{self, UpdateGroupNickError, UpdateGroupNickRequest, UpdateGroupRequest};
use group_api::endpoint::{Auth, Body, Transport};
use group_api::feishu::{self, UpdateUserGroupRequest, UserIdType};
use group_api::{Endpoint, Error, TokenErrorKind};

type BoxError = Box<dyn StdError + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut out = std::io::stdout();
    if std::env::args().any(|arg| arg == "--real") {
        real_hosts(&mut out).await
    } else if std::env::args().any(|arg| arg == "--app-credentials") {
        stand_in_app_credentials(&mut out).await
    } else {
        stand_in(&mut out).await
    }
}

/// What the tour sends: ids, names, and which platforms to call.
struct Plan {
    dingtalk: Option<DingTalkPlan>,
    feishu: Option<FeishuPlan>,
}

struct DingTalkPlan {
    client: dingtalk::Client,
    chat_id: String,
    group_name: String,
    user_id: String,
    group_nick: String,
}

struct FeishuPlan {
    client: feishu::Client,
    group_id: String,
    group_name: String,
}

/// The access tokens the stand-in accepts. They are fake, and still never printed.
pub const STAND_IN_DINGTALK_TOKEN: &str = "stand-in-dingtalk-token-6d1bxxxx";
/// See [`STAND_IN_DINGTALK_TOKEN`].
pub const STAND_IN_FEISHU_TOKEN: &str = "t-stand-in-feishu-7f1bcd13fc57d46bac21793a18e560";

/// The app credentials the stand-in's token endpoints accept; they hand out the tokens above.
/// Fake, and the secrets are never printed either.
pub const STAND_IN_DINGTALK_APP_KEY: &str = "dingstandinappkey";
/// See [`STAND_IN_DINGTALK_APP_KEY`].
pub const STAND_IN_DINGTALK_APP_SECRET: &str = "stand-in-dingtalk-app-secret-5e8fxxxx";
/// See [`STAND_IN_DINGTALK_APP_KEY`].
pub const STAND_IN_FEISHU_APP_ID: &str = "cli_standin0000xxxx";
/// See [`STAND_IN_DINGTALK_APP_KEY`].
pub const STAND_IN_FEISHU_APP_SECRET: &str = "stand-in-feishu-app-secret-9c2dxxxx";

/// The tour against a local stand-in, with the values of the pages' own examples.
pub async fn stand_in(out: &mut dyn Write) -> Result<(), BoxError> {
    let server = stand_in::start().await;
    writeln!(
        out,
        "A local stand-in for DingTalk and Feishu is listening on {}.\n\
         (`--real` calls the real hosts; see the top of examples/quickstart.rs.)\n",
        server.uri()
    )?;
    let plan = Plan {
        dingtalk: Some(DingTalkPlan {
            client: dingtalk::Client::new(STAND_IN_DINGTALK_TOKEN).with_base_url(server.uri()),
            chat_id: "chatxxxx".into(),
            group_name: "全员群。".into(),
            user_id: "user123".into(),
            group_nick: "DingTalk Assistant".into(),
        }),
        feishu: Some(FeishuPlan {
            client: feishu::Client::new(STAND_IN_FEISHU_TOKEN).with_base_url(server.uri()),
            group_id: "g187131".into(),
            group_name: "外包 IT 用户组".into(),
        }),
    };
    tour(out, &plan).await
}

/// The tour against the local stand-in with clients built from app credentials: each fetches a
/// token from the stand-in's token endpoint and keeps it for all its calls. Then a wrong secret.
pub async fn stand_in_app_credentials(out: &mut dyn Write) -> Result<(), BoxError> {
    let server = stand_in::start().await;
    writeln!(
        out,
        "A local stand-in for DingTalk and Feishu is listening on {}.\n\
         The clients are built from app credentials: each fetches its token from the stand-in's\n\
         token endpoint at its first call, keeps it for the calls after, and refreshes it before\n\
         it expires. Neither the secret nor the token is printed.\n",
        server.uri()
    )?;
    let plan = Plan {
        dingtalk: Some(DingTalkPlan {
            client: dingtalk::Client::from_app_credentials(
                STAND_IN_DINGTALK_APP_KEY,
                STAND_IN_DINGTALK_APP_SECRET,
            )
            .with_base_url(server.uri()),
            chat_id: "chatxxxx".into(),
            group_name: "全员群。".into(),
            user_id: "user123".into(),
            group_nick: "DingTalk Assistant".into(),
        }),
        feishu: Some(FeishuPlan {
            client: feishu::Client::from_app_credentials(
                STAND_IN_FEISHU_APP_ID,
                STAND_IN_FEISHU_APP_SECRET,
            )
            .with_base_url(server.uri()),
            group_id: "g187131".into(),
            group_name: "外包 IT 用户组".into(),
        }),
    };
    tour(out, &plan).await?;

    writeln!(out, "\n== Tokens fetched ==")?;
    let count = stand_in::count_requests(&server).await;
    writeln!(
        out,
        "DingTalk: calls sent {}, tokens fetched {} (POST {})",
        count.dingtalk_calls,
        count.dingtalk_tokens,
        stand_in::DINGTALK_TOKEN_PATH
    )?;
    writeln!(
        out,
        "Feishu: calls sent {}, tokens fetched {} (POST {})\n",
        count.feishu_calls,
        count.feishu_tokens,
        stand_in::FEISHU_TOKEN_PATH
    )?;

    writeln!(out, "== A wrong app secret ==")?;
    let client =
        dingtalk::Client::from_app_credentials(STAND_IN_DINGTALK_APP_KEY, "not-the-secret")
            .with_base_url(server.uri());
    let request = UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群。")
        .build()?;
    match client.update_group(&request).await {
        Ok(response) => writeln!(out, "unexpected success: {response:?}")?,
        Err(Error::Token(error)) if error.kind() == TokenErrorKind::Refused => {
            writeln!(out, "no token, so not sent: {error}")?;
        }
        Err(other) => writeln!(out, "failed otherwise: {other}")?,
    }
    Ok(())
}

/// The tour against the real hosts, with tokens and ids from the environment.
async fn real_hosts(out: &mut dyn Write) -> Result<(), BoxError> {
    let mut missing: Vec<String> = Vec::new();
    let dingtalk_client = client_from_env(
        &mut missing,
        (
            "DINGTALK_ACCESS_TOKEN",
            "DINGTALK_APP_KEY",
            "DINGTALK_APP_SECRET",
        ),
        dingtalk::Client::new,
        dingtalk::Client::from_app_credentials,
    );
    let feishu_client = client_from_env(
        &mut missing,
        (
            "FEISHU_TENANT_ACCESS_TOKEN",
            "FEISHU_APP_ID",
            "FEISHU_APP_SECRET",
        ),
        feishu::Client::new,
        feishu::Client::from_app_credentials,
    );
    let mut var = |name: &'static str| {
        let value = std::env::var(name).ok().filter(|v| !v.is_empty());
        if value.is_none() {
            missing.push(name.to_owned());
        }
        value
    };
    let dingtalk = (
        dingtalk_client,
        var("DINGTALK_CHAT_ID"),
        var("DINGTALK_GROUP_NAME"),
        var("DINGTALK_USER_ID"),
        var("DINGTALK_GROUP_NICK"),
    );
    let feishu = (
        feishu_client,
        var("FEISHU_GROUP_ID"),
        var("FEISHU_GROUP_NAME"),
    );
    let plan = Plan {
        dingtalk: match dingtalk {
            (Some(client), Some(chat_id), Some(group_name), Some(user_id), Some(group_nick)) => {
                Some(DingTalkPlan {
                    client,
                    chat_id,
                    group_name,
                    user_id,
                    group_nick,
                })
            }
            _ => None,
        },
        feishu: match feishu {
            (Some(client), Some(group_id), Some(group_name)) => Some(FeishuPlan {
                client,
                group_id,
                group_name,
            }),
            _ => None,
        },
    };
    writeln!(out, "Calling the real hosts.\n")?;
    if !missing.is_empty() {
        writeln!(
            out,
            "Not set, so the calls that need them are skipped: {}\n",
            missing.join(", ")
        )?;
    }
    if plan.dingtalk.is_none() && plan.feishu.is_none() {
        writeln!(
            out,
            "Nothing to call: set the variables of at least one platform."
        )?;
        return Ok(());
    }
    tour(out, &plan).await
}

/// A client from the environment: with the token in `names.0`, else with the app credentials in
/// `names.1` and `names.2`; `None` (and the names added to `missing`) when neither is set.
fn client_from_env<C>(
    missing: &mut Vec<String>,
    names: (&str, &str, &str),
    with_token: fn(String) -> C,
    with_app_credentials: fn(String, String) -> C,
) -> Option<C> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let (token, key, secret) = names;
    match (var(token), var(key), var(secret)) {
        (Some(token), _, _) => Some(with_token(token)),
        (None, Some(key), Some(secret)) => Some(with_app_credentials(key, secret)),
        _ => {
            missing.push(format!("{token} (or {key} and {secret})"));
            None
        }
    }
}

/// Every typed call, then a validation error and an API error handled by `match`.
async fn tour(out: &mut dyn Write, plan: &Plan) -> Result<(), BoxError> {
    if let Some(dt) = &plan.dingtalk {
        writeln!(out, "== DingTalk, new style: update_group ==")?;
        let request = UpdateGroupRequest::builder()
            .chatid(dt.chat_id.as_str())
            .name(dt.group_name.as_str())
            .build()?;
        show_request(out, &request)?;
        let result = dt.client.update_group(&request).await;
        show_result(out, &result)?;

        writeln!(out, "== DingTalk, old style: update_group_nick ==")?;
        let request = UpdateGroupNickRequest::builder()
            .userid(dt.user_id.as_str())
            .chatid(dt.chat_id.as_str())
            .group_nick(dt.group_nick.as_str())
            .build()?;
        show_request(out, &request)?;
        let result = dt.client.update_group_nick(&request).await;
        show_result(out, &result)?;
    }

    if let Some(fs) = &plan.feishu {
        writeln!(out, "== Feishu: update_user_group ==")?;
        let request = UpdateUserGroupRequest::builder()
            .group_id(fs.group_id.as_str())
            .user_id_type(UserIdType::OpenId)
            .name(fs.group_name.as_str())
            .description("IT 外包用户组，需要进行细粒度权限管控")
            .build()?;
        show_request(out, &request)?;
        let result = fs.client.update_user_group(&request).await;
        show_result(out, &result)?;

        writeln!(out, "== A validation error: a 101-character name ==")?;
        let result = rename_user_group(&fs.client, &fs.group_id, &"组".repeat(101)).await;
        match result {
            Ok(_) => writeln!(out, "unexpected: the name was accepted")?,
            Err(Error::Validation(error)) => writeln!(out, "not sent: {error}")?,
            Err(other) => writeln!(out, "failed otherwise: {other}")?,
        }
        writeln!(out)?;
    }

    if let Some(dt) = &plan.dingtalk {
        writeln!(
            out,
            "== An API error: a nickname in a group that does not exist =="
        )?;
        let request = UpdateGroupNickRequest::builder()
            .userid(dt.user_id.as_str())
            .chatid("chat-that-does-not-exist")
            .group_nick(dt.group_nick.as_str())
            .build()?;
        show_request(out, &request)?;
        match dt.client.update_group_nick(&request).await {
            Ok(response) => writeln!(out, "unexpected success: {response:?}")?,
            Err(Error::Api(failure)) => {
                let advice = match &failure.error {
                    UpdateGroupNickError::InvalidChatid => "check the chat id",
                    UpdateGroupNickError::UserNotInGroup => "add the user to the group first",
                    UpdateGroupNickError::Platform(
                        dingtalk::TopapiPlatformError::InvalidAccessToken,
                    ) => "get a new access token",
                    error if error.is_retryable() => "try again later",
                    _ => "see the error's explanation",
                };
                writeln!(out, "matched {:?}: {advice}\n  {failure}", failure.error)?;
            }
            Err(other) => writeln!(out, "failed before an answer: {other}")?,
        }
    }
    Ok(())
}

/// A call whose request is built and sent in one go, so that a refused request and a refused
/// call end up in the same `group_api::Error`.
async fn rename_user_group(
    client: &feishu::Client,
    group_id: &str,
    name: &str,
) -> Result<feishu::UpdateUserGroupResponse, Error<feishu::UpdateUserGroupError>> {
    let request = UpdateUserGroupRequest::builder()
        .group_id(group_id)
        .name(name)
        .build()?;
    client.update_user_group(&request).await
}

/// Prints what goes on the wire: method, path, query and body. The token's place is named; the
/// token itself is not printed.
fn show_request<R: Endpoint>(out: &mut dyn Write, request: &R) -> std::io::Result<()> {
    let Transport::Http { method, body, .. } = R::INFO.transport else {
        return Ok(());
    };
    let query: Vec<String> = request
        .query()
        .into_iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    };
    let token = match R::INFO.auth {
        Auth::Header(name) => format!("token in header `{name}`"),
        Auth::Bearer => "token in `Authorization: Bearer`".to_owned(),
        Auth::Query(name) => format!("token in query `{name}`"),
        _ => "no token".to_owned(),
    };
    writeln!(out, "-> {method} {}{query}  ({token})", request.path())?;
    for (name, value) in request.headers() {
        writeln!(out, "   {name}: {value}")?;
    }
    if body != Body::None {
        let body = serde_json::to_string(request).unwrap_or_default();
        writeln!(out, "   {body}")?;
    }
    Ok(())
}

/// Prints the typed answer.
fn show_result<T: std::fmt::Debug, E: group_api::ApiError>(
    out: &mut dyn Write,
    result: &Result<T, Error<E>>,
) -> std::io::Result<()> {
    match result {
        Ok(response) => writeln!(out, "<- {response:?}\n"),
        Err(error) => writeln!(out, "<- error: {error}\n"),
    }
}

/// A local stand-in for the platforms: it checks the token where each page puts it and answers
/// with the pages' examples and error bodies; its token endpoints answer as the token endpoints'
/// spec files describe them.
mod stand_in {
    use serde_json::{Value, json};
    use wiremock::matchers::{method, path, path_regex};
    use wiremock::{Mock, MockServer, Request, ResponseTemplate};

    use super::{
        STAND_IN_DINGTALK_APP_KEY, STAND_IN_DINGTALK_APP_SECRET, STAND_IN_DINGTALK_TOKEN,
        STAND_IN_FEISHU_APP_ID, STAND_IN_FEISHU_APP_SECRET, STAND_IN_FEISHU_TOKEN,
    };

    const KNOWN_CHAT: &str = "chatxxxx";
    const KNOWN_USER_GROUP: &str = "g187131";
    pub const DINGTALK_TOKEN_PATH: &str = "/v1.0/oauth2/accessToken";
    pub const FEISHU_TOKEN_PATH: &str = "/open-apis/auth/v3/tenant_access_token/internal";

    /// What the stand-in has been asked so far.
    pub struct Count {
        pub dingtalk_tokens: usize,
        pub dingtalk_calls: usize,
        pub feishu_tokens: usize,
        pub feishu_calls: usize,
    }

    pub async fn count_requests(server: &MockServer) -> Count {
        let requests = server.received_requests().await.unwrap_or_default();
        let count =
            |test: &dyn Fn(&str) -> bool| requests.iter().filter(|r| test(r.url.path())).count();
        Count {
            dingtalk_tokens: count(&|p| p == DINGTALK_TOKEN_PATH),
            dingtalk_calls: count(&|p| p.starts_with("/v1.0/im/") || p.starts_with("/topapi/")),
            feishu_tokens: count(&|p| p == FEISHU_TOKEN_PATH),
            feishu_calls: count(&|p| p.starts_with("/open-apis/contact/")),
        }
    }

    pub async fn start() -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(DINGTALK_TOKEN_PATH))
            .respond_with(dingtalk_access_token)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(FEISHU_TOKEN_PATH))
            .respond_with(feishu_tenant_access_token)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/v1.0/im/group/update"))
            .respond_with(dingtalk_update_group)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/topapi/chat/updategroupnick"))
            .respond_with(dingtalk_update_group_nick)
            .mount(&server)
            .await;
        Mock::given(method("PATCH"))
            .and(path_regex("^/open-apis/contact/v3/group/[^/]+$"))
            .respond_with(feishu_update_user_group)
            .mount(&server)
            .await;
        server
    }

    fn body(request: &Request) -> Value {
        serde_json::from_slice(&request.body).unwrap_or(Value::Null)
    }

    /// DingTalk's new-style token endpoint: `{"accessToken": "...", "expireIn": 7200}`.
    /// The specs do not say what a wrong secret gets; the stand-in answers the new-style
    /// error shape with a code of its own.
    fn dingtalk_access_token(request: &Request) -> ResponseTemplate {
        let body = body(request);
        if body["appKey"] == STAND_IN_DINGTALK_APP_KEY
            && body["appSecret"] == STAND_IN_DINGTALK_APP_SECRET
        {
            ResponseTemplate::new(200)
                .set_body_json(json!({"accessToken": STAND_IN_DINGTALK_TOKEN, "expireIn": 7200}))
        } else {
            ResponseTemplate::new(400).set_body_json(json!({
                "code": "StandIn.WrongAppSecret",
                "message": "the stand-in does not know this app key and secret",
                "requestid": "F7A0B3C2-STAND-IN"
            }))
        }
    }

    /// Feishu's token endpoint: `{"code": 0, "msg": "ok", "tenant_access_token": "t-...",
    /// "expire": 7200}`; a wrong secret gets a code of the stand-in's own.
    fn feishu_tenant_access_token(request: &Request) -> ResponseTemplate {
        let body = body(request);
        if body["app_id"] == STAND_IN_FEISHU_APP_ID
            && body["app_secret"] == STAND_IN_FEISHU_APP_SECRET
        {
            ResponseTemplate::new(200).set_body_json(json!({
                "code": 0, "msg": "ok", "tenant_access_token": STAND_IN_FEISHU_TOKEN, "expire": 7200
            }))
        } else {
            ResponseTemplate::new(400)
                .set_body_json(json!({"code": 999001, "msg": "stand-in: wrong app secret"}))
        }
    }

    /// DingTalk new style: errors are a non-2xx status with `{code, message, requestid}`.
    fn dingtalk_update_group(request: &Request) -> ResponseTemplate {
        let error = |status: u16, code: &str, message: &str| {
            ResponseTemplate::new(status).set_body_json(
                json!({"code": code, "message": message, "requestid": "F7A0B3C2-STAND-IN"}),
            )
        };
        match request.headers.get("x-acs-dingtalk-access-token") {
            None => {
                return error(
                    400,
                    "AuthenticationFailed.MissingParameter",
                    "token header missing",
                );
            }
            Some(token) if token != STAND_IN_DINGTALK_TOKEN => {
                return error(400, "InvalidAuthentication", "不合法的access_token");
            }
            Some(_) => {}
        }
        let body = body(request);
        match body["chatid"].as_str() {
            None => error(400, "parameter.invalid", "输入参数错误"),
            Some(KNOWN_CHAT) if body["owner"] == "outsider" => {
                error(400, "permession.checkFailed", "群主不在应用可见性内")
            }
            Some(KNOWN_CHAT) => ResponseTemplate::new(200).set_body_json(json!({"success": true})),
            Some(_) => error(400, "permession.checkFailed", "权限校验失败"),
        }
    }

    /// DingTalk old style: always HTTP 200, `errcode` 0 or an error code.
    fn dingtalk_update_group_nick(request: &Request) -> ResponseTemplate {
        let answer = |errcode: i64, errmsg: &str| {
            let mut body =
                json!({"errcode": errcode, "errmsg": errmsg, "request_id": "id1aatxt9mco"});
            if errcode == 0 {
                body["success"] = json!(true);
            }
            ResponseTemplate::new(200).set_body_json(body)
        };
        let token = request
            .url
            .query_pairs()
            .find(|(name, _)| name == "access_token")
            .map(|(_, value)| value.into_owned());
        if token.as_deref() != Some(STAND_IN_DINGTALK_TOKEN) {
            return answer(40014, "不合法的access_token");
        }
        let body = body(request);
        match (body["chatid"].as_str(), body["userid"].as_str()) {
            (Some(KNOWN_CHAT), Some(_)) => answer(0, "ok"),
            (Some(_), Some(_)) => answer(34001, "Invalid chatid"),
            _ => answer(400002, "Parameter error"),
        }
    }

    /// Feishu: every answer is `{code, msg, data}`; the log id is in the `X-Tt-Logid` header.
    fn feishu_update_user_group(request: &Request) -> ResponseTemplate {
        let answer = |status: u16, code: i64, msg: &str| {
            ResponseTemplate::new(status)
                .insert_header("X-Tt-Logid", "202407051200000000000000STANDIN")
                .set_body_json(json!({"code": code, "msg": msg, "data": {}}))
        };
        let bearer = format!("Bearer {STAND_IN_FEISHU_TOKEN}");
        if request
            .headers
            .get("authorization")
            .is_none_or(|v| v != bearer.as_str())
        {
            return answer(400, 99991663, "Invalid access token for authorization.");
        }
        match request.url.path().rsplit('/').next() {
            Some(KNOWN_USER_GROUP) => answer(200, 0, "success"),
            _ => answer(400, 42002, "invalid group_id"),
        }
    }
}
