//! Item 4 of BENCHMARKS.md: building, validating and serializing each documented request, and
//! parsing each response, with group-api's generated types against hand-written serde structs
//! doing the same (`group_api_benches::hand`).
//!
//! A request is built from the page's example values (so each side allocates the same strings),
//! checked (`.build()` against `validate()` by hand), and turned into its wire form: the JSON body,
//! and for Feishu's request, whose group id goes in the path, the path and query too. Both sides
//! are checked to produce the same bytes before anything is timed. The `Endpoint` methods the HTTP
//! client also calls on a generated request (`path`, `query`, `headers`) are timed on their own in
//! the `endpoint_methods` group: a hand-written client would use a constant path instead.
//!
//! `cargo bench -p group-api-benches --bench runtime`

use std::hint::black_box;

use criterion::{Criterion, criterion_group};
use group_api::Endpoint;
use group_api::dingtalk::{
    ChatBannedType, ManagementOptions, ManagementType, MentionAllAuthority, OwnerType, Searchable,
    ShowHistoryType, UpdateGroupNickRequest, UpdateGroupNickResponse, UpdateGroupRequest,
    UpdateGroupResponse, ValidationType,
};
use group_api::feishu::{UpdateUserGroupRequest, UpdateUserGroupResponse, UserIdType};
use group_api::wecom::{CorpGroupUser, UpdateCorpGroupChatRequest, UpdateCorpGroupChatResponse};
use group_api_benches::{hand, paired};

/// The JSON body of a request.
fn body<T: serde::Serialize>(request: &T) -> usize {
    serde_json::to_vec(request).expect("serializes").len()
}

/// What the HTTP client asks a generated request for besides its body.
fn endpoint_methods<R: Endpoint>(request: &R) -> usize {
    let (path, query, headers) = (request.path(), request.query(), request.headers());
    black_box((&path, &query, &headers));
    path.len() + query.len() + headers.len()
}

fn dingtalk_update_group() -> UpdateGroupRequest {
    UpdateGroupRequest::builder()
        .chatid("chatxxxx")
        .name("全员群。")
        .owner("04201724372xxxx")
        .owner_type(OwnerType::Emp)
        .add_useridlist(["userid1"])
        .del_useridlist(["userid1"])
        .add_extidlist(["unionId"])
        .del_extidlist(["unionId"])
        .icon("@mediaId")
        .management_options(
            ManagementOptions::builder()
                .mention_all_authority(MentionAllAuthority::Everyone)
                .show_history_type(ShowHistoryType::Hidden)
                .validation_type(ValidationType::NotRequired)
                .searchable(Searchable::NotSearchable)
                .chat_banned_type(ChatBannedType::NotBanned)
                .management_type(ManagementType::Everyone)
                .build(),
        )
        .build()
        .expect("the page's example is valid")
}

fn hand_update_group() -> hand::dingtalk::UpdateGroup {
    use hand::dingtalk::*;
    UpdateGroup {
        chatid: "chatxxxx".into(),
        name: Some("全员群。".into()),
        owner: Some("04201724372xxxx".into()),
        owner_type: Some(OwnerType::Emp),
        add_useridlist: Some(vec!["userid1".into()]),
        del_useridlist: Some(vec!["userid1".into()]),
        add_extidlist: Some(vec!["unionId".into()]),
        del_extidlist: Some(vec!["unionId".into()]),
        icon: Some("@mediaId".into()),
        management_options: Some(ManagementOptions {
            mention_all_authority: Some(MentionAllAuthority::Everyone),
            show_history_type: Some(ShowHistoryType::Hidden),
            validation_type: Some(ValidationType::NotRequired),
            searchable: Some(Searchable::NotSearchable),
            chat_banned_type: Some(ChatBannedType::NotBanned),
            management_type: Some(ManagementType::Everyone),
        }),
    }
    .validate()
    .expect("valid")
}

fn dingtalk_update_group_nick() -> UpdateGroupNickRequest {
    UpdateGroupNickRequest::builder()
        .userid("user123")
        .chatid("chate3929fxxxx")
        .group_nick("DingTalk Assistant")
        .build()
        .expect("valid")
}

fn hand_update_group_nick() -> hand::dingtalk::UpdateGroupNick {
    hand::dingtalk::UpdateGroupNick {
        userid: "user123".into(),
        chatid: "chate3929fxxxx".into(),
        group_nick: "DingTalk Assistant".into(),
    }
}

