//! The endpoint-level keys of round two in a user's folder: rules across fields, a form body, a
//! bodiless DELETE, at-least-one-of through a path, several example values, an example with a
//! marked deviation and the query token's placeholder, a message with `%s`, a JS-SDK call in
//! `ww.` form with `also`, and `$schema` pointing anywhere.

group_api::endpoints!("specs/round_two");

use group_api::Endpoint;
use group_api::endpoint::{Body, Transport};

fn main() {
    let refused = acme::CreateGroupRequest::builder().kind(acme::GroupKind::Dynamic).build();
    let error = refused.unwrap_err();
    assert_eq!(error.first().server_code(), Some(&group_api::ErrorCode::Number(42018)));
    let request = acme::CreateGroupRequest::builder()
        .kind(acme::GroupKind::Dynamic)
        .rule("dept = 1")
        .build()
        .unwrap();
    assert!(matches!(
        acme::CreateGroupRequest::INFO.transport,
        Transport::Http { body: Body::Form, .. }
    ));
    assert_eq!(serde_json::to_string(&request).unwrap(), r#"{"kind":2,"rule":"dept = 1"}"#);
    assert!(matches!(
        acme::DeleteGroupRequest::INFO.transport,
        Transport::Http { body: Body::Json, .. }
    ));
    let member = acme::Member::builder().corp_id("ww1").build();
    let refused = acme::DeleteGroupRequest::builder().group_id("g").members([member]).build();
    assert_eq!(refused.unwrap_err().violations().len(), 2);
    assert_eq!(
        acme::CreateGroupError::from_wire(None, group_api::ErrorCode::Number(42018), "rule x missing"),
        acme::CreateGroupError::RuleMissing
    );
    assert!(matches!(
        wecom::OpenChatRequest::INFO.transport,
        Transport::JsSdk { call: "ww.openEnterpriseChat", api: "openEnterpriseChat", also: [_, _] }
    ));
}
