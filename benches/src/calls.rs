//! The two sides of the end-to-end comparison (item 5 of BENCHMARKS.md), shared by the
//! `end_to_end` bench and the `calls` binary (which runs one side alone, for a profiler).
//!
//! One server ([`crate::server`]) answers both with DingTalk's documented success body. Each side
//! sends the page's `update_group` example, built once, over one kept-alive connection, and reads
//! the answer into its response type. The raw side uses a `reqwest::Client` configured as
//! group-api's default one (timeouts, `User-Agent`, no redirects) and sends the same headers and
//! body, so the difference is what group-api adds.

use std::hint::black_box;
use std::time::{Duration, Instant};

use group_api::dingtalk::{Client, OwnerType, UpdateGroupRequest};
use group_api::reqwest;
use tokio::runtime::Runtime;

use crate::{hand, server};

/// The access token both sides send.
pub const TOKEN: &str = "bench-token";
/// DingTalk's documented success body, which the server answers.
pub const ANSWER: &[u8] = br#"{"success":true}"#;

/// Both clients, the request each sends, and the runtime that drives them.
pub struct Sides {
    runtime: Runtime,
    client: Client,
    request: UpdateGroupRequest,
    raw: reqwest::Client,
    url: String,
    hand: hand::dingtalk::UpdateGroup,
}

impl Sides {
    /// Starts the server and builds both clients.
    pub fn new() -> Self {
        let server = server::start(ANSWER);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        // Limits off: this compares sending with raw reqwest; the rate budget's cost is measured
        // by the store bench.
        let client = Client::new(TOKEN)
            .with_base_url(server.url())
            .with_rate_limits(group_api::RateLimits::off());
        let request = UpdateGroupRequest::builder()
            .chatid("chatxxxx")
            .name("全员群。")
            .owner("04201724372xxxx")
            .owner_type(OwnerType::Emp)
            .add_useridlist(["userid1"])
            .build()
            .expect("valid");
        // As group-api's default client is built (`http/core.rs`).
        let raw = reqwest::Client::builder()
            .user_agent("group-api/0.1.0 (+https://github.com/group-api/group-api)")
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a reqwest client");
        let hand = hand::dingtalk::UpdateGroup {
            chatid: "chatxxxx".into(),
            name: Some("全员群。".into()),
            owner: Some("04201724372xxxx".into()),
            owner_type: Some(hand::dingtalk::OwnerType::Emp),
            add_useridlist: Some(vec!["userid1".into()]),
            del_useridlist: None,
            add_extidlist: None,
            del_extidlist: None,
            icon: None,
            management_options: None,
        };
        assert_eq!(
            serde_json::to_vec(&request).ok(),
            serde_json::to_vec(&hand).ok(),
            "both sides send the same body"
        );
        let url = format!("{}/v1.0/im/group/update", server.url());
        Self {
            runtime,
            client,
            request,
            raw,
            url,
            hand,
        }
    }

    /// One call through `dingtalk::Client::update_group`.
    async fn group_api(&self) {
        let response = self
            .client
            .update_group(&self.request)
            .await
            .expect("the server answers success");
        black_box(response);
    }

    /// One call through raw reqwest and serde_json.
    async fn raw(&self) {
        let body = serde_json::to_vec(&self.hand).expect("json");
        let response = self
            .raw
            .post(&self.url)
            .header("x-acs-dingtalk-access-token", TOKEN)
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .expect("sent");
        assert!(response.status().is_success());
        let bytes = response.bytes().await.expect("body");
        let parsed: hand::dingtalk::UpdateGroupResponse =
            serde_json::from_slice(&bytes).expect("parses");
        black_box(parsed);
    }

    /// `n` calls of one side, timed.
    pub fn run(&self, n: u64, group_api: bool) -> Duration {
        self.runtime.block_on(async {
            let start = Instant::now();
            for _ in 0..n {
                if group_api {
                    self.group_api().await;
                } else {
                    self.raw().await;
                }
            }
            start.elapsed()
        })
    }
}

impl Default for Sides {
    fn default() -> Self {
        Self::new()
    }
}
