//! wx.qy.updateCorpGroupChat through a fake JS-SDK bridge: the page's argument object, every
//! `errMsg` row of its error list, and the results that are not answers at all.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use group_api::wecom::{
    CorpGroupUser, JsBridge, JsClient, JssdkPlatformError, UpdateCorpGroupChatError,
    UpdateCorpGroupChatRequest,
};
use group_api::{BridgeError, Error, ErrorCode, Violation};
use serde_json::{Value, json};

fn spec() -> Value {
    group_api_tests::spec("wecom.update_corp_group_chat")
}

/// Answers every call with one fixed result, and records what it was asked.
struct FakeBridge {
    answer: Result<Value, BridgeError>,
    calls: AtomicUsize,
    last: Mutex<Option<(String, Value)>>,
}

impl FakeBridge {
    fn answering(result: Value) -> Self {
        Self::new(Ok(result))
    }

    fn new(answer: Result<Value, BridgeError>) -> Self {
        Self {
            answer,
            calls: AtomicUsize::new(0),
            last: Mutex::new(None),
        }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl JsBridge for FakeBridge {
    async fn call(&self, call: &str, args: Value) -> Result<Value, BridgeError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        *self.last.lock().unwrap() = Some((call.to_owned(), args));
        self.answer.clone()
    }
}

/// The smallest valid request: a self-built app adding one member.
fn request() -> UpdateCorpGroupChatRequest {
    UpdateCorpGroupChatRequest::builder()
        .chat_id("CHATID")
        .user_ids_to_add(["lisi"])
        .build()
        .expect("a chat id and one member list are enough")
}

/// Sends `request()` through a bridge that answers `result`.
async fn answer(
    result: Value,
) -> Result<group_api::wecom::UpdateCorpGroupChatResponse, Error<UpdateCorpGroupChatError>> {
    let client = JsClient::new(FakeBridge::answering(result));
    client.update_corp_group_chat(&request()).await
}

/// The page's example call, built with the builder, is exactly the page's argument object.
#[test]
fn the_page_example_is_the_argument_object() {
    let spec = spec();
    let expected = &spec["examples"][0]["request"]["body"];
    assert!(expected.is_object(), "the spec has the page's example");

    let entry = |corp_id: &str| {
        CorpGroupUser::builder()
            .corp_id(corp_id)
            .user_id("userid123")
            .open_user_id("wx1111")
            .build()
    };
    let request = UpdateCorpGroupChatRequest::builder()
        .chat_id("CHATID")
        .user_ids_to_add(["lisi", "lisi2"])
        .open_user_ids_to_add(["wabc3", "wbcde"])
        .corp_group_user_ids_to_add([entry("ww3333"), entry("ww4444")])
        .build()
        .expect("the page's example is valid");

    assert_eq!(&serde_json::to_value(&request).unwrap(), expected);
    assert_eq!(
        <UpdateCorpGroupChatRequest as group_api::Endpoint>::INFO.transport,
        group_api::endpoint::Transport::JsSdk {
            call: "wx.qy.updateCorpGroupChat",
            api: "updateCorpGroupChat",
            also: &[],
        }
    );
}

/// The bridge gets the full call name (`wx.qy.updateCorpGroupChat`: it tells WeCom's call forms
/// apart) and the argument object, unset fields left out.
#[tokio::test]
async fn the_bridge_gets_the_api_name_and_the_argument_object() {
    let bridge = std::sync::Arc::new(FakeBridge::answering(
        json!({ "errMsg": "updateCorpGroupChat:ok" }),
    ));
    let client = JsClient::new(bridge.clone());
    let request = UpdateCorpGroupChatRequest::builder()
        .chat_id("CHATID")
        .corp_group_user_ids_to_add([CorpGroupUser::builder()
            .corp_id("ww3333")
            .open_user_id("wx1111")
            .build()])
        .build()
        .unwrap();

    let response = client.update_corp_group_chat(&request).await.unwrap();

    assert_eq!(response.err_msg.as_deref(), Some("updateCorpGroupChat:ok"));
    assert_eq!(bridge.calls(), 1);
    let (call, args) = bridge.last.lock().unwrap().clone().unwrap();
    assert_eq!(call, "wx.qy.updateCorpGroupChat");
    assert_eq!(
        args,
        json!({
            "chatId": "CHATID",
            "corpGroupUserIdsToAdd": [{ "corpId": "ww3333", "openUserId": "wx1111" }]
        })
    );
}

/// Success may carry the typings' `errCode`; it is still success.
#[tokio::test]
async fn ok_with_an_err_code_is_success() {
    let response = answer(json!({ "errMsg": "updateCorpGroupChat:ok", "errCode": 0 }))
        .await
        .unwrap();
    assert_eq!(response.err_msg.as_deref(), Some("updateCorpGroupChat:ok"));
}

/// Each `errMsg` row of the page (and of the platform file, `spec/wecom.json`) maps to its variant.
#[tokio::test]
async fn every_documented_err_msg_maps_to_its_variant() {
    let rows = [
        (
            "updateCorpGroupChat:fail no session or expired",
            UpdateCorpGroupChatError::NoSessionOrExpired,
        ),
        (
            "updateCorpGroupChat:fail exceed user id list size",
            UpdateCorpGroupChatError::ExceedUserIdListSize,
        ),
        (
            "updateCorpGroupChat:fail invalid parameter",
            UpdateCorpGroupChatError::InvalidParameter,
        ),
        (
            "updateCorpGroupChat:fail unsupported chat",
            UpdateCorpGroupChatError::UnsupportedChat,
        ),
        (
            "updateCorpGroupChat:fail no permission",
            UpdateCorpGroupChatError::NoPermission,
        ),
    ];

    // The table above covers the spec's error list, no more and no less.
    let spec = spec();
    let documented: Vec<&str> = spec["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["message"].as_str().unwrap())
        .collect();
    let tested: Vec<&str> = rows.iter().map(|(err_msg, _)| *err_msg).collect();
    assert_eq!(tested, documented);

    for (err_msg, variant) in rows {
        let error = answer(json!({ "errMsg": err_msg })).await.unwrap_err();
        let Error::Api(failure) = &error else {
            panic!("{err_msg}: expected Error::Api, got {error:?}");
        };
        assert_eq!(failure.error, variant, "{err_msg}");
        assert_eq!(failure.server_message, err_msg);
        assert_eq!(
            (failure.status, failure.request_id.as_deref()),
            (None, None)
        );
        assert!(!error.is_retryable(), "{err_msg}");
        // The generated reader agrees with the client.
        assert_eq!(
            UpdateCorpGroupChatError::from_err_msg(err_msg),
            Some(variant)
        );
    }
}

/// An expired session is the JS-SDK's token rejection: log in again, then retry.
#[tokio::test]
async fn no_session_is_a_token_rejection() {
    let error = answer(json!({ "errMsg": "updateCorpGroupChat:fail no session or expired" }))
        .await
        .unwrap_err();
    assert!(error.is_token_rejected());
}

/// `errCode` is kept in the failure's message; the variant comes from `errMsg`.
#[tokio::test]
async fn err_code_is_kept_in_the_server_message() {
    let error = answer(json!({
        "errMsg": "updateCorpGroupChat:fail invalid parameter",
        "errCode": 40058
    }))
    .await
    .unwrap_err();
    let Error::Api(failure) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(failure.error, UpdateCorpGroupChatError::InvalidParameter);
    assert_eq!(
        failure.server_message,
        "updateCorpGroupChat:fail invalid parameter (errCode 40058)"
    );
    assert!(error.to_string().contains("errCode 40058"), "{error}");
}

/// The user cancelling is the platform-wide `Cancelled`, not a decode error.
#[tokio::test]
async fn cancel_is_kept() {
    let error = answer(json!({ "errMsg": "updateCorpGroupChat:cancel" }))
        .await
        .unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateCorpGroupChatError::Platform(
            JssdkPlatformError::Cancelled
        ))
    );
    assert_eq!(error.api_error().unwrap().code(), "cancel");
}

