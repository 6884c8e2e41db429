//! Every typed call group-api makes over HTTP, with the request sent and the typed answer.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! needs no credentials: it starts group-api's stand-in for the platforms
//! (`group_api::testing::StandIn`, feature `testing`) on 127.0.0.1, which answers every endpoint
//! as its page documents, and makes each call against it. It then shows a request refused before
//! it is sent (a validation error) and an error answer handled by `match` (the stand-in is told
//! to answer it, by the error's typed variant).
//!
//! ```text
//! cargo run --example quickstart -- --app-credentials
//! ```
//!
//! does the same with clients built from an app's key and secret
//! (`Client::from_app_credentials`): the stand-in also serves the token endpoints, each client
//! fetches one token and uses it for all its calls, and a refused secret ends in `Error::Token`.
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

use futures::StreamExt;

use group_api::dingtalk::{
    self, GetAccessTokenRequest, UpdateGroupNickError, UpdateGroupNickRequest, UpdateGroupRequest,
};
use group_api::endpoint::{Auth, Body, Transport};
use group_api::feishu::{self, GetTenantAccessTokenRequest, UpdateUserGroupRequest, UserIdType};
use group_api::testing::{Script, StandIn};
use group_api::{Endpoint, Error, TokenErrorKind};
use serde_json::json;

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
struct Plan<'a> {
    dingtalk: Option<DingTalkPlan>,
    feishu: Option<FeishuPlan>,
    /// The stand-in, told which error to answer for the error example; `None` for the real hosts.
    stand_in: Option<&'a StandIn>,
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

/// The access tokens the clients send to the stand-in (it takes any, where the platform puts
/// them). They are fake, and still never printed.
pub const STAND_IN_DINGTALK_TOKEN: &str = "stand-in-dingtalk-token-6d1bxxxx";
/// See [`STAND_IN_DINGTALK_TOKEN`].
pub const STAND_IN_FEISHU_TOKEN: &str = "t-stand-in-feishu-7f1bcd13fc57d46bac21793a18e560";

/// The app credentials the clients send to the stand-in's token endpoints, which hand out a token
/// for any. Fake, and the secrets are never printed either.
pub const STAND_IN_DINGTALK_APP_KEY: &str = "dingstandinappkey";
/// See [`STAND_IN_DINGTALK_APP_KEY`].
pub const STAND_IN_DINGTALK_APP_SECRET: &str = "stand-in-dingtalk-app-secret-5e8fxxxx";
/// See [`STAND_IN_DINGTALK_APP_KEY`].
pub const STAND_IN_FEISHU_APP_ID: &str = "cli_standin0000xxxx";
/// See [`STAND_IN_DINGTALK_APP_KEY`].
pub const STAND_IN_FEISHU_APP_SECRET: &str = "stand-in-feishu-app-secret-9c2dxxxx";

/// The tour against a local stand-in, with the values of the pages' own examples.
pub async fn stand_in(out: &mut dyn Write) -> Result<(), BoxError> {
    let server = StandIn::start().await;
    writeln!(
        out,
        "A local stand-in for DingTalk and Feishu is listening on {}.\n\
         (`--real` calls the real hosts; see the top of examples/quickstart.rs.)\n",
        server.url()
    )?;
    let plan = Plan {
        dingtalk: Some(DingTalkPlan {
            client: dingtalk::Client::new(STAND_IN_DINGTALK_TOKEN).with_base_url(server.url()),
            chat_id: "chatxxxx".into(),
            group_name: "全员群。".into(),
            user_id: "user123".into(),
            group_nick: "DingTalk Assistant".into(),
        }),
        feishu: Some(FeishuPlan {
            client: feishu::Client::new(STAND_IN_FEISHU_TOKEN).with_base_url(server.url()),
            group_id: "g187131".into(),
            group_name: "外包 IT 用户组".into(),
        }),
        stand_in: Some(&server),
    };
    tour(out, &plan).await
}

