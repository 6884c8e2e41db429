//! The quickstart example, run against its stand-in exactly as `cargo run --example quickstart`
//! (and `-- --app-credentials`) does: it shows each call's request and typed result, and never an
//! access token or app secret.

#[allow(dead_code)]
#[path = "../../../group-api/examples/quickstart.rs"]
mod example;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quickstart_shows_every_call_and_no_token() {
    let mut out = Vec::new();
    example::stand_in(&mut out)
        .await
        .expect("the quickstart runs against its stand-in");
    let text = String::from_utf8(out).expect("UTF-8 output");

    for expected in [
        "-> POST /v1.0/im/group/update  (token in header `x-acs-dingtalk-access-token`)",
        r#"{"chatid":"chatxxxx","name":"全员群。"}"#,
        "<- UpdateGroupResponse { success: Some(true) }",
        "-> POST /topapi/chat/updategroupnick  (token in query `access_token`)",
        "<- UpdateGroupNickResponse { errcode: Some(0), errmsg: Some(\"ok\")",
        "-> PATCH /open-apis/contact/v3/group/g187131?user_id_type=open_id  (token in `Authorization: Bearer`)",
        "<- UpdateUserGroupResponse { code: Some(0), msg: Some(\"success\")",
        "-> GET /open-apis/im/v1/chats?page_size=20  (token in `Authorization: Bearer`)",
        "<- chat oc_a0553eda9014c201e6969b478895c230 \"测试群名称\"",
        "not sent: invalid request: `name` is 101 characters long; at most 100 are allowed",
        "matched InvalidChatid: check the chat id",
        "the server answered 34001: Invalid chatid",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("<- error"), "a call failed:\n{text}");
    for token in [
        example::STAND_IN_DINGTALK_TOKEN,
        example::STAND_IN_FEISHU_TOKEN,
    ] {
        assert!(!text.contains(token), "the output shows a token:\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_credentials_mode_fetches_one_token_per_client_and_shows_no_secret() {
    let mut out = Vec::new();
    example::stand_in_app_credentials(&mut out)
        .await
        .expect("the quickstart runs against its stand-in");
    let text = String::from_utf8(out).expect("UTF-8 output");

    for expected in [
        "The clients are built from app credentials",
        "<- UpdateGroupResponse { success: Some(true) }",
        "<- UpdateGroupNickResponse { errcode: Some(0), errmsg: Some(\"ok\")",
        "<- UpdateUserGroupResponse { code: Some(0), msg: Some(\"success\")",
        "matched InvalidChatid: check the chat id",
        "DingTalk: calls sent 3, tokens fetched 1 (POST /v1.0/oauth2/accessToken)",
        "Feishu: calls sent 2, tokens fetched 1 (POST /open-apis/auth/v3/tenant_access_token/internal)",
        "no token, so not sent: could not get an access token: DingTalk token endpoint \
         POST /v1.0/oauth2/accessToken: the server answered StandIn.WrongAppSecret",
        "; check the app key and secret",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("<- error"), "a call failed:\n{text}");
    for secret in [
        example::STAND_IN_DINGTALK_TOKEN,
        example::STAND_IN_FEISHU_TOKEN,
        example::STAND_IN_DINGTALK_APP_SECRET,
        example::STAND_IN_FEISHU_APP_SECRET,
    ] {
        assert!(!text.contains(secret), "the output shows a secret:\n{text}");
    }
}
