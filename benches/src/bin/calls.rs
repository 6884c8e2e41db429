//! Runs one side of the end-to-end comparison alone, for a profiler:
//! `calls <group-api|raw> <N>` makes 200 warm-up calls, then N timed ones.
//!
//! `valgrind --tool=callgrind target/release/calls group-api 2000` against the same for `raw`
//! counts the instructions each side executes per call (BENCHMARKS.md, item 5).

use group_api_benches::calls::Sides;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(side), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!("usage: calls <group-api|raw> <N>");
        std::process::exit(2);
    };
    let group_api = match side.as_str() {
        "group-api" => true,
        "raw" => false,
        other => {
            eprintln!("unknown side `{other}`: group-api or raw");
            std::process::exit(2);
        }
    };
    let sides = Sides::new();
    sides.run(200, group_api);
    let elapsed = sides.run(n, group_api);
    println!(
        "{side}: {n} calls, {:.2} µs per call",
        elapsed.as_secs_f64() * 1e6 / n as f64
    );
}
