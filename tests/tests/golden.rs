//! Golden tests: each page's own request example, built with the generated builder, serializes to
//! exactly the example; each response example parses; every documented error row maps to its
//! variant and back.

use group_api::dingtalk::{
    ManagementOptions, MentionAllAuthority, OwnerType, Searchable, ShowHistoryType,
    UpdateGroupError, UpdateGroupNickError, UpdateGroupNickRequest, UpdateGroupNickResponse,
    UpdateGroupRequest, UpdateGroupResponse,
};
use group_api::endpoint::Method;
use group_api::feishu::{
    UpdateUserGroupError, UpdateUserGroupRequest, UpdateUserGroupResponse, UserIdType,
};
use group_api::wecom::UpdateCorpGroupChatError;
use group_api::{ApiError, Endpoint};
use group_api_tests::{example, http_call, page_update_group, platform_rows, rows, spec};
use serde_json::{Value, json};

#[test]
fn dingtalk_update_group_request_example() {
    let example = example("dingtalk.update_group");
    let request = page_update_group();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        example["request"]["body"]
    );
    assert_eq!(
        http_call(UpdateGroupRequest::INFO),
        (Method::Post, "/v1.0/im/group/update")
    );
    assert_eq!(request.path(), "/v1.0/im/group/update");
    assert!(request.query().is_empty());
    // The example's raw HTTP text carries the same body.
    let source = example["source"].as_str().expect("verbatim HTTP example");
    let body: Value = serde_json::from_str(&source[source.find('{').unwrap()..]).unwrap();
    assert_eq!(body, example["request"]["body"]);
}

#[test]
fn dingtalk_update_group_response_example() {
    let example = example("dingtalk.update_group");
    let response: UpdateGroupResponse =
        serde_json::from_value(example["response"].clone()).unwrap();
    assert_eq!(response.success, Some(true));
}

#[test]
fn dingtalk_update_group_minimal_request_is_just_the_chatid() {
    let request = UpdateGroupRequest::builder().chatid("c").build().unwrap();
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"chatid":"c"}"#
    );
}

#[test]
fn integer_enums_serialize_to_their_documented_values() {
    let options = ManagementOptions::builder()
        .mention_all_authority(MentionAllAuthority::OwnerOnly)
        .show_history_type(ShowHistoryType::Visible)
        .searchable(Searchable::Searchable)
        .build();
    let request = UpdateGroupRequest::builder()
        .chatid("c")
        .management_options(options)
        .build()
        .unwrap();
    let expected = json!({"chatid": "c", "managementOptions": {"mentionAllAuthority": 1, "showHistoryType": 1, "searchable": 1}});
    assert_eq!(serde_json::to_value(&request).unwrap(), expected);
    assert_eq!(OwnerType::Ext.as_str(), "ext");
    assert_eq!(MentionAllAuthority::OwnerOnly.value(), 1);
}

/// Page 003's example sections are empty; its tables give an example value per field, which the
/// spec records. The request built from them serializes to those values.
#[test]
fn dingtalk_update_group_nick_from_the_tables_examples() {
    let spec = spec("dingtalk.update_group_nick");
    let field_examples = |part: &str| -> Value {
        let fields = spec[part]["body"].as_array().unwrap();
        Value::Object(
            fields
                .iter()
                .map(|f| (f["name"].as_str().unwrap().to_owned(), f["example"].clone()))
                .collect(),
        )
    };
    let request = UpdateGroupNickRequest::builder()
        .userid("user123")
        .chatid("chate3929fxxxx")
        .group_nick("DingTalk Assistant")
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        field_examples("request")
    );
    assert_eq!(
        http_call(UpdateGroupNickRequest::INFO),
        (Method::Post, "/topapi/chat/updategroupnick")
    );
    assert!(
        request.query().is_empty(),
        "access_token is auth, added by the client"
    );

    let response: UpdateGroupNickResponse =
        serde_json::from_value(field_examples("response")).unwrap();
    assert_eq!(response.errcode, Some(0));
    assert_eq!(response.errmsg.as_deref(), Some("ok"));
    assert_eq!(response.success, Some(true));
    assert_eq!(response.request_id.as_deref(), Some("id1aatxt9mco"));
}

#[test]
fn feishu_update_user_group_request_example() {
    let example = example("feishu.update_user_group");
    let request = UpdateUserGroupRequest::builder()
        .group_id("g187131")
        .user_id_type(UserIdType::OpenId)
        .name("外包 IT 用户组")
        .description("IT 外包用户组，需要进行细粒度权限管控")
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        example["request"]["body"]
    );
    assert_eq!(
        http_call(UpdateUserGroupRequest::INFO),
        (Method::Patch, "/open-apis/contact/v3/group/:group_id")
    );
    assert_eq!(request.path(), "/open-apis/contact/v3/group/g187131");
    assert_eq!(
        request.query(),
        vec![("user_id_type", "open_id".to_owned())]
    );
    assert_eq!(
        request.headers(),
        vec![("Content-Type", "application/json; charset=utf-8".to_owned())]
    );
}

