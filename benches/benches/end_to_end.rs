//! Item 5 of BENCHMARKS.md: calls per second against a local server, `dingtalk::Client` against
//! raw reqwest plus serde_json sending the same bytes.
//!
//! One server (`group_api_benches::server`: a minimal HTTP/1.1 responder on its own thread)
//! answers both with DingTalk's documented success body. Each side sends the page's
//! `update_group` example, built once, over one kept-alive connection, and reads the answer into
//! its response type. The raw side uses a `reqwest::Client` configured as group-api's default one
//! (timeouts, `User-Agent`, no redirects) and sends the same headers and body, so the difference
//! is what group-api adds: preparing the request from the `Endpoint`, the envelope, the typed
//! error path not taken, and the retry loop.
//!
//! `cargo bench -p group-api-benches --bench end_to_end`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group};
use group_api::dingtalk::{Client, OwnerType, UpdateGroupRequest};
use group_api::reqwest;
use group_api_benches::{hand, paired, server};
use tokio::runtime::Runtime;

const TOKEN: &str = "bench-token";
const ANSWER: &[u8] = br#"{"success":true}"#;

struct Sides {
    runtime: Runtime,
    client: Client,
    request: UpdateGroupRequest,
    raw: reqwest::Client,
    url: String,
    hand: hand::dingtalk::UpdateGroup,
}

impl Sides {
    fn new() -> Self {
        let server = server::start(ANSWER);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let client = Client::new(TOKEN).with_base_url(server.url());
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

    async fn group_api(&self) {
        let response = self
            .client
            .update_group(&self.request)
            .await
            .expect("the server answers success");
        black_box(response);
    }

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
    fn run(&self, n: u64, group_api: bool) -> Duration {
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

fn calls(c: &mut Criterion) {
    let sides = Sides::new();
    let mut group = c.benchmark_group("end_to_end");
    group.throughput(Throughput::Elements(1));
    group.bench_function("dingtalk.update_group/group-api", |b| {
        b.iter_custom(|n| sides.run(n, true))
    });
    group.bench_function("dingtalk.update_group/raw reqwest + serde_json", |b| {
        b.iter_custom(|n| sides.run(n, false))
    });
    group.finish();
}

/// The ratio BENCHMARKS.md reports: both sides in alternating batches.
fn side_by_side() {
    let sides = Sides::new();
    let p = paired::compare(
        21,
        1,
        || {
            sides.run(2_000, true);
        },
        || {
            sides.run(2_000, false);
        },
    );
    let per_second = |d: Duration| 2_000.0 / d.as_secs_f64();
    println!("\nSide by side (median of 21 alternating rounds of 2,000 calls each):\n");
    println!("| client | calls per second | time per call |");
    println!("| --- | ---: | ---: |");
    println!(
        "| `dingtalk::Client::update_group` | {:.0} | {} |",
        per_second(p.a),
        paired::show(p.a / 2_000)
    );
    println!(
        "| raw reqwest + serde_json | {:.0} | {} |",
        per_second(p.b),
        paired::show(p.b / 2_000)
    );
    println!(
        "\ngroup-api's calls per second as a share of raw reqwest's: {:.1}% (median of the per-round ratios)",
        100.0 / p.ratio
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = calls
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if paired::full_run() {
        side_by_side();
    }
}
