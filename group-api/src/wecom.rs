//! WeCom (企业微信), generated from `spec/wecom*.json`: JS-SDK calls, sent through a bridge the
//! host provides, and the server API's HTTP calls (see "The server API" below).
//!
//! [`wx.qy.updateCorpGroupChat`](https://developer.work.weixin.qq.com/document/path/94427) is not an
//! HTTP API: it is a JavaScript call made inside the WeCom client, which answers through `success`
//! and `fail` callbacks with an `errMsg` string. A Rust program reaches it from a WebAssembly front
//! end or a webview host. The host implements [`JsBridge`] (take a full call name such as
//! `wx.qy.updateCorpGroupChat`, `ww.createCorpGroupChat` or `wx.invoke:selectEnterpriseContact`
//! and an argument object, return the result object); [`JsClient`] does the rest: the argument object in the
//! page's exact shape, checked before the bridge is touched, and the result read into
//! [`UpdateCorpGroupChatResponse`] or a typed [`UpdateCorpGroupChatError`].
//!
//! # Before the call
//!
//! The page sets these conditions; the library cannot check them, the WeCom client does:
//!
//! - The WeCom client is version **3.1.8 or later**.
//! - **`wx.qy.login` has been called** and its `session_key` has not expired (the JS-SDK's
//!   `checkSession` tells). Otherwise the answer is
//!   [`NoSessionOrExpired`](UpdateCorpGroupChatError::NoSessionOrExpired).
//! - The current member is **in the app's visible range and in the group**.
//! - Only **interconnected (企业互联) or upstream-downstream (上下游) corps** may call it, and only on
//!   such groups: any other group answers
//!   [`UnsupportedChat`](UpdateCorpGroupChatError::UnsupportedChat).
//! - Only the corp's own members and interconnected / upstream-downstream members can be added.
//!   When the current member belongs to a downstream corp, the upstream-downstream space must have
//!   "允许外部单位之间互相查看" (let outside organisations see each other) turned on to add members of
//!   other downstream corps.
//! - The app's JS-SDK signature must check out, or the answer is
//!   [`NoPermission`](UpdateCorpGroupChatError::NoPermission) (listed by a later version of the
//!   page).
//!
//! # Which list to fill
//!
//! | app | own corp's members | interconnected / upstream-downstream members |
//! | --- | --- | --- |
//! | self-built (自建应用) | `user_ids_to_add` (user ids) | `corp_group_user_ids_to_add`, each entry with `corp_id` and `user_id` |
//! | third-party (第三方应用) | `open_user_ids_to_add` (open user ids) | `corp_group_user_ids_to_add`, each entry with `corp_id` and `open_user_id` |
//!
//! WeCom ignores the list meant for the other kind of app, so a request may carry both (the page's
//! example does). `.build()` refuses a request with none of the three lists, and a
//! `corp_group_user_ids_to_add` entry with neither `user_id` nor `open_user_id`; `chat_id` (the
//! chat id WeCom returned when the group was created) is required at compile time.
//!
//! # Outcomes
//!
//! | `errMsg` | result |
//! | --- | --- |
//! | `updateCorpGroupChat:ok` | `Ok(UpdateCorpGroupChatResponse)` |
//! | `updateCorpGroupChat:fail no session or expired` | [`UpdateCorpGroupChatError::NoSessionOrExpired`] |
//! | `updateCorpGroupChat:fail exceed user id list size` | [`UpdateCorpGroupChatError::ExceedUserIdListSize`] |
//! | `updateCorpGroupChat:fail invalid parameter` | [`UpdateCorpGroupChatError::InvalidParameter`] |
//! | `updateCorpGroupChat:fail unsupported chat` | [`UpdateCorpGroupChatError::UnsupportedChat`] |
//! | `updateCorpGroupChat:fail no permission` | [`UpdateCorpGroupChatError::NoPermission`] |
//! | `updateCorpGroupChat:cancel` | [`UpdateCorpGroupChatError::Platform`]`(`[`JssdkPlatformError::Cancelled`]`)` |
//! | `updateCorpGroupChat:fail <other reason>` | [`UpdateCorpGroupChatError::Undocumented`], reason and `errMsg` kept |
//!
//! The failures arrive as [`Error::Api`](crate::Error::Api); [`JsClient`] says what else a call
//! can end in.
//!
//! # Example
//!
//! ```
//! use group_api::wecom::{CorpGroupUser, JsClient, UpdateCorpGroupChatError, UpdateCorpGroupChatRequest};
//!
//! # async fn run(client: JsClient) -> Result<(), Box<dyn std::error::Error>> {
//! // A self-built app adding one of its own members and one member of an interconnected corp.
//! let request = UpdateCorpGroupChatRequest::builder()
//!     .chat_id("CHATID")
//!     .user_ids_to_add(["lisi"])
//!     .corp_group_user_ids_to_add([CorpGroupUser::builder().corp_id("ww3333").user_id("userid123").build()])
//!     .build()?;
//! match client.update_corp_group_chat(&request).await {
//!     Ok(_) => println!("members added"),
//!     Err(group_api::Error::Api(failure)) => match failure.error {
//!         UpdateCorpGroupChatError::NoSessionOrExpired => println!("call wx.qy.login, then retry"),
//!         UpdateCorpGroupChatError::UnsupportedChat => println!("not an interconnected group"),
//!         other => println!("WeCom refused: {other}"),
//!     },
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! `examples/wecom_bridge.rs` runs every outcome against an in-process bridge.
//!
//! # The server API
//!
//! WeCom's server API (`qyapi.weixin.qq.com/cgi-bin/…`, the `server` API of `spec/wecom.json`) is
//! sent by the generated [`Client`] (with the `http` feature): the token from
//! `GET /cgi-bin/gettoken` ([`Client::from_app_credentials`]`(corpid, corpsecret)`), in the
//! `access_token` query parameter, and every answer read by its `errcode`. The server API's
//! `Client` does not take a JS-SDK request, nor [`JsClient`] a server one:
//!
//! ```compile_fail
//! # async fn wrong(client: group_api::wecom::Client, request: group_api::wecom::UpdateCorpGroupChatRequest) {
//! let _ = client.send(&request).await;
//! # }
//! ```

mod bridge;
mod client;

pub use bridge::{JsBridge, MaybeSend, MaybeSync};
pub use client::JsClient;

// JS-SDK endpoints get their method on `JsClient`; with the `http` feature the server API's
// endpoints get theirs on the generated `Client`.
#[cfg(feature = "http")]
::group_api_macros::endpoints!(
    dir = "spec",
    platform = "wecom",
    client = Client,
    js_client = JsClient,
    __builtin = true
);
#[cfg(not(feature = "http"))]
::group_api_macros::endpoints!(
    dir = "spec",
    platform = "wecom",
    js_client = JsClient,
    __builtin = true
);