/// A reason the page does not list is kept exactly as sent.
#[tokio::test]
async fn an_unknown_reason_is_kept() {
    let err_msg = "updateCorpGroupChat:fail chat is full of cats";
    let error = answer(json!({ "errMsg": err_msg, "errCode": -1 }))
        .await
        .unwrap_err();
    let Error::Api(failure) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(
        failure.error,
        UpdateCorpGroupChatError::Undocumented {
            code: ErrorCode::text("chat is full of cats"),
            message: err_msg.to_owned(),
        }
    );
    assert_eq!(failure.server_message, format!("{err_msg} (errCode -1)"));
    assert!(!error.is_retryable());
}

/// A result with no string `errMsg`, or one answering another API, is not an answer: Decode.
#[tokio::test]
async fn results_that_are_not_answers_are_decode_errors() {
    let cases = [
        (json!({}), Some("errMsg"), "has no `errMsg`"),
        (json!({ "errCode": 0 }), Some("errMsg"), "has no `errMsg`"),
        (
            json!({ "errMsg": 0 }),
            Some("errMsg"),
            "`errMsg` is a number",
        ),
        (
            json!({ "errMsg": null }),
            Some("errMsg"),
            "`errMsg` is null",
        ),
        (
            json!({ "errMsg": "login:ok" }),
            Some("errMsg"),
            "is not an answer to updateCorpGroupChat",
        ),
        (
            json!({ "errMsg": "updateCorpGroupChatV2:ok" }),
            Some("errMsg"),
            "is not an answer to updateCorpGroupChat",
        ),
        (
            json!({ "errMsg": "updateCorpGroupChat ok" }),
            Some("errMsg"),
            "is not an answer to updateCorpGroupChat",
        ),
        (Value::Null, None, "is null"),
        (json!("updateCorpGroupChat:ok"), None, "is a string"),
        (
            json!([{ "errMsg": "updateCorpGroupChat:ok" }]),
            None,
            "is an array",
        ),
        (json!(true), None, "is a boolean"),
    ];
    for (result, path, says) in cases {
        let error = answer(result.clone()).await.unwrap_err();
        let Error::Decode(decode) = &error else {
            panic!("{result}: expected Error::Decode, got {error:?}");
        };
        assert_eq!(decode.path.as_deref(), path, "{result}");
        assert!(
            decode.message.contains(says),
            "{result}: {}",
            decode.message
        );
        assert_eq!(decode.body_prefix, result.to_string());
        assert_eq!(decode.status, None);
    }
}

