//! The field-level rules of the spec format, through a spec folder of the tests
//! (`ui/pass/specs/rules`): each rule checked by `.build()` at its boundary with its own code,
//! numbers of each width, separator lists on the wire and back, response enums that keep a value
//! the page does not list, unions, and a platform's shared types.

use group_api::{Endpoint, ErrorCode, Rule, ValidationError, Violation};

group_api::endpoints!("ui/pass/specs/rules");

use acme::{
    AddMembersRequest, AddMembersResponse, ConversationTag, GroupStatus, Scope, Targets, UserIdType,
};

/// A request with its one required field set.
macro_rules! base {
    () => {
        AddMembersRequest::builder().name("dev")
    };
}

fn only(error: ValidationError) -> Violation {
    assert_eq!(error.violations().len(), 1, "{error}");
    error.first().clone()
}

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("u{i}")).collect()
}

#[test]
fn forty_members_are_accepted_and_forty_one_refused_with_the_documented_code() {
    assert!(base!().user_ids(ids(40)).build().is_ok());
    assert!(base!().user_ids(ids(1)).build().is_ok());
    let error = only(base!().user_ids(ids(41)).build().unwrap_err());
    assert_eq!(error.path(), "userIds");
    assert_eq!(
        error.rule(),
        &Rule::TooManyItems {
            max: 40,
            actual: 41
        }
    );
    assert_eq!(error.server_code(), Some(&ErrorCode::Number(400103)));
    let error = only(base!().user_ids(ids(0)).build().unwrap_err());
    assert_eq!(error.rule(), &Rule::TooFewItems { min: 1, actual: 0 });
    assert_eq!(
        error.server_code(),
        None,
        "no code is documented for min_items"
    );
}

#[test]
fn each_entry_is_checked_with_its_index_and_the_items_code() {
    let long: String = "a".repeat(64);
    assert!(base!().user_ids([long.clone()]).build().is_ok());
    let error = base!()
        .user_ids([
            "ok".to_owned(),
            format!("{long}a"),
            String::new(),
            "a b".to_owned(),
        ])
        .build()
        .unwrap_err();
    let found: Vec<(&str, &str)> = error
        .violations()
        .iter()
        .map(|v| (v.path(), v.rule().key()))
        .collect();
    assert_eq!(
        found,
        [
            ("userIds[1]", "max_length"),
            ("userIds[2]", "min_length"),
            ("userIds[2]", "pattern"),
            ("userIds[3]", "pattern"),
        ]
    );
    assert!(
        error
            .violations()
            .iter()
            .all(|v| v.server_code() == Some(&ErrorCode::Number(400104)))
    );
}

#[test]
fn each_length_bound_has_its_own_code() {
    assert!(
        AddMembersRequest::builder()
            .name("0123456789")
            .build()
            .is_ok()
    );
    let empty = only(AddMembersRequest::builder().name("").build().unwrap_err());
    assert_eq!(empty.rule(), &Rule::TooShort { min: 1, actual: 0 });
    assert_eq!(empty.server_code(), Some(&ErrorCode::Number(400101)));
    let long = only(
        AddMembersRequest::builder()
            .name("0123456789a")
            .build()
            .unwrap_err(),
    );
    assert_eq!(
        long.rule(),
        &Rule::TooLong {
            max: 10,
            actual: 11
        }
    );
    assert_eq!(long.server_code(), Some(&ErrorCode::Number(400102)));
}

#[test]
fn a_pattern_is_matched_and_its_code_given() {
    assert!(base!().code("abc").build().is_ok());
    for bad in ["ab", "abcd", "ABC", "ab1"] {
        let error = only(base!().code(bad).build().unwrap_err());
        assert_eq!(
            error.rule(),
            &Rule::PatternMismatch {
                pattern: "^[a-z]{3}$"
            },
            "{bad}"
        );
        assert_eq!(error.server_code(), Some(&ErrorCode::Number(400105)));
    }
}

#[test]
fn numeric_bounds_are_inclusive_for_each_width() {
    assert!(base!().limit(1i32).build().is_ok());
    assert!(base!().limit(100).build().is_ok());
    let low = only(base!().limit(0).build().unwrap_err());
    assert_eq!(
        low.rule(),
        &Rule::TooSmall {
            minimum: "1".into(),
            actual: "0".into()
        }
    );
    assert_eq!(low.server_code(), Some(&ErrorCode::Number(400106)));
    let high = only(base!().limit(101).build().unwrap_err());
    assert_eq!(high.rule().key(), "maximum");
    assert!(base!().ratio(1.5).build().is_ok());
    assert!(base!().ratio(0.0).build().is_ok());
    let over = only(base!().ratio(1.5000001).build().unwrap_err());
    assert_eq!(over.rule().key(), "maximum");
    assert_eq!(over.server_code(), None);
    let big: i64 = 9_007_199_254_740_993;
    assert!(base!().big(big).build().is_ok());
    assert_eq!(
        only(base!().big(big + 1).build().unwrap_err()).rule().key(),
        "maximum"
    );
}

