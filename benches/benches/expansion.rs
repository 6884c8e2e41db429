//! Item 1 of BENCHMARKS.md: how long the generator takes to turn a spec folder into tokens,
//! called directly as a library (`generate_from_dir`), for the real `spec/` folder and synthetic
//! folders of 4, 100 and 1,000 endpoints; and the same split into its steps (reading and checking
//! the files, then generating code).
//!
//! This runs the generator optimized. Inside a debug `cargo build` the macro runs unoptimized
//! (the dev profile) and its tokens cross into the compiler, so a build pays more: see
//! `generated-size` built without `--release`, and item 2.
//!
//! `cargo bench -p group-api-benches --bench expansion`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use group_api_benches::{expand, synth};
use group_api_codegen::{self as generator, SourceFile};

const SIZES: [usize; 3] = [4, 100, 1000];

fn folders() -> Vec<(String, PathBuf)> {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let scratch = std::env::temp_dir().join(format!("group-api-expansion-{}", std::process::id()));
    let mut out = vec![("spec".to_owned(), real)];
    for n in SIZES {
        let folder = scratch.join(format!("synth{n}"));
        synth::write_folder(&folder, n, synth::SEED).expect("writing a synthetic folder");
        out.push((format!("synthetic/{n}"), folder));
    }
    out
}

fn files(folder: &Path) -> Vec<SourceFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("the folder")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "schema.json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a spec file");
            SourceFile::new(p.clone(), p.display().to_string(), text)
        })
        .collect()
}

fn expansion(c: &mut Criterion) {
    let folders = folders();
    let mut group = c.benchmark_group("expansion");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (label, folder) in &folders {
        let options = expand::options_for(folder);
        group.bench_with_input(
            BenchmarkId::new("generate_from_dir", label),
            folder,
            |b, folder| {
                let (root, dir) = (
                    folder.parent().expect("a parent"),
                    folder.file_name().expect("a name"),
                );
                let dir = dir.to_str().expect("UTF-8");
                b.iter(|| {
                    black_box(generator::generate_from_dir(root, dir, &options).expect("accepted"))
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("load_and_check", label),
            folder,
            |b, folder| {
                b.iter_batched(
                    || files(folder),
                    |files| black_box(generator::load_and_check(files).expect("accepted")),
                    criterion::BatchSize::LargeInput,
                )
            },
        );
        let set = generator::load_and_check(files(folder)).expect("accepted");
        group.bench_with_input(BenchmarkId::new("codegen", label), &set, |b, set| {
            b.iter(|| black_box(generator::generate(set, &options)))
        });
    }
    group.finish();
    if let Some((_, folder)) = folders.last() {
        let _ = std::fs::remove_dir_all(folder.parent().expect("the scratch folder"));
    }
}

criterion_group!(benches, expansion);
criterion_main!(benches);