/// A bridge that cannot make the call is a bridge error, its message kept.
#[tokio::test]
async fn a_bridge_failure_is_kept() {
    let client = JsClient::new(FakeBridge::new(Err(BridgeError::new("wx is not defined"))));
    let error = client.update_corp_group_chat(&request()).await.unwrap_err();
    let Error::Bridge(bridge) = &error else {
        panic!("expected Error::Bridge, got {error:?}");
    };
    assert_eq!(bridge.message(), "wx is not defined");
    assert_eq!(
        error.to_string(),
        "the JS-SDK bridge failed: wx is not defined"
    );
    assert!(!error.is_retryable());
}

/// What `client.update_corp_group_chat(&builder.build()?)` does with a request `.build()` refuses:
/// the bridge is never called.
#[tokio::test]
async fn a_request_that_fails_validation_never_reaches_the_bridge() {
    let bridge = std::sync::Arc::new(FakeBridge::answering(
        json!({ "errMsg": "updateCorpGroupChat:ok" }),
    ));
    let client = JsClient::new(bridge.clone());

    async fn call(
        client: &JsClient,
        built: Result<UpdateCorpGroupChatRequest, group_api::ValidationError>,
    ) -> Result<(), Error<UpdateCorpGroupChatError>> {
        client.update_corp_group_chat(&built?).await.map(drop)
    }

    // No member list at all.
    let no_members = UpdateCorpGroupChatRequest::builder()
        .chat_id("CHATID")
        .build();
    // An interconnected member with neither userId nor openUserId.
    let no_member_id = UpdateCorpGroupChatRequest::builder()
        .chat_id("CHATID")
        .corp_group_user_ids_to_add([
            CorpGroupUser::builder()
                .corp_id("ww3333")
                .user_id("u")
                .build(),
            CorpGroupUser::builder().corp_id("ww4444").build(),
        ])
        .build();

    for (built, path) in [(no_members, ""), (no_member_id, "corpGroupUserIdsToAdd[1]")] {
        let error = call(&client, built).await.unwrap_err();
        let Error::Validation(validation) = &error else {
            panic!("expected Error::Validation, got {error:?}");
        };
        let paths: Vec<&str> = validation
            .violations()
            .iter()
            .map(Violation::path)
            .collect();
        assert_eq!(paths, [path], "{validation}");
    }
    assert_eq!(bridge.calls(), 0, "the bridge was called");

    // The same client with a valid request does reach it.
    call(&client, Ok(request())).await.unwrap();
    assert_eq!(bridge.calls(), 1);
}

/// `send` is the generic call the generated method uses: same outcome.
#[tokio::test]
async fn send_is_the_generic_call() {
    let client = JsClient::new(FakeBridge::answering(
        json!({ "errMsg": "updateCorpGroupChat:fail unsupported chat" }),
    ));
    let error = client.send(&request()).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&UpdateCorpGroupChatError::UnsupportedChat)
    );
}

/// On native targets the client can be shared across threads and its calls spawned.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_can_be_spawned_on_a_multi_threaded_runtime() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>(_: &T) {}
    let client = JsClient::new(FakeBridge::answering(
        json!({ "errMsg": "updateCorpGroupChat:ok" }),
    ));
    assert_send_sync(&client);
    let spawned = client.clone();
    let response = tokio::spawn(async move { spawned.update_corp_group_chat(&request()).await })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(response.err_msg.as_deref(), Some("updateCorpGroupChat:ok"));
}