/// The tour against the local stand-in with clients built from app credentials: each fetches a
/// token from the stand-in's token endpoint and keeps it for all its calls. Then a wrong secret.
pub async fn stand_in_app_credentials(out: &mut dyn Write) -> Result<(), BoxError> {
    let server = StandIn::start().await;
    writeln!(
        out,
        "A local stand-in for DingTalk and Feishu is listening on {}.\n\
         The clients are built from app credentials: each fetches its token from the stand-in's\n\
         token endpoint at its first call, keeps it for the calls after, and refreshes it before\n\
         it expires. Neither the secret nor the token is printed.\n",
        server.url()
    )?;
    let plan = Plan {
        dingtalk: Some(DingTalkPlan {
            client: dingtalk::Client::from_app_credentials(
                STAND_IN_DINGTALK_APP_KEY,
                STAND_IN_DINGTALK_APP_SECRET,
            )
            .with_base_url(server.url()),
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
            .with_base_url(server.url()),
            group_id: "g187131".into(),
            group_name: "外包 IT 用户组".into(),
        }),
        stand_in: Some(&server),
    };
    tour(out, &plan).await?;

    writeln!(out, "\n== Tokens fetched ==")?;
    let received = server.requests();
    let calls = |platform: &str| {
        let to = |r: &&group_api::testing::Received| {
            r.endpoint
                .is_some_and(|e| e.platform == platform && e.auth != Auth::None)
        };
        received.iter().filter(to).count()
    };
    writeln!(
        out,
        "DingTalk: calls sent {}, tokens fetched {} (POST {})",
        calls("dingtalk"),
        server.requests_to::<GetAccessTokenRequest>().len(),
        http_path::<GetAccessTokenRequest>()
    )?;
    writeln!(
        out,
        "Feishu: calls sent {}, tokens fetched {} (POST {})\n",
        calls("feishu"),
        server.requests_to::<GetTenantAccessTokenRequest>().len(),
        http_path::<GetTenantAccessTokenRequest>()
    )?;

    writeln!(out, "== A wrong app secret ==")?;
    // The stand-in hands out a token for any credentials; here it is told to refuse the next
    // token request, with a code of its own (the pages do not document a wrong secret's answer).
    server.script::<GetAccessTokenRequest>(Script::body(
        400,
        json!({
            "code": "StandIn.WrongAppSecret",
            "message": "the stand-in does not know this app key and secret",
            "requestid": "F7A0B3C2-STAND-IN"
        }),
    ));
    let client =
        dingtalk::Client::from_app_credentials(STAND_IN_DINGTALK_APP_KEY, "not-the-secret")
            .with_base_url(server.url());
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
        stand_in: None,
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
async fn tour(out: &mut dyn Write, plan: &Plan<'_>) -> Result<(), BoxError> {
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

        writeln!(out, "== Feishu: list_chat, every chat across its pages ==")?;
        let request = feishu::ListChatRequest::builder().page_size(20).build()?;
        show_request(out, &request)?;
        // A stream of chats: each next page is asked for with the last page's `page_token`, only
        // when the chats already fetched have been taken; it ends when `has_more` is false.
        let mut chats = std::pin::pin!(fs.client.paginate(&request));
        while let Some(chat) = chats.next().await {
            match chat {
                Ok(chat) => writeln!(
                    out,
                    "<- chat {} {:?}",
                    chat.chat_id.as_deref().unwrap_or("?"),
                    chat.name.as_deref().unwrap_or_default()
                )?,
                Err(error) => writeln!(out, "<- error: {error}")?,
            }
        }
        writeln!(out)?;

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
        if let Some(stand_in) = plan.stand_in {
            // The real host answers this for a chat that does not exist; the stand-in is told to.
            stand_in.script::<UpdateGroupNickRequest>(Script::error(
                UpdateGroupNickError::InvalidChatid,
            ));
        }
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

/// The path of an HTTP endpoint, as its page documents it.
fn http_path<R: Endpoint>() -> &'static str {
    match R::INFO.transport {
        Transport::Http { path, .. } => path,
        _ => "",
    }
}
