//! `JsClient`: sends any WeCom JS-SDK endpoint through the host's bridge and reads the `errMsg` of
//! what comes back.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use super::bridge::{ErasedBridge, JsBridge};
use crate::api_error::parse_err_msg;
use crate::endpoint::{Endpoint, Transport};
use crate::error::{ApiFailure, BridgeError, DecodeError, Error};

/// Typed WeCom JS-SDK calls over the bridge a host provides.
///
/// Each JS-SDK endpoint has a method (`update_corp_group_chat`), generated from its spec file;
/// [`send`](JsClient::send) takes any of them, so a new JS-SDK spec file needs no new Rust code.
/// A call serializes the request into the argument object, hands it to the [`JsBridge`] with the
/// endpoint's full call name (`wx.qy.updateCorpGroupChat`, `ww.createCorpGroupChat`,
/// `wx.invoke:selectEnterpriseContact`), and reads the result object the JS-SDK reported. `<api>`
/// below is the call name's last part:
///
/// | result | outcome |
/// | --- | --- |
/// | `errMsg` (or the legacy `err_msg`) is `"<api>:ok"` | `Ok(response)`: the whole result object, read as the documented response |
/// | `errMsg` is `"<api>:fail <reason>"` | [`Error::Api`] with the endpoint's variant for a documented reason, else `Undocumented { code: <reason>, message: <errMsg> }` |
/// | `errMsg` is `"<api>:cancel"` | [`Error::Api`] with `Platform(JssdkPlatformError::Cancelled)` |
/// | no string `errMsg`, an `errMsg` of another API, or not an object | [`Error::Decode`] |
/// | the bridge failed | [`Error::Bridge`] |
///
/// The JS-SDK typings declare the result as `{errMsg, errCode}`. On a failure, an `errCode` the
/// result carries is kept at the end of [`ApiFailure::server_message`]
/// (`"updateCorpGroupChat:fail invalid parameter (errCode 40058)"`), while the typed error is
/// chosen by `errMsg` alone, the only field the page documents. On success `errCode` is ignored.
///
/// The request was checked when it was built (`.build()` refuses one that breaks a documented
/// rule), so a call never sends one the page says is invalid. A JS-SDK call has no HTTP status and
/// no request id: those parts of [`Error`] stay `None`.
///
/// Cloning is cheap: clones share the bridge.
///
/// ```
/// use group_api::wecom::{JsClient, UpdateCorpGroupChatError, UpdateCorpGroupChatRequest};
///
/// async fn add_members(client: &JsClient) -> Result<(), Box<dyn std::error::Error>> {
///     let request = UpdateCorpGroupChatRequest::builder()
///         .chat_id("CHATID")
///         .user_ids_to_add(["lisi", "lisi2"])
///         .build()?;
///     match client.update_corp_group_chat(&request).await {
///         Ok(_) => println!("added"),
///         Err(group_api::Error::Api(failure)) => match failure.error {
///             UpdateCorpGroupChatError::NoSessionOrExpired => println!("call wx.qy.login first"),
///             other => println!("refused: {other}"),
///         },
///         Err(other) => return Err(other.into()),
///     }
///     Ok(())
/// }
/// ```
#[derive(Clone)]
pub struct JsClient {
    bridge: Arc<dyn ErasedBridge>,
}

