//! Names and shapes the generator derives (`specs/names`): an endpoint whose name ends in
//! `_request`, a list of lists of objects (each entry checked), a response that requires an
//! object without a default value, and separator lists in two structs whose names and fields run
//! alike in snake_case (`AB.c`, `Ab.c`).

group_api::endpoints!("specs/names");

use acme::{Approval, ApprovalState, ApproveRequestRequest, ApproveRequestResponse, Tag};

fn main() {
    let _: Option<acme::ApproveRequestError> = None;
    let _: Option<acme::ApproveRequestRequestBuilder> = None;
    let tag = |text: &str| Tag::builder().text(text).build();
    let request = ApproveRequestRequest::builder()
        .request_id("r1")
        .content([vec![tag("ok")], vec![tag("ok"), tag("long")]])
        .build();
    let error = request.expect_err("an entry of an inner list is too long");
    let paths: Vec<&str> = error.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["content[1][1].text"]);

    let response: ApproveRequestResponse =
        serde_json::from_str(r#"{"data": {"state": "approved"}}"#).unwrap();
    assert_eq!(
        response.data,
        serde_json::from_str::<Approval>(r#"{"state": "approved"}"#).unwrap()
    );
    assert_eq!(response.data.state, ApprovalState::Approved);

    let response: ApproveRequestResponse = serde_json::from_str(
        r#"{"data": {"state": "pending"}, "a": {"c": "1,2"}, "ab": {"c": "3"}}"#,
    )
    .unwrap();
    assert_eq!(response.a.unwrap().c, Some(vec![1, 2]));
    assert_eq!(response.ab.unwrap().c, Some(vec![3]));
}
