//! Running cargo from a bench tool and accounting for what it cost (wall clock and CPU time):
//! shared by `build-times` (item 2 of BENCHMARKS.md) and `user-build` (its "Issue 18" section).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Writes a file, or stops the tool with the path that failed.
pub fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// Writes a throwaway library crate (`Cargo.toml` and `src/lib.rs`) for a build measurement.
/// `lints` are the lints its `lib.rs` allows: generated items are public but the crates are not
/// documented, and a stripped copy leaves code unused.
pub fn write_crate(dir: &Path, name: &str, dependencies: &str, lib: &str, lints: &str) {
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [lib]\npath = \"src/lib.rs\"\n\n[dependencies]\n{dependencies}"
    );
    write(&dir.join("Cargo.toml"), &manifest);
    write(
        &dir.join("src/lib.rs"),
        &format!("#![allow({lints})]\n{lib}"),
    );
}

/// What one cargo run cost.
pub struct Cost {
    pub wall: Duration,
    /// User + system time of cargo and every process it waited for (rustc).
    pub cpu: Duration,
}

/// User + system CPU time of this process's children that have been waited for (and of theirs),
/// from `/proc/self/stat` (fields 16 and 17, in clock ticks).
pub fn children_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default()
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    // `rest` starts at field 3 (the state), so field 16 is at index 13.
    let ticks = fields.get(13).copied().unwrap_or(0) + fields.get(14).copied().unwrap_or(0);
    Duration::from_secs_f64(ticks as f64 / clock_ticks_per_second())
}

fn clock_ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// Runs cargo in the scratch workspace and returns what it cost; stops on a failure.
pub fn cargo(work: &Path, args: &[&str], env: &[(&str, &str)]) -> Cost {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(work)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env_remove("RUSTFLAGS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let (start, cpu_before) = (Instant::now(), children_cpu());
    let output = command.output().expect("running cargo");
    let (elapsed, cpu) = (start.elapsed(), children_cpu().saturating_sub(cpu_before));
    if !output.status.success() {
        eprintln!(
            "`cargo {}` failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        std::process::exit(1);
    }
    Cost { wall: elapsed, cpu }
}

/// The median of some times (the upper one of an even count).
pub fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The machine, as BENCHMARKS.md reports it.
pub fn machine() {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|m| m.trim_start_matches([' ', '\t', ':']))
        })
        .unwrap_or("unknown");
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:").map(|m| m.trim().to_owned()))
        .unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    println!(
        "machine: {cpus} CPUs ({model}), {memory} memory, {rustc}, load average {}",
        load.trim()
    );
}
