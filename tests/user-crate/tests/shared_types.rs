//! A user's endpoint of a built-in platform names the platform's shared type (`"type":
//! "UserIdType"` in `spec/feishu.list_group_members.json`) and gets group-api's own
//! `ga::feishu::UserIdType`, not a copy: the values of one are the values of the other.

use ga::Endpoint;
use ga::feishu::UserIdType;
use group_api_user_crate::feishu::{ListGroupMembersRequest, ListGroupMembersResponse};

#[test]
fn the_users_endpoint_takes_group_apis_shared_type() {
    let request = ListGroupMembersRequest::builder()
        .group_id("g187131")
        .member_id_type(UserIdType::UserId)
        .page_size(50)
        .build()
        .unwrap();
    assert_eq!(
        request.query(),
        [
            ("member_id_type", "user_id".to_owned()),
            ("page_size", "50".to_owned())
        ]
    );
    // The same type as the built-in endpoint's query parameter.
    let builtin = ga::feishu::UpdateUserGroupRequest::builder()
        .group_id("g")
        .user_id_type(UserIdType::UserId)
        .build()
        .unwrap();
    assert_eq!(builtin.query(), [("user_id_type", "user_id".to_owned())]);
}

#[test]
fn an_undocumented_value_is_read_but_not_sent() {
    let response: ListGroupMembersResponse = serde_json::from_value(serde_json::json!({
        "code": 0, "data": { "member_id_type": "email", "members": ["u1"] }
    }))
    .unwrap();
    let data = response.data.unwrap();
    assert_eq!(
        data.member_id_type,
        Some(UserIdType::Unknown("email".into()))
    );
    let error = ListGroupMembersRequest::builder()
        .group_id("g")
        .member_id_type(data.member_id_type.unwrap())
        .build()
        .unwrap_err();
    assert_eq!(error.first().path(), "member_id_type");
    assert_eq!(error.first().rule().key(), "enum");
    let out_of_range = ListGroupMembersRequest::builder()
        .group_id("g")
        .page_size(101)
        .build()
        .unwrap_err();
    assert_eq!(out_of_range.first().rule().key(), "maximum");
}
