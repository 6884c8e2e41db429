//! Item 3 of BENCHMARKS.md: lines of formatted expansion per endpoint, for the real `spec/`
//! folder and synthetic folders; and how long the generator takes in the profile this binary was
//! built with (the dev profile is what a user's debug `cargo build` runs the macro in). Beside the
//! expansion, in the same run: how long reading and checking the folder takes alone, and how long
//! lexing the expansion's text into tokens takes (what a generator that wrote text would still pay).
//!
//! `cargo run --release -p group-api-benches --bin generated-size [N...]` (default 4 100 500 1000);
//! then the lines of `spec/`'s expansion by part of the generated code. `--once N` expands a
//! synthetic folder of N endpoints once and does nothing else (for counting instructions).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use group_api_benches::{expand, synth};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|n| n.parse().ok())
        .collect();
    // `--once N`: write the synthetic folder and expand it once, nothing else, for an instruction
    // count of one expansion (`valgrind --tool=callgrind
    // --toggle-collect=group_api_codegen::generate_from_dir`).
    if std::env::args().any(|a| a == "--once") {
        let scratch = std::env::temp_dir().join(format!("group-api-once-{}", std::process::id()));
        for n in sizes {
            synth::write_folder(&scratch, n, synth::SEED).expect("writing the synthetic folder");
            let start = Instant::now();
            let tokens = expand::tokens(&scratch).expect("the generator accepts the folder");
            println!(
                "synthetic, N = {n}: expanded once in {:.1} ms",
                start.elapsed().as_secs_f64() * 1e3
            );
            drop(tokens);
            let _ = std::fs::remove_dir_all(&scratch);
        }
        return;
    }
    let sizes = if sizes.is_empty() {
        vec![4, 100, 500, 1000]
    } else {
        sizes
    };
    let profile = if cfg!(debug_assertions) {
        "dev (unoptimized, as in a debug build)"
    } else {
        "release"
    };
    println!("generator built in the {profile} profile");
    println!(
        "| folder | endpoints | lines | lines/endpoint | code lines/endpoint | tokens/endpoint | expansion (median of 5) | of which reading and checking | parsing the expansion's text |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let documented = std::fs::read_dir(&real)
        .expect("the spec folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json") && name.matches('.').count() == 2)
        .count();
    let spec_source = report("spec/ (the documented endpoints)", &real, documented);
    let scratch = std::env::temp_dir().join(format!("group-api-size-{}", std::process::id()));
    for n in sizes {
        let folder = scratch.join(format!("synth{n}"));
        synth::write_folder(&folder, n, synth::SEED).expect("writing the synthetic folder");
        report(&format!("synthetic, N = {n}"), &folder, n);
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!();
    print!("{}", parts(&spec_source, documented));
}

/// `spec/`'s formatted expansion `source` by part of the generated code, per documented endpoint.
fn parts(source: &str, n: usize) -> String {
    let parts = expand::lines_by_part(source);
    let all: usize = parts.iter().map(|(_, lines)| lines).sum();
    let mut out = format!(
        "lines of spec/'s expansion by part, per documented endpoint ({n} endpoints, {all} lines)\n\n\
         | part | lines | per endpoint | share |\n| --- | ---: | ---: | ---: |\n"
    );
    for (part, lines) in parts {
        out.push_str(&format!(
            "| {part} | {lines} | {:.1} | {:.1}% |\n",
            lines as f64 / n as f64,
            100.0 * lines as f64 / all as f64
        ));
    }
    out
}

/// Prints the folder's row of the table; returns its formatted expansion.
fn report(label: &str, folder: &Path, n: usize) -> String {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let tokens = expand::tokens(folder).expect("the generator accepts the folder");
            let elapsed = start.elapsed();
            drop(tokens);
            elapsed
        })
        .collect();
    times.sort();
    // The parts a generator that wrote text would still pay: reading and checking the folder (the
    // model, without code generation), and turning the expansion's text into tokens once.
    let reading = median_of_5(|| {
        expand::model(folder).expect("the generator accepts the folder");
    });
    let tokens = expand::tokens(folder).expect("the generator accepts the folder");
    let text = tokens.to_string();
    let parsing = median_of_5(|| {
        let parsed: proc_macro2::TokenStream = text.parse().expect("the expansion's text lexes");
        drop(parsed);
    });
    let count = count_tokens(tokens.clone());
    let source = expand::source(tokens).expect("the expansion parses as a file");
    let (all, code) = expand::line_counts(&source);
    println!(
        "| {label} | {n} | {all} | {:.0} | {:.0} | {:.0} | {:.1} ms | {:.1} ms | {:.1} ms |",
        all as f64 / n as f64,
        code as f64 / n as f64,
        count as f64 / n as f64,
        times[2].as_secs_f64() * 1e3,
        reading.as_secs_f64() * 1e3,
        parsing.as_secs_f64() * 1e3
    );
    source
}

/// The median of five runs of `run`.
fn median_of_5(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[2]
}

/// Tokens in a stream, counting a group's delimiters as one and its contents.
fn count_tokens(tokens: proc_macro2::TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Group(group) => 1 + count_tokens(group.stream()),
            _ => 1,
        })
        .sum()
}