#[test]
fn feishu_path_parameters_are_percent_encoded() {
    let request = UpdateUserGroupRequest::builder()
        .group_id("g/1 2")
        .build()
        .unwrap();
    assert_eq!(request.path(), "/open-apis/contact/v3/group/g%2F1%202");
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        "{}",
        "path parameters are not part of the body"
    );
}

#[test]
fn feishu_update_user_group_response_example() {
    let example = example("feishu.update_user_group");
    let response: UpdateUserGroupResponse =
        serde_json::from_value(example["response"].clone()).unwrap();
    assert_eq!(response.code, Some(0));
    assert_eq!(response.msg.as_deref(), Some("success"));
    assert!(response.data.is_some());
}

#[test]
fn responses_tolerate_unknown_fields() {
    let response: UpdateGroupResponse =
        serde_json::from_value(json!({"success": false, "new": 1})).unwrap();
    assert_eq!(response.success, Some(false));
}

/// Each row, built from what the wire carries, is its own variant, and gives back its code and
/// message.
fn assert_rows_round_trip<E: ApiError + std::fmt::Debug>(
    rows: Vec<group_api_tests::Row>,
    wrap: &str,
) {
    assert!(!rows.is_empty());
    for row in rows {
        let error = E::from_wire(row.status, row.code.clone(), &row.message);
        let expected = if wrap.is_empty() {
            row.variant.clone()
        } else {
            format!("{wrap}({})", row.variant)
        };
        assert_eq!(format!("{error:?}"), expected, "{row:?}");
        assert_eq!(error.code(), row.code, "{row:?}");
        assert!(error.undocumented().is_none());
        if !row.message.is_empty() {
            assert_eq!(error.message(), row.message, "{row:?}");
        }
        assert_eq!(error.row().map(|r| r.status), Some(row.status));
    }
}

#[test]
fn every_documented_error_row_maps_to_its_variant_and_back() {
    assert_rows_round_trip::<UpdateGroupError>(rows("dingtalk.update_group"), "");
    assert_rows_round_trip::<UpdateGroupError>(platform_rows("dingtalk", "v1"), "Platform");
    assert_rows_round_trip::<UpdateGroupNickError>(rows("dingtalk.update_group_nick"), "");
    assert_rows_round_trip::<UpdateGroupNickError>(platform_rows("dingtalk", "topapi"), "Platform");
    assert_rows_round_trip::<UpdateUserGroupError>(rows("feishu.update_user_group"), "");
    assert_rows_round_trip::<UpdateUserGroupError>(platform_rows("feishu", "open_api"), "Platform");
    assert_rows_round_trip::<UpdateCorpGroupChatError>(rows("wecom.update_corp_group_chat"), "");
    assert_rows_round_trip::<UpdateCorpGroupChatError>(platform_rows("wecom", "jssdk"), "Platform");
}

#[test]
fn both_permession_check_failed_rows_are_told_apart_by_message() {
    let code = || group_api::ErrorCode::text("permession.checkFailed");
    let general = UpdateGroupError::from_wire(Some(400), code(), "权限校验失败");
    let owner = UpdateGroupError::from_wire(Some(400), code(), "群主不在应用可见性内");
    assert_eq!(general, UpdateGroupError::PermissionCheckFailed);
    assert_eq!(owner, UpdateGroupError::OwnerNotVisibleToApp);
    // A longer server message that contains a documented one still finds its row; an unknown
    // message with the documented code falls back to the page's general row.
    let detailed =
        UpdateGroupError::from_wire(Some(400), code(), "群主不在应用可见性内: user 0420");
    assert_eq!(detailed, UpdateGroupError::OwnerNotVisibleToApp);
    assert_eq!(
        UpdateGroupError::from_wire(Some(400), code(), "其他"),
        UpdateGroupError::PermissionCheckFailed
    );
}

#[test]
fn undocumented_codes_are_kept_not_lost() {
    let error = UpdateUserGroupError::from_wire(
        Some(400),
        group_api::ErrorCode::Number(12345),
        "something new",
    );
    assert_eq!(
        error,
        UpdateUserGroupError::Undocumented {
            code: group_api::ErrorCode::Number(12345),
            message: "something new".into()
        }
    );
    assert_eq!(error.code(), 12345);
    assert_eq!(error.message(), "something new");
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "12345: something new (undocumented error code)"
    );
}

#[test]
fn numeric_codes_sent_as_text_still_match() {
    let error = UpdateGroupNickError::from_wire(
        None,
        group_api::ErrorCode::text("40014"),
        "invalid access_token",
    );
    assert_eq!(format!("{error:?}"), "Platform(InvalidAccessToken)");
    assert_eq!(error.code(), 40014);
}

#[test]
fn error_display_gives_code_message_and_advice() {
    let error = UpdateUserGroupError::GroupNameExceedLimit;
    assert_eq!(
        error.to_string(),
        "42013: group name exceed limit (用户组名字长度超过最大限制。请求时 name 参数取值的长度不能超过 100 字符。)"
    );
    assert!(UpdateGroupError::SystemError.is_retryable());
    assert!(!UpdateGroupError::ParameterInvalid.is_retryable());
}
