//! Item 7 of BENCHMARKS.md: what the `tracing` spans and events of a call cost.
//!
//! The end-to-end call of item 5 (`dingtalk::Client::update_group` against the local server), in
//! one process, first with no subscriber installed (as in a program that does not use `tracing`:
//! no dispatcher has ever been set), side by side with raw reqwest + serde_json, which has no
//! spans; then the same call with a subscriber that records every span field and event, against
//! the same raw side. The first ratio set next to item 5's (measured before the spans existed) is
//! what tracing costs a program that does not use it.
//!
//! `cargo bench -p group-api-benches --bench tracing`

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use criterion::{Criterion, criterion_group};
use group_api_benches::calls::Sides;
use group_api_benches::paired;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A subscriber that visits every field of every span and event (so each is formatted as a real
/// one would), keeping only a count.
#[derive(Default)]
struct Recording {
    next: AtomicU64,
    fields: AtomicU64,
}

struct Count<'a>(&'a AtomicU64);

impl Visit for Count<'_> {
    fn record_debug(&mut self, _: &Field, value: &dyn std::fmt::Debug) {
        std::hint::black_box(format!("{value:?}"));
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

impl Subscriber for Recording {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        span.record(&mut Count(&self.fields));
        Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Count(&self.fields));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut Count(&self.fields));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

const CALLS: u64 = 2_000;

fn side_by_side(what: &str, sides: &Sides) -> paired::Paired {
    let p = paired::compare(
        21,
        1,
        || {
            sides.run(CALLS, true);
        },
        || {
            sides.run(CALLS, false);
        },
    );
    println!(
        "| {what} | {} | {} | {:.1}% |",
        paired::show(p.a / CALLS as u32),
        paired::show(p.b / CALLS as u32),
        100.0 / p.ratio
    );
    p
}

fn calls(c: &mut Criterion) {
    let sides = Sides::new();
    let mut group = c.benchmark_group("tracing");
    group.bench_function("update_group/no subscriber", |b| {
        b.iter_custom(|n| sides.run(n, true))
    });
    let dispatch = tracing::Dispatch::new(Recording::default());
    group.bench_function("update_group/recording subscriber", |b| {
        b.iter_custom(|n| tracing::dispatcher::with_default(&dispatch, || sides.run(n, true)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = calls
}

fn main() {
    if paired::full_run() {
        // Before criterion: no dispatcher may have been set yet in this process.
        assert!(
            !tracing::dispatcher::has_been_set(),
            "the no-subscriber side runs first"
        );
        let sides = Sides::new();
        println!("\nSide by side (median of 21 alternating rounds of {CALLS} calls each):\n");
        println!(
            "| group-api call | time per call | raw reqwest per call | group-api / raw, calls per second |"
        );
        println!("| --- | ---: | ---: | ---: |");
        side_by_side("no subscriber installed", &sides);
        let dispatch = tracing::Dispatch::new(Recording::default());
        tracing::dispatcher::with_default(&dispatch, || {
            side_by_side("a subscriber recording every span and event", &sides)
        });
        println!();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
