//! Response handling never panics: each of the six HTTP endpoints' answer readers takes arbitrary status, headers
//! and body (raw bytes, arbitrary JSON, and envelopes of each platform with arbitrary contents) and
//! ends in a response or an error value. 10,000 answers a run.

use proptest::prelude::*;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};

use super::envelope::{Answer, read};
use super::redact::{Scrubber, Secret};
use crate::{dingtalk, feishu};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,10}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        let keys = prop::sample::select(vec![
            "code",
            "message",
            "msg",
            "errcode",
            "errmsg",
            "requestid",
            "request_id",
            "data",
            "success",
            "status",
            "wait",
            "sub_code",
            "name",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..5).prop_map(|entries| Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect()
            )),
        ]
    })
}

/// Bodies of every shape the platforms send, filled with arbitrary values, plus garbage.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let code = prop_oneof![
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            "InvalidAuthentication",
            "permession.checkFailed",
            "40014",
            "0",
            ""
        ])
        .prop_map(Value::from),
        json_value(),
    ];
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        (code.clone(), json_value(), json_value()).prop_map(|(c, m, r)| {
            json!({"code": c, "message": m, "requestid": r})
                .to_string()
                .into_bytes()
        }),
        (code.clone(), json_value(), json_value(), json_value()).prop_map(|(c, m, s, r)| {
            json!({"errcode": c, "errmsg": m, "success": s, "request_id": r})
                .to_string()
                .into_bytes()
        }),
        (code, json_value(), json_value()).prop_map(|(c, m, d)| {
            json!({"code": c, "msg": m, "data": d})
                .to_string()
                .into_bytes()
        }),
        (json_value(), json_value())
            .prop_map(|(s, w)| json!({"status": s, "wait": w}).to_string().into_bytes()),
        // A valid answer cut anywhere.
        (0usize..60).prop_map(|cut| {
            let full = br#"{"errcode":0,"errmsg":"ok","success":true,"request_id":"id1aatxt9mco"}"#;
            full[..cut.min(full.len())].to_vec()
        }),
    ]
}

fn headers() -> impl Strategy<Value = HeaderMap> {
    let name = prop::sample::select(vec![
        "retry-after",
        "x-ogw-ratelimit-reset",
        "x-ogw-ratelimit-limit",
        "x-tt-logid",
        "x-request-id",
        "content-type",
    ]);
    let value = prop_oneof![
        "[ -~]{0,20}",
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
        prop::sample::select(vec![
            "-1",
            "1e20",
            "1e309",
            "18446744073709551616",
            "NaN",
            "inf",
            "0.5"
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec((name, value), 0..4).prop_map(|pairs| {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(&value) {
                map.append(HeaderName::from_static(name), value);
            }
        }
        map
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_answer_is_a_response_or_an_error(
        endpoint in 0..6usize,
        status in 100u16..600,
        headers in headers(),
        body in body(),
    ) {
        let answer = Answer { status, headers, body: body.into() };
        let token = Scrubber::new([&Secret::new("secret-token-value")]);
        // Each reader must return; the value itself is checked by the HTTP tests.
        match endpoint {
            0 => drop(read::<dingtalk::UpdateGroupRequest>(&answer, &token)),
            1 => drop(read::<dingtalk::UpdateGroupNickRequest>(&answer, &token)),
            2 => drop(read::<feishu::UpdateUserGroupRequest>(&answer, &token)),
            3 => drop(read::<dingtalk::GetAccessTokenRequest>(&answer, &token)),
            4 => drop(read::<dingtalk::GetTokenRequest>(&answer, &token)),
            _ => drop(read::<feishu::GetTenantAccessTokenRequest>(&answer, &token)),
        }
    }
}
