//! BENCHMARKS.md, "Redis store": the added cost per call of keeping the rate budget in Redis,
//! against keeping it in process memory, side by side, and against no budget at all.
//!
//! Starts its own `redis-server` (on PATH: `apt-get install -y redis-server`) on a free port of
//! 127.0.0.1.
//!
//! `cargo bench -p group-api-benches --bench store`

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
use group_api_benches::paired;
use group_api_benches::stores::{Side, Stores};

const BATCH: u32 = 1_000;

fn calls(c: &mut Criterion) {
    let stores = Stores::new();
    let mut group = c.benchmark_group("store");
    group.throughput(Throughput::Elements(1));
    for (name, side) in [
        ("memory", Side::Memory),
        ("redis", Side::Redis),
        ("limits off", Side::Off),
    ] {
        group.bench_function(format!("dingtalk.update_group/{name}"), |b| {
            b.iter_custom(|n| stores.run(n, side))
        });
    }
    group.finish();
}

/// The figures BENCHMARKS.md reports: alternating batches, medians of the per-round ratios.
fn side_by_side() {
    let stores = Stores::new();
    let run = |side| {
        stores.run(u64::from(BATCH), side);
    };
    let redis_memory = paired::compare(21, 1, || run(Side::Redis), || run(Side::Memory));
    let memory_off = paired::compare(21, 1, || run(Side::Memory), || run(Side::Off));
    let per_call = |d: Duration| d / BATCH;
    println!("\nSide by side (median of 21 alternating rounds of {BATCH} calls each):\n");
    println!("| store | time per call | added per call | ratio |");
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| Redis (budget in Redis) | {} | {} over memory | {:.2} × memory |",
        paired::show(per_call(redis_memory.a)),
        paired::show(per_call(redis_memory.a.saturating_sub(redis_memory.b))),
        redis_memory.ratio
    );
    println!(
        "| memory (default) | {} | {} over off | {:.3} × off |",
        paired::show(per_call(memory_off.a)),
        paired::show(per_call(memory_off.a.saturating_sub(memory_off.b))),
        memory_off.ratio
    );
    println!(
        "| limits off | {} | | |",
        paired::show(per_call(memory_off.b))
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = calls
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if paired::full_run() {
        side_by_side();
    }
}
