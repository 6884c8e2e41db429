//! wx.qy.updateCorpGroupChat through a JS-SDK bridge, against an in-process stand-in for the WeCom
//! client, with every outcome handled by `match`.
//!
//! ```text
//! cargo run --example wecom_bridge
//! ```
//!
//! In a real host the bridge calls `wx.qy.updateCorpGroupChat(args)` in the WeCom client (through
//! `wasm-bindgen` in a WebAssembly front end, or a webview's script channel) and hands back the
//! `res` of its `success` or `fail` callback. Here `WeComStandIn` plays the client: it checks
//! what page 000 says the client checks and answers with the page's `errMsg` strings.

use std::collections::BTreeMap;
use std::sync::Mutex;

use group_api::wecom::{
    CorpGroupUser, JsBridge, JsClient, JssdkPlatformError, UpdateCorpGroupChatError,
    UpdateCorpGroupChatRequest, UpdateCorpGroupChatResponse,
};
use group_api::{BridgeError, Error, ValidationError};
use serde_json::{Value, json};

/// The signed-in member the stand-in runs as.
const ME: &str = "zhangsan";
/// The stand-in's member limit per group. The page says only "超过人数上限" (over the limit); this
/// number is the stand-in's, kept small so one call can exceed it.
const MEMBER_LIMIT: usize = 6;
/// The interconnected group the scenarios change.
const CORP_GROUP_CHAT: &str = "wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAA";
/// An ordinary internal group: not interconnected, not upstream-downstream.
const INTERNAL_CHAT: &str = "wrOgQhDgAAcwMTB7YmDkbeBsgT_BBBB";

/// The WeCom client as the page describes it, for a self-built app: it reads `userIdsToAdd` and
/// the `userId` of each `corpGroupUserIdsToAdd` entry, and ignores the third-party fields.
struct WeComStandIn {
    /// The client version; the page needs 3.1.8 or later.
    version: (u32, u32, u32),
    /// Whether `wx.qy.login` was called and its `session_key` is still valid.
    logged_in: bool,
    /// Whether the app's JS-SDK signature checked out.
    signature_ok: bool,
    /// Whether the user cancels when the client asks.
    user_cancels: bool,
    /// Whether the host's script channel loses the result and hands back `undefined`.
    host_loses_result: bool,
    /// Chats by id: whether each is interconnected / upstream-downstream, and its members.
    chats: Mutex<BTreeMap<String, (bool, Vec<String>)>>,
}

impl Default for WeComStandIn {
    fn default() -> Self {
        let chats = [
            (CORP_GROUP_CHAT, true, vec![ME, "lisi"]),
            (INTERNAL_CHAT, false, vec![ME, "lisi"]),
        ]
        .into_iter()
        .map(|(id, corp_group, members)| {
            let members = members.into_iter().map(String::from).collect();
            (id.to_owned(), (corp_group, members))
        })
        .collect();
        Self {
            version: (3, 1, 8),
            logged_in: true,
            signature_ok: true,
            user_cancels: false,
            host_loses_result: false,
            chats: Mutex::new(chats),
        }
    }
}

impl JsBridge for WeComStandIn {
    async fn call(&self, call: &str, args: Value) -> Result<Value, BridgeError> {
        // A client older than 3.1.8 has no such function: the call cannot even be made.
        if call != "wx.qy.updateCorpGroupChat" || self.version < (3, 1, 8) {
            let (major, minor, patch) = self.version;
            return Err(BridgeError::new(format!(
                "{call} is not a function in WeCom {major}.{minor}.{patch}"
            )));
        }
        // The result's `errMsg` starts with the API's name, the call name's last part.
        let api = "updateCorpGroupChat";
        if self.host_loses_result {
            return Ok(Value::Null);
        }
        let err_msg = |outcome: &str| Ok(json!({ "errMsg": format!("{api}:{outcome}") }));
        if !self.signature_ok {
            return err_msg("fail no permission");
        }
        if !self.logged_in {
            return err_msg("fail no session or expired");
        }
        if self.user_cancels {
            return err_msg("cancel");
        }
        let Some(to_add) = members_to_add(&args) else {
            return err_msg("fail invalid parameter");
        };
        let mut chats = self.chats.lock().expect("no other call panicked");
        let chat_id = args["chatId"].as_str().unwrap_or_default();
        let Some((corp_group, members)) = chats.get_mut(chat_id) else {
            return err_msg("fail invalid parameter");
        };
        if !*corp_group {
            return err_msg("fail unsupported chat");
        }
        if !members.iter().any(|m| m == ME) {
            // The page requires the member to be in the group but does not say what WeCom answers
            // otherwise; the stand-in answers a reason the page does not list.
            return err_msg("fail current user not in chat");
        }
        let new: Vec<String> = to_add
            .into_iter()
            .filter(|id| !members.contains(id))
            .collect();
        if members.len() + new.len() > MEMBER_LIMIT {
            return err_msg("fail exceed user id list size");
        }
        members.extend(new);
        Ok(json!({ "errMsg": format!("{api}:ok"), "errCode": 0 }))
    }
}