#[test]
fn a_separator_list_is_one_string_on_the_wire() {
    let request = base!()
        .useridlist(["a", "b", "c"])
        .tags([1i64, 22, 333])
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::json!({ "name": "dev", "useridlist": "a;b;c" })
    );
    assert_eq!(
        request.query(),
        [("tags", "1,22,333".to_owned())],
        "the query's list is joined with its own separator"
    );
    let error = only(base!().tags([1i64, 2, 3, 4]).build().unwrap_err());
    assert_eq!(error.rule(), &Rule::TooManyItems { max: 3, actual: 4 });
    assert!(base!().useridlist(ids(999)).build().is_ok());
    assert_eq!(
        only(base!().useridlist(ids(1000)).build().unwrap_err()).path(),
        "useridlist"
    );
}

#[test]
fn an_entry_of_a_joined_list_is_one_entry_on_the_wire() {
    // "a;b" would be two ids on the wire, "" none: the list's count would not be what was checked.
    for entry in ["a;b", ""] {
        let error = only(base!().useridlist(["x", entry]).build().unwrap_err());
        assert_eq!(error.path(), "useridlist[1]", "{entry:?}");
        assert_eq!(error.rule(), &Rule::NotOneEntry { separator: ";" });
    }
    assert!(
        base!().useridlist(["x", "a,b"]).build().is_ok(),
        "another separator's character"
    );
}

#[test]
fn a_response_keeps_enum_values_the_page_does_not_list() {
    let response: AddMembersResponse = serde_json::from_value(serde_json::json!({
        "code": 0, "status": 7, "tag": "brand_new", "id_type": "union_id",
        "members": "a;b", "counts": "1,2,3", "kinds": ["open_id", "email"]
    }))
    .unwrap();
    assert_eq!(response.status, GroupStatus::Unknown(7));
    assert_eq!(response.status.value(), 7);
    assert_eq!(
        response.tag,
        Some(ConversationTag::Unknown("brand_new".into()))
    );
    assert_eq!(
        response.id_type,
        Some(UserIdType::Unknown("union_id".into()))
    );
    assert_eq!(
        response.kinds,
        Some(vec![
            UserIdType::OpenId,
            UserIdType::Unknown("email".into())
        ])
    );
    assert_eq!(response.members, Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(response.counts, vec![1, 2, 3]);
    let known: AddMembersResponse =
        serde_json::from_value(serde_json::json!({ "status": 2, "tag": "internal", "counts": "" }))
            .unwrap();
    assert_eq!(known.status, GroupStatus::Dismissed);
    assert!(known.status.is_documented());
    assert_eq!(known.tag, Some(ConversationTag::Internal));
    assert_eq!(known.counts, Vec::<i32>::new());
}

#[test]
fn a_request_refuses_an_unknown_value_of_a_shared_enum() {
    assert!(base!().owner_type(UserIdType::UserId).build().is_ok());
    let error = only(
        base!()
            .owner_type(UserIdType::Unknown("email".into()))
            .build()
            .unwrap_err(),
    );
    assert_eq!(error.path(), "owner_type");
    assert_eq!(error.rule().key(), "enum");
    assert_eq!(error.server_code(), Some(&ErrorCode::Number(400107)));
    let query = only(
        base!()
            .user_id_type(UserIdType::Unknown("x".into()))
            .build()
            .unwrap_err(),
    );
    assert_eq!(query.path(), "user_id_type");
    assert_eq!(query.server_code(), None);
}

#[test]
fn unions_are_written_and_read_in_their_own_shape() {
    let one = base!()
        .targets("u1")
        .scope(Scope::Level(2))
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&one).unwrap(),
        serde_json::json!({ "name": "dev", "targets": "u1", "scope": 2 })
    );
    let many = base!()
        .targets(vec!["u1".to_owned(), "u2".to_owned()])
        .scope(Scope::Named("all".into()))
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&many).unwrap(),
        serde_json::json!({ "name": "dev", "targets": ["u1", "u2"], "scope": "all" })
    );
    let read: AddMembersResponse =
        serde_json::from_value(serde_json::json!({ "status": 1, "counts": "", "targets": ["a"] }))
            .unwrap();
    assert_eq!(read.targets, Some(Targets::Many(vec!["a".into()])));
}
