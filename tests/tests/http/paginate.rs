//! `client.paginate(&request)`: every entry of a list across its pages, against a local server
//! that answers each page by the cursor it is asked for. The endpoints are spec files of this test
//! crate (`paginate-spec/`), one shaped like Feishu's lists (a string `page_token` in the query,
//! `has_more` and the next `page_token` in `data`) and one like WeCom's (a `cursor` in the body,
//! `next_cursor` at the top, no `has_more`).

use futures::StreamExt;
use group_api::{Error, Paginated, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::support::feishu_client;

group_api::endpoints!("paginate-spec");

use self::feishu::{ListFixtureChatsError, ListFixtureChatsRequest};
use self::wecom::ListFixtureGroupChatsRequest;

const FEISHU_PATH: &str = "/open-apis/fixture/v1/chats";
const WECOM_PATH: &str = "/cgi-bin/fixture/groupchat/list";

/// A Feishu page: `ids` as the entries, then the next cursor and `has_more` as given.
fn feishu_page(ids: &[&str], next: Option<&str>, has_more: bool) -> ResponseTemplate {
    let items: Vec<Value> = ids.iter().map(|id| json!({ "chat_id": id })).collect();
    let mut data = json!({ "items": items, "has_more": has_more });
    if let Some(next) = next {
        data["page_token"] = json!(next);
    }
    ResponseTemplate::new(200).set_body_json(json!({ "code": 0, "msg": "success", "data": data }))
}

/// Answers the Feishu list by the `page_token` asked for: `None` is the first page.
async fn feishu_pages(server: &MockServer, pages: Vec<(Option<&'static str>, ResponseTemplate)>) {
    for (token, answer) in pages {
        Mock::given(method("GET"))
            .and(path(FEISHU_PATH))
            .and(move |request: &Request| page_token(request).as_deref() == token)
            .respond_with(answer)
            .mount(server)
            .await;
    }
}

fn page_token(request: &Request) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == "page_token")
        .map(|(_, v)| v.into_owned())
}

/// The `page_token` of every request the server received, in order.
async fn tokens_asked(server: &MockServer) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests.iter().map(page_token).collect()
}

fn first_request() -> ListFixtureChatsRequest {
    ListFixtureChatsRequest::builder()
        .page_size(2)
        .build()
        .unwrap()
}

#[tokio::test]
async fn three_pages_give_every_entry_in_order() {
    let server = MockServer::start().await;
    feishu_pages(
        &server,
        vec![
            (None, feishu_page(&["oc_1", "oc_2"], Some("p2"), true)),
            (Some("p2"), feishu_page(&["oc_3", "oc_4"], Some("p3"), true)),
            (Some("p3"), feishu_page(&["oc_5"], None, false)),
        ],
    )
    .await;
    let client = feishu_client(&server);
    let chats: Vec<String> = client
        .paginate(&first_request())
        .map(|chat| chat.unwrap().chat_id)
        .collect()
        .await;
    assert_eq!(chats, ["oc_1", "oc_2", "oc_3", "oc_4", "oc_5"]);
    assert_eq!(
        tokens_asked(&server).await,
        [None, Some("p2".into()), Some("p3".into())]
    );
    // The other parameters travel with every page.
    for request in server.received_requests().await.unwrap() {
        assert!(request.url.query().unwrap().contains("page_size=2"));
    }
}

#[tokio::test]
async fn nothing_is_fetched_before_the_stream_is_polled_nor_a_page_before_it_is_needed() {
    let server = MockServer::start().await;
    feishu_pages(
        &server,
        vec![
            (None, feishu_page(&["oc_1", "oc_2"], Some("p2"), true)),
            (Some("p2"), feishu_page(&["oc_3"], None, false)),
        ],
    )
    .await;
    let client = feishu_client(&server);
    let mut chats = Box::pin(client.paginate(&first_request()));
    tokio::task::yield_now().await;
    assert!(
        tokens_asked(&server).await.is_empty(),
        "sent before polling"
    );
    assert_eq!(chats.next().await.unwrap().unwrap().chat_id, "oc_1");
    assert_eq!(chats.next().await.unwrap().unwrap().chat_id, "oc_2");
    assert_eq!(
        tokens_asked(&server).await,
        [None],
        "page two before it was needed"
    );
    assert_eq!(chats.next().await.unwrap().unwrap().chat_id, "oc_3");
    assert!(chats.next().await.is_none());
    assert_eq!(tokens_asked(&server).await.len(), 2);
}

#[tokio::test]
async fn an_empty_cursor_ends_the_list_even_when_has_more_says_otherwise() {
    let server = MockServer::start().await;
    feishu_pages(
        &server,
        vec![
            (None, feishu_page(&["oc_1"], Some("p2"), true)),
            (Some("p2"), feishu_page(&["oc_2"], Some(""), true)),
            (Some(""), feishu_page(&["oc_again"], Some("p2"), true)),
        ],
    )
    .await;
    let client = feishu_client(&server);
    let chats: Vec<_> = client.paginate(&first_request()).collect().await;
    assert_eq!(chats.len(), 2);
    assert_eq!(tokens_asked(&server).await.len(), 2);
}

#[tokio::test]
async fn has_more_false_ends_the_list_whatever_the_cursor() {
    let server = MockServer::start().await;
    feishu_pages(
        &server,
        vec![
            (None, feishu_page(&["oc_1"], Some("p2"), false)),
            (Some("p2"), feishu_page(&["oc_2"], None, false)),
        ],
    )
    .await;
    let client = feishu_client(&server);
    let chats: Vec<_> = client.paginate(&first_request()).collect().await;
    assert_eq!(chats.len(), 1);
    assert_eq!(tokens_asked(&server).await, [None]);
}

