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

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
use group_api_benches::calls::Sides;
use group_api_benches::paired;

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