impl JsClient {
    /// A client that makes its calls through `bridge`.
    pub fn new<B: JsBridge + 'static>(bridge: B) -> Self {
        Self {
            bridge: Arc::new(bridge),
        }
    }

    /// Sends any WeCom JS-SDK request and returns the typed answer; the generated methods
    /// (`update_corp_group_chat`) call this.
    ///
    /// The JS-SDK call name comes from the endpoint's spec (`R::INFO.transport`); the argument
    /// object is the request's wire form. See [`JsClient`] for how the result is read. A request
    /// of WeCom's server API does not compile here (it goes to `wecom::Client`):
    ///
    /// ```compile_fail
    /// # async fn wrong(client: group_api::wecom::JsClient, request: group_api::wecom::GetTokenRequest) {
    /// let _ = client.send(&request).await;
    /// # }
    /// ```
    pub async fn send<R>(&self, request: &R) -> Result<R::Response, Error<R::Error>>
    where
        R: crate::endpoint::JsSdkEndpoint<Platform = super::Platform>,
    {
        let Transport::JsSdk { call, api, .. } = R::INFO.transport else {
            return Err(Error::Bridge(BridgeError::new(format!(
                "`{}` is not a JS-SDK call, so it cannot go through the bridge",
                R::INFO.name
            ))));
        };
        // The generated `Serialize` writes strings, lists and objects with string keys only, so
        // this does not fail in practice; if it did, the call could not be made.
        let args = serde_json::to_value(request).map_err(|error| {
            Error::Bridge(BridgeError::new(format!(
                "could not write the {call} argument object: {error}"
            )))
        })?;
        let result = self
            .bridge
            .call_boxed(call, args)
            .await
            .map_err(Error::Bridge)?;
        read_result::<R>(api, &result)
    }
}

impl fmt::Debug for JsClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsClient").finish_non_exhaustive()
    }
}

/// Reads the result object of `api`: success, a typed failure, or a result that is not one.
fn read_result<R: Endpoint>(api: &str, result: &Value) -> Result<R::Response, Error<R::Error>> {
    let decode = |path: Option<&str>, message: String| {
        Error::Decode(Box::new(DecodeError::new(
            None,
            result.to_string().as_bytes(),
            path.map(str::to_owned),
            message,
        )))
    };
    let Value::Object(object) = result else {
        return Err(decode(
            None,
            format!(
                "the {api} result is {}; the JS-SDK reports an object with `errMsg`",
                json_kind(result)
            ),
        ));
    };
    // Older clients answer with the legacy key `err_msg`.
    let (key, value) = match object.get("errMsg") {
        Some(value) => ("errMsg", Some(value)),
        None => ("err_msg", object.get("err_msg")),
    };
    let err_msg = match value {
        Some(Value::String(err_msg)) => err_msg,
        Some(other) => {
            return Err(decode(
                Some(key),
                format!(
                    "`{key}` is {}; the JS-SDK reports a string such as \"{api}:ok\"",
                    json_kind(other)
                ),
            ));
        }
        None => {
            return Err(decode(
                Some("errMsg"),
                format!(
                    "the {api} result has no `errMsg` (nor the legacy `err_msg`), so it tells neither success nor failure"
                ),
            ));
        }
    };
    let not_this_api = || {
        decode(
            Some(key),
            format!(
                "`{key}` {err_msg:?} is not an answer to {api}; expected \"{api}:ok\", \
                 \"{api}:cancel\" or \"{api}:fail <reason>\""
            ),
        )
    };
    let outcome = err_msg
        .strip_prefix(api)
        .and_then(|rest| rest.strip_prefix(':'))
        .ok_or_else(not_this_api)?;
    if outcome.trim() == "ok" {
        return serde_json::from_value(result.clone()).map_err(|error| {
            decode(
                None,
                format!("the {api}:ok result is not the documented shape: {error}"),
            )
        });
    }
    let error = parse_err_msg::<R::Error>(api, err_msg).ok_or_else(not_this_api)?;
    let mut server_message = err_msg.clone();
    if let Some(err_code) = err_code(object) {
        server_message.push_str(&format!(" (errCode {err_code})"));
    }
    Err(Error::Api(ApiFailure::new(
        error,
        None,
        None,
        server_message,
    )))
}

/// The `errCode` the JS-SDK typings declare, as text; `None` when absent or null.
fn err_code(object: &serde_json::Map<String, Value>) -> Option<String> {
    match object.get("errCode")? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// What a JSON value is, for error messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