#[tokio::test]
async fn a_cursor_handed_out_twice_ends_the_list_instead_of_looping() {
    let server = MockServer::start().await;
    // p2 leads to p3, and p3 back to p2: a loop a naive client follows for ever.
    feishu_pages(
        &server,
        vec![
            (None, feishu_page(&["oc_1"], Some("p2"), true)),
            (Some("p2"), feishu_page(&["oc_2"], Some("p3"), true)),
            (Some("p3"), feishu_page(&["oc_3"], Some("p2"), true)),
        ],
    )
    .await;
    let client = feishu_client(&server);
    let chats: Vec<_> = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        client
            .paginate(&first_request())
            .take(100)
            .collect::<Vec<_>>(),
    )
    .await
    .expect("the stream ends");
    assert_eq!(chats.len(), 3);
    assert_eq!(
        tokens_asked(&server).await,
        [None, Some("p2".into()), Some("p3".into())]
    );
}

#[tokio::test]
async fn a_list_resumed_at_a_cursor_ends_when_the_server_gives_that_cursor_back() {
    let server = MockServer::start().await;
    // The page at p5 names p5 again as the next one: page p5 must not be asked for twice.
    feishu_pages(
        &server,
        vec![(Some("p5"), feishu_page(&["oc_5"], Some("p5"), true))],
    )
    .await;
    let client = feishu_client(&server);
    let resumed = ListFixtureChatsRequest::builder()
        .page_size(2)
        .page_token("p5")
        .build()
        .unwrap();
    assert_eq!(resumed.cursor().as_deref(), Some("p5"));
    let chats: Vec<_> = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        client.paginate(&resumed).take(10).collect::<Vec<_>>(),
    )
    .await
    .expect("the stream ends");
    assert_eq!(chats.len(), 1);
    assert_eq!(tokens_asked(&server).await, [Some("p5".into())]);
}

#[tokio::test]
async fn an_error_on_page_two_is_the_endpoints_typed_error_and_ends_the_list() {
    let server = MockServer::start().await;
    let busy =
        ResponseTemplate::new(200).set_body_json(json!({ "code": 232099, "msg": "fixture busy" }));
    feishu_pages(
        &server,
        vec![
            (None, feishu_page(&["oc_1", "oc_2"], Some("p2"), true)),
            (Some("p2"), busy),
        ],
    )
    .await;
    let client = feishu_client(&server);
    let results: Vec<_> = client.paginate(&first_request()).collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().chat_id, "oc_1");
    assert_eq!(results[1].as_ref().unwrap().chat_id, "oc_2");
    match &results[2] {
        Err(Error::Api(failure)) => {
            assert!(matches!(failure.error, ListFixtureChatsError::FixtureBusy));
            assert_eq!(failure.server_message, "fixture busy");
        }
        other => panic!("expected the typed error, got {other:?}"),
    }
    assert_eq!(tokens_asked(&server).await.len(), 2);
}

#[tokio::test]
async fn a_body_cursor_without_has_more_pages_until_the_cursor_is_empty() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], next: &str| {
        let chats: Vec<Value> = ids.iter().map(|id| json!({ "chat_id": id })).collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "errcode": 0, "errmsg": "ok", "group_chat_list": chats, "next_cursor": next
        }))
    };
    let cursor_of = |request: &Request| -> Option<String> {
        let body: Value = serde_json::from_slice(&request.body).ok()?;
        body.get("cursor")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    for (cursor, answer) in [
        (None, page(&["wr_1", "wr_2"], "c2")),
        (Some("c2"), page(&["wr_3"], "")),
    ] {
        Mock::given(method("POST"))
            .and(path(WECOM_PATH))
            .and(move |request: &Request| cursor_of(request).as_deref() == cursor)
            .respond_with(answer)
            .mount(&server)
            .await;
    }
    let client = group_api::wecom::Client::new("wecom-token-0001")
        .with_base_url(server.uri())
        .with_retry_policy(RetryPolicy::none());
    let request = ListFixtureGroupChatsRequest::builder()
        .limit(2)
        .build()
        .unwrap();
    let chats: Vec<String> = client
        .paginate(&request)
        .map(|chat| chat.unwrap().chat_id)
        .collect()
        .await;
    assert_eq!(chats, ["wr_1", "wr_2", "wr_3"]);
    let bodies: Vec<Value> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(
        bodies,
        [json!({ "limit": 2 }), json!({ "limit": 2, "cursor": "c2" })]
    );
}

#[test]
fn the_generated_impl_reads_and_writes_the_declared_fields() {
    let response: <ListFixtureChatsRequest as group_api::Endpoint>::Response =
        serde_json::from_value(json!({
            "code": 0, "msg": "success",
            "data": { "items": [{ "chat_id": "oc_1" }], "page_token": "p2", "has_more": true }
        }))
        .unwrap();
    assert_eq!(
        ListFixtureChatsRequest::next_cursor(&response).as_deref(),
        Some("p2")
    );
    let next = first_request().with_cursor("p2");
    assert_eq!(
        group_api::Endpoint::query(&next),
        [
            ("page_size", "2".to_owned()),
            ("page_token", "p2".to_owned())
        ]
    );
    let items = ListFixtureChatsRequest::into_items(response);
    assert_eq!(items.len(), 1);
}
