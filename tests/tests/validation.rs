//! Validation at every documented boundary, before anything is sent.

use group_api::dingtalk::UpdateGroupRequest;
use group_api::feishu::UpdateUserGroupRequest;
use group_api::wecom::{CorpGroupUser, UpdateCorpGroupChatRequest};
use group_api::{ErrorCode, Rule, ValidationError};

fn chars(n: usize, c: char) -> String {
    std::iter::repeat_n(c, n).collect()
}

fn only(error: ValidationError) -> group_api::Violation {
    assert_eq!(error.violations().len(), 1, "{error}");
    error.first().clone()
}

#[test]
fn dingtalk_name_is_1_to_20_characters() {
    let build = |name: String| UpdateGroupRequest::builder().chatid("c").name(name).build();
    assert!(build(chars(20, 'a')).is_ok());
    assert!(build(chars(1, 'a')).is_ok());
    let too_long = only(build(chars(21, 'a')).unwrap_err());
    assert_eq!(too_long.path(), "name");
    assert_eq!(
        too_long.rule(),
        &Rule::TooLong {
            max: 20,
            actual: 21
        }
    );
    let empty = only(build(String::new()).unwrap_err());
    assert_eq!(empty.rule(), &Rule::TooShort { min: 1, actual: 0 });
}

#[test]
fn lengths_are_counted_in_characters_not_bytes() {
    let build = |name: String| UpdateGroupRequest::builder().chatid("c").name(name).build();
    let twenty = chars(20, '群');
    assert_eq!(twenty.len(), 60, "60 bytes of UTF-8");
    assert!(build(twenty).is_ok());
    let error = only(build(chars(21, '群')).unwrap_err());
    assert_eq!(
        error.rule(),
        &Rule::TooLong {
            max: 20,
            actual: 21
        }
    );
}

#[test]
fn feishu_name_100_and_description_500_with_the_servers_codes() {
    let build = |name: String, description: String| {
        UpdateUserGroupRequest::builder()
            .group_id("g")
            .name(name)
            .description(description)
            .build()
    };
    assert!(build(chars(100, '组'), chars(500, '述')).is_ok());
    let error = build(chars(101, '组'), chars(501, '述')).unwrap_err();
    let [name, description] = error.violations() else {
        panic!("two violations: {error}")
    };
    assert_eq!(
        (name.path(), name.rule()),
        (
            "name",
            &Rule::TooLong {
                max: 100,
                actual: 101
            }
        )
    );
    assert_eq!(name.server_code(), Some(&ErrorCode::Number(42013)));
    assert_eq!(
        (description.path(), description.rule()),
        (
            "description",
            &Rule::TooLong {
                max: 500,
                actual: 501
            }
        )
    );
    assert_eq!(description.server_code(), Some(&ErrorCode::Number(42014)));
    assert_eq!(
        error.to_string(),
        "invalid request: `name` is 101 characters long; at most 100 are allowed (the server would answer 42013); \
         `description` is 501 characters long; at most 500 are allowed (the server would answer 42014)"
    );
}

#[test]
fn wecom_request_must_add_someone() {
    let error = only(
        UpdateCorpGroupChatRequest::builder()
            .chat_id("CHATID")
            .build()
            .unwrap_err(),
    );
    assert_eq!(
        error.rule(),
        &Rule::AtLeastOneOf {
            fields: vec!["userIdsToAdd", "openUserIdsToAdd", "corpGroupUserIdsToAdd"]
        }
    );
    // Empty lists add no one either.
    let empty: [&str; 0] = [];
    let error = UpdateCorpGroupChatRequest::builder()
        .chat_id("C")
        .user_ids_to_add(empty)
        .build()
        .unwrap_err();
    assert!(matches!(only(error).rule(), Rule::AtLeastOneOf { .. }));
    // Any one of the three lists is enough.
    assert!(
        UpdateCorpGroupChatRequest::builder()
            .chat_id("C")
            .user_ids_to_add(["lisi"])
            .build()
            .is_ok()
    );
    assert!(
        UpdateCorpGroupChatRequest::builder()
            .chat_id("C")
            .open_user_ids_to_add(["wabc3"])
            .build()
            .is_ok()
    );
}

#[test]
fn wecom_corp_group_entry_needs_user_id_or_open_user_id() {
    let entries = [
        CorpGroupUser::builder().corp_id("ww1").user_id("u").build(),
        CorpGroupUser::builder().corp_id("ww2").build(),
        CorpGroupUser::builder()
            .corp_id("ww3")
            .open_user_id("o")
            .build(),
    ];
    let error = UpdateCorpGroupChatRequest::builder()
        .chat_id("C")
        .corp_group_user_ids_to_add(entries)
        .build();
    let error = only(error.unwrap_err());
    assert_eq!(error.path(), "corpGroupUserIdsToAdd[1]");
    assert_eq!(
        error.rule(),
        &Rule::AtLeastOneOf {
            fields: vec!["userId", "openUserId"]
        }
    );
    assert_eq!(
        error.to_string(),
        "`corpGroupUserIdsToAdd[1]` needs at least one of `userId`, `openUserId` to be set"
    );
}

#[test]
fn every_violation_is_reported_at_once() {
    let error = UpdateGroupRequest::builder()
        .chatid("c")
        .name(chars(30, 'x'))
        .build()
        .unwrap_err();
    assert_eq!(error.violations().len(), 1);
    let entries = [
        CorpGroupUser::builder().corp_id("a").build(),
        CorpGroupUser::builder().corp_id("b").build(),
    ];
    let error = UpdateCorpGroupChatRequest::builder()
        .chat_id("C")
        .corp_group_user_ids_to_add(entries)
        .build();
    let paths: Vec<String> = error
        .unwrap_err()
        .violations()
        .iter()
        .map(|v| v.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["corpGroupUserIdsToAdd[0]", "corpGroupUserIdsToAdd[1]"]
    );
}

#[test]
fn a_path_parameter_cannot_point_the_call_elsewhere() {
    for bad in ["", ".", ".."] {
        let error = only(
            UpdateUserGroupRequest::builder()
                .group_id(bad)
                .build()
                .unwrap_err(),
        );
        assert_eq!(
            (error.path(), error.rule()),
            ("group_id", &Rule::NotAPathSegment),
            "{bad:?}"
        );
    }
    // Anything else is percent-encoded into one segment.
    assert!(
        UpdateUserGroupRequest::builder()
            .group_id("../x")
            .build()
            .is_ok()
    );
    assert!(
        UpdateUserGroupRequest::builder()
            .group_id("g.1")
            .build()
            .is_ok()
    );
}

/// DingTalk's page: the owner 必须为会话useridlist的成员之一. A request that names an owner and
/// removes the same user from the group breaks it; `.build()` refuses it.
#[test]
fn dingtalk_owner_is_not_removed_in_the_same_call() {
    let refused = UpdateGroupRequest::builder()
        .chatid("c")
        .owner("u1")
        .del_useridlist(["u2", "u1"])
        .build()
        .unwrap_err();
    let violation = only(refused);
    assert_eq!(violation.path(), "owner");
    assert_eq!(
        violation.rule(),
        &Rule::CrossField {
            description: "该员工必须为会话useridlist的成员之一。"
        }
    );
    assert_eq!(violation.server_code(), None, "the page gives no code");
    let accepted = UpdateGroupRequest::builder()
        .chatid("c")
        .owner("u1")
        .del_useridlist(["u2"])
        .add_useridlist(["u1"])
        .build();
    assert!(accepted.is_ok());
}
