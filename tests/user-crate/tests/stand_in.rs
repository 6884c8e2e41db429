//! A user's tests against `ga::testing::StandIn`: the endpoints of this crate's own spec folders
//! are served like the built-in ones, the user's endpoint on the built-in DingTalk platform and
//! the user's own platform `acme` with its token endpoint.

use ga::testing::{Script, StandIn};
use group_api_user_crate::acme;
use group_api_user_crate::dingtalk::{PinLevel, SetGroupTopicError, SetGroupTopicRequest};

#[tokio::test]
async fn the_users_endpoint_is_served_with_its_example_and_its_errors() {
    let stand_in = StandIn::start().await;
    let client = ga::dingtalk::Client::new("user-token").with_base_url(stand_in.url());
    let request = SetGroupTopicRequest::builder()
        .chatid("chat/1")
        .topic("周会")
        .pin_level(PinLevel::Pinned)
        .build()
        .unwrap();
    let response = client.send(&request).await.unwrap();
    assert_eq!(response.success, Some(true));

    stand_in.script::<SetGroupTopicRequest>(Script::error(SetGroupTopicError::TopicBlocked));
    let error = client.send(&request).await.unwrap_err();
    assert_eq!(error.api_error(), Some(&SetGroupTopicError::TopicBlocked));

    let sent = stand_in.requests_to::<SetGroupTopicRequest>();
    assert_eq!(sent[0].path, "/v1.0/im/groups/chat%2F1/topic");
    assert_eq!(
        sent[0].header("x-acs-dingtalk-access-token"),
        Some("user-token")
    );
}

#[tokio::test]
async fn the_users_own_platform_issues_tokens_and_answers_from_its_spec_folder() {
    let stand_in = StandIn::start().await;
    let client =
        acme::Client::from_app_credentials("acme-app", "acme-secret").with_base_url(stand_in.url());
    let request = acme::ListMembersRequest::builder()
        .group_id("g1")
        .build()
        .unwrap();
    let members = client.list_members(&request).await.unwrap();
    assert_eq!(
        members.members,
        Some(vec!["u1".to_owned(), "u2".to_owned()])
    );
    assert_eq!(stand_in.tokens_issued(), 1);
    let call = &stand_in.requests_to::<acme::ListMembersRequest>()[0];
    assert!(
        call.header("x-acme-token")
            .is_some_and(|t| t.starts_with("stand-in-acme-token-"))
    );
}

#[tokio::test]
async fn every_endpoint_of_this_crates_spec_folders_answers_its_example_and_errors() {
    let stand_in = StandIn::start().await;
    let own: Vec<_> = stand_in
        .endpoints()
        .filter(|e| e.info().platform == "acme" || e.info().name == "set_group_topic")
        .collect();
    assert_eq!(
        own.len(),
        3,
        "get_token, list_members, set_group_topic: {own:?}"
    );
    for endpoint in own {
        endpoint.check_against(&stand_in).await.unwrap();
    }
}