fn feishu_update_user_group() -> UpdateUserGroupRequest {
    UpdateUserGroupRequest::builder()
        .group_id("g187131")
        .user_id_type(UserIdType::OpenId)
        .name("外包 IT 用户组")
        .description("IT 外包用户组，需要进行细粒度权限管控")
        .build()
        .expect("valid")
}

fn hand_update_user_group() -> hand::feishu::UpdateUserGroup {
    use hand::feishu::*;
    UpdateUserGroup {
        group_id: "g187131".into(),
        user_id_type: Some(UserIdType::OpenId),
        department_id_type: None,
        body: UpdateUserGroupBody {
            name: Some("外包 IT 用户组".into()),
            description: Some("IT 外包用户组，需要进行细粒度权限管控".into()),
        },
    }
    .validate()
    .expect("valid")
}

fn wecom_update_corp_group_chat() -> UpdateCorpGroupChatRequest {
    let member = |corp: &str| {
        CorpGroupUser::builder()
            .corp_id(corp)
            .user_id("userid123")
            .open_user_id("wx1111")
            .build()
    };
    UpdateCorpGroupChatRequest::builder()
        .chat_id("CHATID")
        .user_ids_to_add(["lisi", "lisi2"])
        .open_user_ids_to_add(["wabc3", "wbcde"])
        .corp_group_user_ids_to_add([member("ww3333"), member("ww4444")])
        .build()
        .expect("valid")
}

fn hand_update_corp_group_chat() -> hand::wecom::UpdateCorpGroupChat {
    use hand::wecom::*;
    let member = |corp: &str| CorpGroupUser {
        corp_id: corp.into(),
        user_id: Some("userid123".into()),
        open_user_id: Some("wx1111".into()),
    };
    UpdateCorpGroupChat {
        chat_id: "CHATID".into(),
        user_ids_to_add: Some(vec!["lisi".into(), "lisi2".into()]),
        open_user_ids_to_add: Some(vec!["wabc3".into(), "wbcde".into()]),
        corp_group_user_ids_to_add: Some(vec![member("ww3333"), member("ww4444")]),
    }
    .validate()
    .expect("valid")
}

/// One documented request: generated and hand-written, each built, validated and serialized.
struct RequestCase {
    name: &'static str,
    generated: fn() -> usize,
    hand: fn() -> usize,
    same_body: fn() -> bool,
}

fn request_cases() -> Vec<RequestCase> {
    vec![
        RequestCase {
            name: "dingtalk.update_group",
            generated: || body(&dingtalk_update_group()),
            hand: || body(&hand_update_group()),
            same_body: || {
                serde_json::to_vec(&dingtalk_update_group()).ok()
                    == serde_json::to_vec(&hand_update_group()).ok()
            },
        },
        RequestCase {
            name: "dingtalk.update_group_nick",
            generated: || body(&dingtalk_update_group_nick()),
            hand: || body(&hand_update_group_nick()),
            same_body: || {
                serde_json::to_vec(&dingtalk_update_group_nick()).ok()
                    == serde_json::to_vec(&hand_update_group_nick()).ok()
            },
        },
        RequestCase {
            name: "feishu.update_user_group",
            generated: || {
                let request = feishu_update_user_group();
                let (path, query) = (request.path(), request.query());
                black_box((&path, &query));
                body(&request) + path.len() + query.len()
            },
            hand: || {
                let request = hand_update_user_group();
                let (path, query) = (request.path(), request.query());
                black_box((&path, &query));
                body(&request.body) + path.len() + query.len()
            },
            same_body: || {
                let (generated, hand) = (feishu_update_user_group(), hand_update_user_group());
                serde_json::to_vec(&generated).ok() == serde_json::to_vec(&hand.body).ok()
                    && generated.path() == hand.path()
            },
        },
        RequestCase {
            name: "wecom.update_corp_group_chat",
            generated: || body(&wecom_update_corp_group_chat()),
            hand: || body(&hand_update_corp_group_chat()),
            same_body: || {
                serde_json::to_vec(&wecom_update_corp_group_chat()).ok()
                    == serde_json::to_vec(&hand_update_corp_group_chat()).ok()
            },
        },
    ]
}

/// One documented response body: parsed into the generated type and the hand-written one.
struct ResponseCase {
    name: &'static str,
    body: &'static [u8],
    generated: fn(&[u8]) -> bool,
    hand: fn(&[u8]) -> bool,
}

