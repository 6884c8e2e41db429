//! Item 2 of BENCHMARKS.md: what a debug `cargo build` of generated code costs.
//!
//! For each N (default 4, 100, 500) it writes three throwaway crates into one scratch workspace
//! that shares a target folder:
//!
//! - `macro_N`: `group_api::endpoints!("spec");` over a synthetic folder of N endpoints;
//! - `written_N`: the same expansion written out as ordinary source (prettyplease);
//! - `plain_N`: plain serde structs for the same bodies, no builders, no validation (the floor).
//!
//! The dependencies are built once; then, round after round, each leaf crate is cleaned
//! (`cargo clean -p`) and built again (`cargo build -p <leaf> --lib`), the crates of a round one
//! after the other, so the three kinds see the same machine load. Figures are medians over the
//! rounds; ratios are medians of the per-round ratios. Each build is measured twice: wall clock,
//! and the CPU time (user + system) of cargo and the rustc processes it ran, read from the
//! kernel's account of this process's waited-for children. CPU time does not count the time a
//! build waited for a core, so it moves much less than wall clock on a shared machine. Last, the
//! rebuild after editing one spec file of `macro_<largest N>`, with incremental compilation off
//! and on.
//!
//! `cargo run --release -p group-api-benches --bin build-times -- [--sizes 4,100,500] [--rounds 3]
//! [--work DIR] [--keep]`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use group_api_benches::cargo_runs::{cargo, machine, median, write, write_crate};
use group_api_benches::{expand, plain, synth};

struct Args {
    sizes: Vec<usize>,
    rounds: usize,
    work: PathBuf,
    keep: bool,
}

const KINDS: [&str; 3] = ["macro", "written", "plain"];

