//! The committed expansion of spec/ (`group-api-codegen/tests/output/*.rs`) compiles against
//! group-api, as a crate of its own: a snapshot can never be broken code. It is group-api's own
//! modules again, so its clients and requests work like those.

// Generated code, as the macro would hand it to the compiler: lints for hand-written code do not
// apply (the macro's spans exempt the same code when it comes from `endpoints!`).
#![allow(dead_code, clippy::all)]

extern crate group_api;

pub mod dingtalk {
    include!("../../group-api-codegen/tests/output/dingtalk.rs");
}

pub mod feishu {
    include!("../../group-api-codegen/tests/output/feishu.rs");
}

pub mod wecom {
    include!("../../group-api-codegen/tests/output/wecom.rs");
}

/// The snapshot's request is the same request as group-api's: same wire body, same facts.
#[test]
fn the_snapshot_builds_the_same_requests_as_group_api() {
    let snapshot = dingtalk::UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群")
        .build()
        .unwrap();
    let shipped = group_api::dingtalk::UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群")
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&snapshot).unwrap(),
        serde_json::to_string(&shipped).unwrap()
    );
    let _client = feishu::Client::new("token");
    let _ = wecom::UpdateCorpGroupChatRequest::builder;
}
