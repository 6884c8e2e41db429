//! DingTalk (钉钉) endpoints, generated from `spec/dingtalk*.json`, and the [`Client`] that sends
//! them (with the `http` feature).
//!
//! DingTalk has two HTTP APIs, both described in `spec/dingtalk.json`:
//!
//! | API | token | success | failure |
//! | --- | --- | --- | --- |
//! | new style (`v1`, `api.dingtalk.com`) | header `x-acs-dingtalk-access-token` | HTTP 2xx, the body is the response | any other status; `{code, message, requestid}` (or the gateway's `{Code, Message, RequestId}`) |
//! | old style (`topapi`, `oapi.dingtalk.com`) | query `access_token` | `errcode` 0 | `errcode` ≠ 0, even with HTTP 200; `{errcode, errmsg, request_id}` |
//!
//! The client fetches one token from the new-style endpoint (`POST /v1.0/oauth2/accessToken`) and
//! sends it with both styles. DingTalk's per-IP block (`{"status": 1111, "wait": 5}`, no error
//! code) cannot be said in a spec file (it is not an error row: it has no code), so the runtime
//! reads it in Rust: it is an [`Error::Decode`](crate::Error::Decode) whose `retry_after` is the
//! five minutes to wait, and it is not retried.
//!
//! ```no_run
//! use group_api::dingtalk::{Client, UpdateGroupError, UpdateGroupRequest};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_app_credentials(
//!     std::env::var("DINGTALK_APP_KEY")?,
//!     std::env::var("DINGTALK_APP_SECRET")?,
//! );
//! let request = UpdateGroupRequest::builder().chatid("chatxxxx").name("全员群").build()?;
//! match client.update_group(&request).await {
//!     Ok(response) => println!("updated: {:?}", response.success),
//!     Err(group_api::Error::Api(failure)) => match failure.error {
//!         UpdateGroupError::OwnerNotVisibleToApp => println!("the owner is outside the app's visibility"),
//!         other => println!("refused: {other} (request id {:?})", failure.request_id),
//!     },
//!     Err(group_api::Error::Token(error)) => eprintln!("no token: {error}"),
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A request of another platform does not compile:
//!
//! ```compile_fail
//! # async fn wrong(client: group_api::dingtalk::Client, request: group_api::feishu::UpdateUserGroupRequest) {
//! let _ = client.send(&request).await;
//! # }
//! ```

#[cfg(feature = "http")]
::group_api_macros::endpoints!(
    dir = "spec",
    platform = "dingtalk",
    client = Client,
    __builtin = true
);
#[cfg(not(feature = "http"))]
::group_api_macros::endpoints!(dir = "spec", platform = "dingtalk", __builtin = true);