fn main() {
    let args = parse_args();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository folder");
    let started = Instant::now();
    machine();

    println!("\nwriting the crates into {}", args.work.display());
    let _ = std::fs::remove_dir_all(&args.work);
    std::fs::create_dir_all(&args.work).expect("creating the work folder");
    let mut members = Vec::new();
    for &n in &args.sizes {
        write_crates(&args.work, &repo, n);
        members.extend(KINDS.iter().map(|kind| format!("{kind}_{n}")));
    }
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members
            .iter()
            .map(|m| format!("\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    write(&args.work.join("Cargo.toml"), &manifest);
    // The repository's lock file: the same dependency versions as group-api's own build.
    std::fs::copy(repo.join("Cargo.lock"), args.work.join("Cargo.lock"))
        .expect("copying Cargo.lock");

    let clean_env = [("CARGO_INCREMENTAL", "0")];
    // Each leaf alone, as it is timed: built together, serde's features would be unified and
    // a leaf built alone would rebuild it.
    let warm: Duration = members
        .iter()
        .map(|m| cargo(&args.work, &["build", "-p", m, "--lib"], &clean_env).wall)
        .sum();
    println!(
        "dependencies and every crate built once (not a figure): {:.1} s",
        warm.as_secs_f64()
    );
    let first = format!("macro_{}", args.sizes[0]);
    let mut noop: Vec<Duration> = (0..3)
        .map(|_| cargo(&args.work, &["build", "-p", &first, "--lib"], &clean_env).wall)
        .collect();
    let noop = median(&mut noop);
    println!(
        "cargo's own overhead (a build with nothing to do): {:.2} s; included in every figure below",
        noop.as_secs_f64()
    );

    // times[size][kind][round]
    let mut times = vec![vec![Vec::new(); KINDS.len()]; args.sizes.len()];
    let mut cpu = times.clone();
    for round in 1..=args.rounds {
        for (s, &n) in args.sizes.iter().enumerate() {
            for (k, kind) in KINDS.iter().enumerate() {
                let name = format!("{kind}_{n}");
                cargo(&args.work, &["clean", "-p", &name], &clean_env);
                let cost = cargo(&args.work, &["build", "-p", &name, "--lib"], &clean_env);
                times[s][k].push(cost.wall);
                cpu[s][k].push(cost.cpu);
            }
        }
        println!(
            "round {round}: {} s (macro/written/plain)",
            round_line(&args.sizes, &times, round - 1)
        );
        println!(
            "        CPU time: {} s",
            round_line(&args.sizes, &cpu, round - 1)
        );
    }

    let largest = *args.sizes.iter().max().expect("at least one size");
    let rebuild_off = rebuild(&args.work, largest, args.rounds, "0");
    let rebuild_on = rebuild(&args.work, largest, args.rounds, "1");

    report(&args, "wall clock", &times);
    report(&args, "CPU time (user + system)", &cpu);
    println!(
        "\nRebuild of macro_{largest} after editing one spec file (median of {}): {:.2} s with incremental off, {:.2} s with incremental on (the dev default)",
        args.rounds,
        rebuild_off.as_secs_f64(),
        rebuild_on.as_secs_f64()
    );
    println!(
        "cargo's own overhead in each wall-clock figure: {:.2} s",
        noop.as_secs_f64()
    );
    println!(
        "\nthe whole run took {:.1} min",
        started.elapsed().as_secs_f64() / 60.0
    );
    if !args.keep {
        let _ = std::fs::remove_dir_all(&args.work);
    }
}

/// One round's times, `N=4: 0.52/0.48/0.27  N=100: …` (macro/written/plain per size).
fn round_line(sizes: &[usize], times: &[Vec<Vec<Duration>>], round: usize) -> String {
    let line: Vec<String> = sizes
        .iter()
        .enumerate()
        .map(|(s, n)| {
            let t: Vec<String> = (0..KINDS.len())
                .map(|k| format!("{:.2}", times[s][k][round].as_secs_f64()))
                .collect();
            format!("N={n}: {}", t.join("/"))
        })
        .collect();
    line.join("  ")
}

fn parse_args() -> Args {
    let mut args = Args {
        sizes: vec![4, 100, 500],
        rounds: 3,
        work: std::env::temp_dir().join("group-api-build-times"),
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--sizes" => {
                args.sizes = it
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|n| n.trim().parse().ok())
                    .collect();
            }
            "--rounds" => args.rounds = it.next().and_then(|r| r.parse().ok()).unwrap_or(3),
            "--work" => args.work = PathBuf::from(it.next().unwrap_or_default()),
            "--keep" => args.keep = true,
            other => {
                eprintln!(
                    "unknown argument `{other}`; usage: build-times [--sizes 4,100,500] [--rounds 3] [--work DIR] [--keep]"
                );
                std::process::exit(2);
            }
        }
    }
    if args.sizes.is_empty() || args.rounds == 0 {
        eprintln!("--sizes needs at least one number and --rounds at least 1");
        std::process::exit(2);
    }
    args
}

/// Writes `macro_N`, `written_N` and `plain_N`.
fn write_crates(work: &Path, repo: &Path, n: usize) {
    let group_api = repo.join("group-api");
    let dependency = format!(
        "group-api = {{ path = {:?} }}\n",
        group_api.display().to_string()
    );
    let serde = "serde = { version = \"1\", features = [\"derive\"] }\n";

    let macro_dir = work.join(format!("macro_{n}"));
    let spec = macro_dir.join("spec");
    synth::write_folder(&spec, n, synth::SEED).expect("writing the synthetic folder");
    write_crate(
        &macro_dir,
        &format!("macro_{n}"),
        &dependency,
        "group_api::endpoints!(\"spec\");\n",
        LINTS,
    );

    let tokens = expand::tokens(&spec).unwrap_or_else(|e| panic!("the generator refused: {e}"));
    let written = expand::source(tokens).expect("the expansion is a Rust file");
    write_crate(
        &work.join(format!("written_{n}")),
        &format!("written_{n}"),
        &dependency,
        &written,
        LINTS,
    );

    let floor = plain::source(&spec).expect("the floor crate's source");
    write_crate(
        &work.join(format!("plain_{n}")),
        &format!("plain_{n}"),
        serde,
        &floor,
        LINTS,
    );
    println!(
        "N = {n}: lib.rs of written_{n} has {} lines, of plain_{n} {} lines",
        written.lines().count(),
        floor.lines().count()
    );
}

