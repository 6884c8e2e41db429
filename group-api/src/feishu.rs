//! Feishu (飞书) endpoints, generated from `spec/feishu*.json`, and the [`Client`] that sends them
//! (with the `http` feature).
//!
//! The token goes in `Authorization: Bearer <token>`. Every answer is `{code, msg, data}`: `code`
//! 0 is success, any other code is the endpoint's error enum inside
//! [`Error::Api`](crate::Error::Api) whatever the HTTP status, and the body is read on 4xx and 5xx
//! too. The request id is the `X-Tt-Logid` header (else `X-Request-Id`, else the error body's
//! `error.log_id`); Feishu support asks for it. A rate limit (`99991400`) is retried after the
//! `x-ogw-ratelimit-reset` seconds Feishu asks for. All of it is in `spec/feishu.json`.
//!
//! [`UserIdType`] and [`DepartmentIdType`] are shared by Feishu's endpoints (`types` in
//! `spec/feishu.json`; a user's own Feishu endpoint file names them too). They also read a value
//! Feishu adds later, as `Unknown(..)`, which a request's `.build()` refuses.
//!
//! For Lark (the international service) use `.with_base_url("https://open.larksuite.com")`: the
//! paths are the same.
//!
//! ```no_run
//! use group_api::feishu::{Client, UpdateUserGroupError, UpdateUserGroupRequest};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_app_credentials(
//!     std::env::var("FEISHU_APP_ID")?,
//!     std::env::var("FEISHU_APP_SECRET")?,
//! );
//! let request = UpdateUserGroupRequest::builder()
//!     .group_id("g187131")
//!     .name("IT 外包组")
//!     .build()?;
//! match client.update_user_group(&request).await {
//!     Ok(_) => println!("renamed"),
//!     Err(group_api::Error::Api(failure)) => match failure.error {
//!         UpdateUserGroupError::GroupNameExceedLimit => println!("pick a shorter name"),
//!         other => println!("refused: {other} (log id {:?})", failure.request_id),
//!     },
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! A request of another platform does not compile:
//!
//! ```compile_fail
//! # async fn wrong(client: group_api::feishu::Client, request: group_api::dingtalk::UpdateGroupNickRequest) {
//! let _ = client.send(&request).await;
//! # }
//! ```

#[cfg(feature = "http")]
::group_api_macros::endpoints!(
    dir = "spec",
    platform = "feishu",
    client = Client,
    __builtin = true
);
#[cfg(not(feature = "http"))]
::group_api_macros::endpoints!(dir = "spec", platform = "feishu", __builtin = true);
