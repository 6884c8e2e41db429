//! Every field-level key of the spec format in one spec folder (`specs/rules`): numbers of each
//! width, patterns and bounds, list counts and entry rules, separator lists, unions, response
//! enums, and a platform's shared types (generated once, in the platform module). The rules at
//! their boundaries are tested in `tests/rules.rs`.

group_api::endpoints!("specs/rules");

use acme::{AddMembersRequest, AddMembersResponse, GroupStatus, Scope, Targets, UserIdType};

fn main() {
    let request = AddMembersRequest::builder()
        .name("dev")
        .user_ids(["u1", "u2"])
        .useridlist(["a", "b"])
        .limit(40i32)
        .ratio(0.5f64)
        .big(1i64 << 40)
        .user_id_type(UserIdType::OpenId)
        .targets("u1")
        .scope(Scope::Level(2))
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap()["useridlist"],
        serde_json::json!("a;b")
    );
    let response: AddMembersResponse =
        serde_json::from_str(r#"{"status": 9, "counts": "1,2", "targets": ["x"]}"#).unwrap();
    assert_eq!(response.status, GroupStatus::Unknown(9));
    assert_eq!(response.counts, [1i32, 2]);
    assert_eq!(response.targets, Some(Targets::Many(vec!["x".into()])));
    // The shared type is the platform's, whichever endpoint uses it.
    let _: acme::add_members::AddMembersRequest = request;
    let _: fn(UserIdType) -> bool = |t| acme::UserIdType::is_documented(&t);
}