/// Generated items are public but the crates are not documented; keep the output quiet.
const LINTS: &str = "missing_docs, dead_code";

/// Rebuild times of `macro_N` after editing one spec file (a length bound, toggled each round),
/// with `CARGO_INCREMENTAL` set to `incremental`.
fn rebuild(work: &Path, n: usize, rounds: usize, incremental: &str) -> Duration {
    let name = format!("macro_{n}");
    let env = [("CARGO_INCREMENTAL", incremental)];
    // The first build in this mode may rebuild group-api too; it is not counted.
    cargo(work, &["build", "-p", &name, "--lib"], &env);
    let spec = work.join(&name).join("spec");
    let file = std::fs::read_dir(&spec)
        .expect("the spec folder")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|f| f.to_string_lossy().matches('.').count() == 2)
        })
        .min()
        .expect("an endpoint file");
    let mut times = Vec::new();
    for round in 0..rounds {
        let text = std::fs::read_to_string(&file).expect("reading the spec file");
        let mut spec_value: serde_json::Value =
            serde_json::from_str(&text).expect("the spec file is JSON");
        let max = &mut spec_value["request"]["body"][1]["max_length"];
        let bound = max.as_u64().expect("`name` has a max_length");
        *max = serde_json::json!(if round % 2 == 0 { bound + 1 } else { bound - 1 });
        let text = serde_json::to_string_pretty(&spec_value).expect("JSON") + "\n";
        write(&file, &text);
        times.push(cargo(work, &["build", "-p", &name, "--lib"], &env).wall);
    }
    let label = if incremental == "1" { "on" } else { "off" };
    let shown: Vec<String> = times
        .iter()
        .map(|t| format!("{:.2}", t.as_secs_f64()))
        .collect();
    println!(
        "rebuild of {name} after editing one spec file, incremental {label}: {} s",
        shown.join(" ")
    );
    median(&mut times)
}

fn median_f64(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn report(args: &Args, measure: &str, times: &[Vec<Vec<Duration>>]) {
    let secs = |d: Duration| d.as_secs_f64();
    println!(
        "\n### Clean debug build of the leaf crate, {measure} (median of {} rounds)\n",
        args.rounds
    );
    println!(
        "| N | `endpoints!` crate | written-out crate | plain serde crate | macro / written-out | written-out / plain | macro / plain |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut medians = Vec::new();
    for (s, n) in args.sizes.iter().enumerate() {
        let m: Vec<f64> = (0..KINDS.len())
            .map(|k| secs(median(&mut times[s][k].clone())))
            .collect();
        let mut overhead: Vec<f64> = (0..args.rounds)
            .map(|r| secs(times[s][0][r]) / secs(times[s][1][r]))
            .collect();
        let mut over_floor: Vec<f64> = (0..args.rounds)
            .map(|r| secs(times[s][1][r]) / secs(times[s][2][r]))
            .collect();
        let mut macro_over_floor: Vec<f64> = (0..args.rounds)
            .map(|r| secs(times[s][0][r]) / secs(times[s][2][r]))
            .collect();
        println!(
            "| {n} | {:.2} s | {:.2} s | {:.2} s | {:.3} | {:.2} | {:.2} |",
            m[0],
            m[1],
            m[2],
            median_f64(&mut overhead),
            median_f64(&mut over_floor),
            median_f64(&mut macro_over_floor)
        );
        medians.push((*n, m));
    }
    if let (Some((n0, first)), Some((n1, last))) = (medians.first(), medians.last())
        && n1 > n0
    {
        let per = |k: usize| (last[k] - first[k]) / (n1 - n0) as f64 * 1e3;
        println!(
            "\nMarginal cost per endpoint, (t({n1}) - t({n0})) / {}: `endpoints!` {:.1} ms, written-out {:.1} ms, plain serde {:.1} ms",
            n1 - n0,
            per(0),
            per(1),
            per(2)
        );
    }
}
