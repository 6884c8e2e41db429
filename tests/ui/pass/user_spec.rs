//! A user's own spec folder (a platform group-api does not ship) compiles into the same kind of
//! typed builders.

group_api::endpoints!("specs/acme");

fn main() {
    let request = acme::RenameGroupRequest::builder().group_id("g 1").name("新").build().unwrap();
    assert_eq!(serde_json::to_string(&request).unwrap(), r#"{"name":"新"}"#);
    assert_eq!(<acme::RenameGroupRequest as group_api::Endpoint>::path(&request), "/groups/g%201/name");
    let error = acme::RenameGroupError::from_wire(Some(404), group_api::ErrorCode::Number(404001), "no such group");
    assert_eq!(error, acme::RenameGroupError::GroupNotFound);
    assert!(acme::RenameGroupRequest::builder().group_id("g").name("").build().is_err());
}
