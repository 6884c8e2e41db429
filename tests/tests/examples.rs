//! The pages' own examples, for every endpoint in `spec/`, without test code per endpoint: the
//! build script (`tests/build.rs`) writes one test per example and endpoint from the spec files,
//! each a chain of builder calls as a user would write them; this file holds what those tests call.
//!
//! - A request example, built with the builder, gives the page's wire form: the path with its
//!   parameters, the query (without the page's `access_token` placeholder, which the client adds),
//!   and the body.
//! - A response example parses into the typed response.
//! - Every documented error row, the endpoint's and its API's platform-wide ones, read from what
//!   the wire carries, is its own variant and gives back its code and message.

include!(concat!(env!("OUT_DIR"), "/page_examples.rs"));

/// The page examples that no builder call reproduces, and why. Each is a fact about a page (its
/// example leaves out a field the page's own table requires); a new entry here needs a reason.
const EXPECTED_SKIPS: &[&str] = &[];

/// Page examples that break a rule their own page states, with the refusal `.build()` gives: the
/// rule stays (it is the page's), and the example is kept verbatim.
const EXAMPLES_BREAKING_THEIR_PAGES_RULES: &[(&str, usize, &str)] = &[(
    "dingtalk.create_chat",
    0,
    // The example's owner `manager4220` is not in its useridlist `userid1`, `userid2`.
    "invalid request: `useridlist` breaks a documented rule: owner: 该员工必须为会话useridlist的成员之一。",
)];

#[test]
fn every_request_example_is_built_unless_its_page_leaves_out_a_required_field() {
    assert_eq!(SKIPPED, EXPECTED_SKIPS);
}

mod harness {
    use group_api::endpoint::{Auth, Transport};
    use group_api::{ApiError, Endpoint, ValidationError};
    use serde_json::Value;

    /// `request` (built from example `index` of `endpoint`) has the example's path, query and body.
    /// Values the page prints in another JSON type than its table gives (`"2"` for 2), marked in
    /// the spec's `deviations`, are compared as the table reads them.
    pub fn request_matches<R: Endpoint>(request: &R, endpoint: &str, index: usize) {
        let spec = group_api_tests::spec(endpoint);
        let expected = group_api_tests::example_as_table(&spec, index)["request"].clone();
        if let Some(params) = expected.get("path").and_then(Value::as_object) {
            let Transport::Http { path, .. } = R::INFO.transport else {
                panic!("{endpoint}: a path example on a JS-SDK call");
            };
            let mut filled = path.to_owned();
            for (name, value) in params {
                filled = filled.replace(&format!(":{name}"), &text(value));
            }
            assert_eq!(request.path(), filled, "{endpoint} example {index}: path");
        }
        if let Some(query) = expected.get("query").and_then(Value::as_object) {
            let auth = match R::INFO.auth {
                Auth::Query(name) => Some(name),
                _ => None,
            };
            let mut want: Vec<(String, String)> = query
                .iter()
                .filter(|(name, _)| Some(name.as_str()) != auth)
                .map(|(name, value)| (name.clone(), text(value)))
                .collect();
            let mut got: Vec<(String, String)> = request
                .query()
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{endpoint} example {index}: query");
        }
        if let Some(want) = expected.get("body") {
            let got = serde_json::to_value(request).expect("a request serializes");
            assert_eq!(&got, want, "{endpoint} example {index}: body");
        }
    }

    /// The response example, its marked deviations read as the table's types, parses into the
    /// endpoint's typed response.
    pub fn response_parses<R: Endpoint>(endpoint: &str, index: usize) {
        let spec = group_api_tests::spec(endpoint);
        let value = group_api_tests::example_as_table(&spec, index)["response"].clone();
        if let Err(e) = serde_json::from_value::<R::Response>(value) {
            panic!("{endpoint} example {index}: the response example does not parse: {e}");
        }
    }

    /// A page's request example that `.build()` refuses: only where the page's own example breaks
    /// a rule the page states, listed in `EXAMPLES_BREAKING_THEIR_PAGES_RULES` with the rule.
    pub fn breaks_a_documented_rule(endpoint: &str, index: usize, error: ValidationError) {
        let known = super::EXAMPLES_BREAKING_THEIR_PAGES_RULES
            .iter()
            .find(|(id, i, _)| *id == endpoint && *i == index);
        match known {
            Some((_, _, rule)) => assert_eq!(
                error.to_string(),
                *rule,
                "{endpoint} example {index} breaks another rule than the one listed"
            ),
            None => panic!("{endpoint} example {index}: the page's example is refused: {error}"),
        }
    }

    /// Every documented row of the endpoint and its API maps to its variant and back.
    pub fn rows_round_trip<R: Endpoint>(endpoint: &str) {
        for row in group_api_tests::all_rows_or_none(endpoint) {
            let error = R::Error::from_wire(row.status, row.code.clone(), row.server_message());
            let debug = format!("{error:?}");
            let expected = match row.platform {
                false => row.variant.clone(),
                true => format!("Platform({})", row.variant),
            };
            assert_eq!(debug, expected, "{endpoint}: {row:?}");
            assert_eq!(error.code(), row.code, "{endpoint}: {row:?}");
            assert!(error.undocumented().is_none(), "{endpoint}: {row:?}");
            assert_eq!(error.row().map(|r| r.status), Some(row.status), "{row:?}");
        }
    }

    /// A value as the wire writes it in a path or query: strings without quotes.
    fn text(value: &Value) -> String {
        match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}