/// The ids a self-built app adds, or `None` when the arguments are malformed.
fn members_to_add(args: &Value) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    for id in args
        .get("userIdsToAdd")
        .map_or(Some(&vec![]), Value::as_array)?
    {
        ids.push(id.as_str()?.to_owned());
    }
    for entry in args
        .get("corpGroupUserIdsToAdd")
        .map_or(Some(&vec![]), Value::as_array)?
    {
        let corp_id = entry.get("corpId")?.as_str()?;
        if let Some(user_id) = entry.get("userId") {
            ids.push(format!("{corp_id}/{}", user_id.as_str()?));
        }
    }
    Some(ids)
}

/// What the app does with each outcome.
fn handle(outcome: Result<UpdateCorpGroupChatResponse, Error<UpdateCorpGroupChatError>>) -> String {
    use UpdateCorpGroupChatError as E;
    match outcome {
        Ok(response) => format!(
            "success ({}): the members are in the group",
            response.err_msg.unwrap_or_default()
        ),
        Err(Error::Api(failure)) => {
            let advice = match &failure.error {
                E::NoSessionOrExpired => "call wx.qy.login again, then retry".to_owned(),
                E::ExceedUserIdListSize => "the group is full: add fewer members".to_owned(),
                E::InvalidParameter => "check the chat id and the member ids".to_owned(),
                E::UnsupportedChat => {
                    "only interconnected / upstream-downstream groups can be changed".to_owned()
                }
                E::NoPermission => "the app's JS-SDK signature check failed".to_owned(),
                E::Platform(JssdkPlatformError::Cancelled) => "the user cancelled".to_owned(),
                E::Undocumented { code, .. } => format!("a reason the page does not list: {code}"),
                other => format!("another documented error: {other}"),
            };
            format!("{advice}  [{}]", failure.server_message)
        }
        Err(Error::Validation(error)) => format!("not sent: {error}"),
        Err(Error::Bridge(error)) => format!("the host could not make the call: {error}"),
        Err(Error::Decode(error)) => format!("the host's answer is not a JS-SDK result: {error}"),
        Err(other) => format!("failed: {other}"),
    }
}

/// Builds and sends, as an app would: a request `.build()` refuses never reaches the bridge.
async fn add(
    client: &JsClient,
    request: Result<UpdateCorpGroupChatRequest, ValidationError>,
) -> String {
    let outcome = match request {
        Ok(request) => client.update_corp_group_chat(&request).await,
        Err(error) => Err(Error::Validation(error)),
    };
    handle(outcome)
}

fn add_members(
    chat_id: &str,
    user_ids: &[&str],
) -> Result<UpdateCorpGroupChatRequest, ValidationError> {
    UpdateCorpGroupChatRequest::builder()
        .chat_id(chat_id)
        .user_ids_to_add(user_ids.iter().copied())
        .corp_group_user_ids_to_add([CorpGroupUser::builder()
            .corp_id("ww3333")
            .user_id("userid123")
            .build()])
        .build()
}

#[tokio::main]
async fn main() {
    let one = || add_members(CORP_GROUP_CHAT, &["wangwu"]);
    let scenarios: Vec<(&str, WeComStandIn, Result<_, _>)> = vec![
        ("an interconnected group", WeComStandIn::default(), one()),
        (
            "no wx.qy.login yet",
            WeComStandIn {
                logged_in: false,
                ..Default::default()
            },
            one(),
        ),
        (
            "too many members",
            WeComStandIn::default(),
            add_members(CORP_GROUP_CHAT, &["a", "b", "c", "d", "e"]),
        ),
        (
            "a chat id WeCom does not know",
            WeComStandIn::default(),
            add_members("CHATID", &["wangwu"]),
        ),
        (
            "an internal group",
            WeComStandIn::default(),
            add_members(INTERNAL_CHAT, &["wangwu"]),
        ),
        (
            "a failed JS-SDK signature",
            WeComStandIn {
                signature_ok: false,
                ..Default::default()
            },
            one(),
        ),
        (
            "the user cancels",
            WeComStandIn {
                user_cancels: true,
                ..Default::default()
            },
            one(),
        ),
        (
            "the member has left the group",
            {
                let stand_in = WeComStandIn::default();
                stand_in
                    .chats
                    .lock()
                    .unwrap()
                    .get_mut(CORP_GROUP_CHAT)
                    .unwrap()
                    .1
                    .retain(|m| m != ME);
                stand_in
            },
            one(),
        ),
        (
            "WeCom 3.0.0",
            WeComStandIn {
                version: (3, 0, 0),
                ..Default::default()
            },
            one(),
        ),
        (
            "the host loses the result",
            WeComStandIn {
                host_loses_result: true,
                ..Default::default()
            },
            one(),
        ),
        (
            "no member list",
            WeComStandIn::default(),
            UpdateCorpGroupChatRequest::builder()
                .chat_id(CORP_GROUP_CHAT)
                .build(),
        ),
    ];

    if let Ok(request) = one() {
        println!(
            "argument object: {}\n",
            serde_json::to_string(&request).expect("a request serializes")
        );
    }
    for (number, (title, stand_in, request)) in scenarios.into_iter().enumerate() {
        let client = JsClient::new(stand_in);
        println!(
            "{:>2}. {title}\n    → {}",
            number + 1,
            add(&client, request).await
        );
    }
}
