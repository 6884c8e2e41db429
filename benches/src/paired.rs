//! Side-by-side timing for a shared machine: the two sides of a comparison run in alternating
//! batches, so a change in load hits both, and the ratio is the median of the per-round ratios.
//! Criterion's own figures for each side are printed before it; this is the ratio BENCHMARKS.md
//! reports.

use std::time::{Duration, Instant};

/// One side's median time per call and the median of the per-round ratios `a / b`.
pub struct Paired {
    pub a: Duration,
    pub b: Duration,
    pub ratio: f64,
}

/// Runs `rounds` rounds of `batch` calls of `a`, then of `b` (the order alternating by round),
/// after one untimed round to warm both.
pub fn compare(rounds: usize, batch: u32, mut a: impl FnMut(), mut b: impl FnMut()) -> Paired {
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..batch {
            f();
        }
        start.elapsed() / batch
    };
    time(&mut a);
    time(&mut b);
    let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (x, y) = if round % 2 == 0 {
            let x = time(&mut a);
            (x, time(&mut b))
        } else {
            let y = time(&mut b);
            (time(&mut a), y)
        };
        ta.push(x);
        tb.push(y);
        ratios.push(x.as_secs_f64() / y.as_secs_f64());
    }
    ta.sort();
    tb.sort();
    ratios.sort_by(f64::total_cmp);
    Paired {
        a: ta[rounds / 2],
        b: tb[rounds / 2],
        ratio: ratios[rounds / 2],
    }
}

/// A markdown table row: `| what | a | b | a / b |`.
pub fn row(what: &str, paired: &Paired) -> String {
    format!(
        "| {what} | {} | {} | {:.3} |",
        show(paired.a),
        show(paired.b),
        paired.ratio
    )
}

/// A duration in the unit that suits it.
pub fn show(d: Duration) -> String {
    let ns = d.as_secs_f64() * 1e9;
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}

/// Whether a bench's side-by-side table runs: on a plain `cargo bench`, not when criterion is given
/// a filter or asked to `--test` or `--list` its benches.
pub fn full_run() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    args.iter().all(|a| a.starts_with('-')) && !args.iter().any(|a| a == "--test" || a == "--list")
}