fn response_cases() -> Vec<ResponseCase> {
    vec![
        ResponseCase {
            name: "dingtalk.update_group",
            // The page's response example.
            body: br#"{"success":true}"#,
            generated: |b| serde_json::from_slice::<UpdateGroupResponse>(b).is_ok(),
            hand: |b| serde_json::from_slice::<hand::dingtalk::UpdateGroupResponse>(b).is_ok(),
        },
        ResponseCase {
            name: "dingtalk.update_group_nick",
            // The page has no example; its table gives one value per field.
            body: br#"{"errcode":0,"errmsg":"ok","success":true,"request_id":"id1aatxt9mco"}"#,
            generated: |b| serde_json::from_slice::<UpdateGroupNickResponse>(b).is_ok(),
            hand: |b| serde_json::from_slice::<hand::dingtalk::UpdateGroupNickResponse>(b).is_ok(),
        },
        ResponseCase {
            name: "feishu.update_user_group",
            // The page's response example.
            body: br#"{"code":0,"msg":"success","data":{}}"#,
            generated: |b| serde_json::from_slice::<UpdateUserGroupResponse>(b).is_ok(),
            hand: |b| serde_json::from_slice::<hand::feishu::UpdateUserGroupResponse>(b).is_ok(),
        },
        ResponseCase {
            name: "wecom.update_corp_group_chat",
            // The JS-SDK's success result; the page shows none.
            body: br#"{"errMsg":"updateCorpGroupChat:ok"}"#,
            generated: |b| serde_json::from_slice::<UpdateCorpGroupChatResponse>(b).is_ok(),
            hand: |b| serde_json::from_slice::<hand::wecom::UpdateCorpGroupChatResponse>(b).is_ok(),
        },
    ]
}

fn requests(c: &mut Criterion) {
    let mut group = c.benchmark_group("request");
    for case in request_cases() {
        assert!(
            (case.same_body)(),
            "{}: the two sides must send the same bytes",
            case.name
        );
        group.bench_function(format!("{}/generated", case.name), |b| {
            b.iter(|| black_box((case.generated)()))
        });
        group.bench_function(format!("{}/hand-written", case.name), |b| {
            b.iter(|| black_box((case.hand)()))
        });
    }
    group.finish();
}

/// The generated `Endpoint::path`, `query` and `headers` of each request, built once.
fn endpoint_methods_group(c: &mut Criterion) {
    let mut group = c.benchmark_group("endpoint_methods");
    let (a, b, f, w) = (
        dingtalk_update_group(),
        dingtalk_update_group_nick(),
        feishu_update_user_group(),
        wecom_update_corp_group_chat(),
    );
    group.bench_function("dingtalk.update_group", |x| x.iter(|| endpoint_methods(&a)));
    group.bench_function("dingtalk.update_group_nick", |x| {
        x.iter(|| endpoint_methods(&b))
    });
    group.bench_function("feishu.update_user_group", |x| {
        x.iter(|| endpoint_methods(&f))
    });
    group.bench_function("wecom.update_corp_group_chat", |x| {
        x.iter(|| endpoint_methods(&w))
    });
    group.finish();
}

fn responses(c: &mut Criterion) {
    let mut group = c.benchmark_group("response");
    for case in response_cases() {
        assert!((case.generated)(case.body) && (case.hand)(case.body));
        group.bench_function(format!("{}/generated", case.name), |b| {
            b.iter(|| black_box((case.generated)(black_box(case.body))))
        });
        group.bench_function(format!("{}/hand-written", case.name), |b| {
            b.iter(|| black_box((case.hand)(black_box(case.body))))
        });
    }
    group.finish();
}

/// The ratios BENCHMARKS.md reports: both sides in alternating batches.
fn side_by_side() {
    println!("\nSide by side (median of 31 alternating rounds of 20,000 calls each):\n");
    println!(
        "| documented request or response | generated | hand-written | generated / hand-written |"
    );
    println!("| --- | ---: | ---: | ---: |");
    for case in request_cases() {
        let p = paired::compare(
            31,
            20_000,
            || {
                black_box((case.generated)());
            },
            || {
                black_box((case.hand)());
            },
        );
        println!(
            "{}",
            paired::row(&format!("build + validate + serialize {}", case.name), &p)
        );
    }
    for case in response_cases() {
        let p = paired::compare(
            31,
            20_000,
            || {
                black_box((case.generated)(black_box(case.body)));
            },
            || {
                black_box((case.hand)(black_box(case.body)));
            },
        );
        println!("{}", paired::row(&format!("parse {}", case.name), &p));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = requests, endpoint_methods_group, responses
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo bench -- <filter>` runs criterion's matching benches only; the side-by-side table
    // runs with no filter.
    if paired::full_run() {
        side_by_side();
    }
}
