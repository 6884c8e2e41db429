//! Where the build cost of generated code goes: BENCHMARKS.md, "Issue 18", the part-by-part table.
//!
//! `build-times` compares the whole written-out expansion with the plain serde floor. This tool
//! writes the same written-out crate several times, each copy with one part of the generated
//! code stripped, and builds them side by side with the floor, round after round:
//!
//! - `full`: the written-out expansion as it is;
//! - `no-docs`: every doc comment removed (the vendors' text, notes, error rows' text);
//! - `bare-builders`: the bodies of `builder()`, the setters, `build` and `__cast` replaced by
//!   `loop {}`, so what is left of them is their signatures;
//! - `bare-errors`: the same for the error enums' inherent methods and their `ApiError`,
//!   `PlatformError` and `Display` impls;
//! - `bare-validate`: the same for `Validate`;
//! - `bare-serialize-debug`: the same for every hand-written `Serialize` and `Debug` (the
//!   requests' and their objects', the enums' `Serialize`, the responses' redacting `Debug`);
//! - `bare-all`: all four at once, docs removed too;
//! - `plain`: the floor.
//!
//! A stripped copy does not work, but it compiles, and what it saves is what the stripped bodies
//! (or docs) cost the compiler. Each kind is built at two sizes, and the figure is the marginal
//! cost per endpoint, `(t(large) - t(small)) / (large - small)` in CPU time, and its ratio to the
//! floor's, the measure of issue 18's build-cost target.
//!
//! With `--instructions`, each measured rustc runs under valgrind's cachegrind, and the cost is the
//! count of instructions it executed instead of CPU time: about 20 times slower, but the same from
//! one run to the next on a shared machine whose speed moves (CPU time there moves by ±15% between
//! rounds). Use small sizes with it (`--sizes 4,24 --rounds 1`).
//!
//! `--kinds` builds only the kinds named (`full` and `plain` always).
//!
//! `cargo run --release -p group-api-benches --bin build-parts -- [--sizes 4,100] [--rounds 3]
//! [--instructions] [--kinds full,bare-all] [--work DIR] [--keep]`

use std::path::{Path, PathBuf};
use std::time::Instant;

use group_api_benches::cargo_runs::{cargo, machine, write, write_crate};
use group_api_benches::{expand, plain, synth};
use syn::visit_mut::VisitMut;

/// A stripped part: the impls whose method bodies become `loop {}`.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Builders,
    Errors,
    Validate,
    SerializeDebug,
}

struct Kind {
    name: &'static str,
    docs: bool,
    bare: &'static [Part],
}

const KINDS: &[Kind] = &[
    Kind {
        name: "full",
        docs: true,
        bare: &[],
    },
    Kind {
        name: "no-docs",
        docs: false,
        bare: &[],
    },
    Kind {
        name: "bare-builders",
        docs: true,
        bare: &[Part::Builders],
    },
    Kind {
        name: "bare-errors",
        docs: true,
        bare: &[Part::Errors],
    },
    Kind {
        name: "bare-validate",
        docs: true,
        bare: &[Part::Validate],
    },
    Kind {
        name: "bare-serialize-debug",
        docs: true,
        bare: &[Part::SerializeDebug],
    },
    Kind {
        name: "bare-all",
        docs: false,
        bare: &[
            Part::Builders,
            Part::Errors,
            Part::Validate,
            Part::SerializeDebug,
        ],
    },
];

/// Which part an impl block belongs to, if any.
fn part_of(item: &syn::ItemImpl) -> Option<Part> {
    let last = |path: &syn::Path| path.segments.last().map(|s| s.ident.to_string());
    if let Some((_, path, _)) = &item.trait_ {
        return match last(path)?.as_str() {
            "Validate" => Some(Part::Validate),
            "ApiError" | "PlatformError" => Some(Part::Errors),
            "Display" if is_error_type(&item.self_ty) => Some(Part::Errors),
            "Serialize" | "Debug" => Some(Part::SerializeDebug),
            _ => None,
        };
    }
    let syn::Type::Path(ty) = &*item.self_ty else {
        return None;
    };
    let name = last(&ty.path)?;
    if name.ends_with("Error") {
        Some(Part::Errors)
    } else if name.ends_with("Builder") || name.ends_with("Request") {
        Some(Part::Builders)
    } else {
        None
    }
}

fn is_error_type(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident.to_string().ends_with("Error")))
}

struct Strip<'a>(&'a [Part]);

impl VisitMut for Strip<'_> {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        if part_of(item).is_some_and(|p| self.0.contains(&p)) {
            for member in &mut item.items {
                if let syn::ImplItem::Fn(f) = member {
                    f.block = syn::parse_quote!({ loop {} });
                }
            }
        }
        syn::visit_mut::visit_item_impl_mut(self, item);
    }
}

fn variant(written: &str, kind: &Kind) -> String {
    let mut file: syn::File = syn::parse_str(written).expect("the written-out crate parses");
    Strip(kind.bare).visit_file_mut(&mut file);
    let text = prettyplease::unparse(&file);
    if kind.docs {
        return text;
    }
    expand::lines_with_docs_marked(&text)
        .filter(|(_, doc)| !doc)
        .map(|(l, _)| format!("{l}\n"))
        .collect()
}

fn crate_name(kind: &str, n: usize) -> String {
    format!("{}_{n}", kind.replace('-', "_"))
}

/// `loop {}` bodies leave parameters unused and code after them unreachable.
const LINTS: &str = "missing_docs, dead_code, unused, unreachable_code";

fn main() {
    if let Ok(work) = std::env::var(WRAP) {
        wrap(&work);
    }
    let (sizes, rounds, work, keep, instructions, only) = parse_args();
    let chosen = |kind: &str| {
        only.is_empty() || kind == "full" || kind == "plain" || only.iter().any(|k| k == kind)
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository folder");
    let started = Instant::now();
    machine();
    // The work folder is deleted before and after a run: only one this tool made (it holds the
    // marker file), or none at all, so that a mistyped `--work` cannot wipe a folder.
    let marker = work.join(".group-api-build-parts");
    if work.exists() && !marker.exists() {
        eprintln!(
            "{} exists and was not made by build-parts; give a new folder to --work",
            work.display()
        );
        std::process::exit(2);
    }
    let _ = std::fs::remove_dir_all(&work);
    write(
        &marker,
        "a scratch folder of build-parts, deleted by its next run\n",
    );
    let group_api = format!(
        "group-api = {{ path = {:?} }}\n",
        repo.join("group-api").display().to_string()
    );
    let serde = "serde = { version = \"1\", features = [\"derive\"] }\n";
    let mut members = Vec::new();
    for &n in &sizes {
        let spec = work.join(format!("spec_{n}"));
        synth::write_folder(&spec, n, synth::SEED).expect("writing the synthetic folder");
        let tokens = expand::tokens(&spec).unwrap_or_else(|e| panic!("the generator refused: {e}"));
        let written = expand::source(tokens).expect("the expansion is a Rust file");
        for kind in KINDS.iter().filter(|k| chosen(k.name)) {
            let name = crate_name(kind.name, n);
            let lib = variant(&written, kind);
            println!("{name}: {} lines", lib.lines().count());
            write_crate(&work.join(&name), &name, &group_api, &lib, LINTS);
            members.push(name);
        }
        let name = crate_name("plain", n);
        let floor = plain::source(&spec).expect("the floor crate's source");
        write_crate(&work.join(&name), &name, serde, &floor, LINTS);
        members.push(name);
    }
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    write(
        &work.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            list.join(", ")
        ),
    );
    std::fs::copy(repo.join("Cargo.lock"), work.join("Cargo.lock")).expect("copying Cargo.lock");

    // With `--instructions`, cargo runs this program as its rustc wrapper (see `wrap`).
    let exe = std::env::current_exe().expect("this program's path");
    let mut env = vec![("CARGO_INCREMENTAL", "0".to_owned())];
    if instructions {
        env.push(("RUSTC_WRAPPER", exe.display().to_string()));
        env.push((WRAP, work.display().to_string()));
    }
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The dependencies, built once: each leaf's build below then compiles the leaf alone. (Each
    // leaf is built alone, as it is measured: built together, serde's features would be unified
    // and a leaf built alone would rebuild it.)
    for m in [crate_name("full", sizes[0]), crate_name("plain", sizes[0])] {
        cargo(&work, &["build", "-p", &m, "--lib"], &env);
    }
    println!("dependencies built (not a figure)");

    let kinds: Vec<&str> = KINDS
        .iter()
        .map(|k| k.name)
        .filter(|k| chosen(k))
        .chain(["plain"])
        .collect();
    // cost[kind][size][round]: CPU seconds, or instructions
    let mut cost = vec![vec![Vec::new(); sizes.len()]; kinds.len()];
    for round in 1..=rounds {
        let mut line = Vec::new();
        for (s, &n) in sizes.iter().enumerate() {
            for (k, kind) in kinds.iter().enumerate() {
                let name = crate_name(kind, n);
                cargo(&work, &["clean", "-p", &name], &env);
                let run = cargo(&work, &["build", "-p", &name, "--lib"], &env);
                let value = match instructions {
                    true => counted(&work, &name),
                    false => run.cpu.as_secs_f64(),
                };
                cost[k][s].push(value);
                line.push(format!("{name} {}", shown(value, instructions)));
            }
        }
        println!("round {round}: {}", line.join(", "));
    }

    let (small, large) = (0, sizes.len() - 1);
    let span = (sizes[large] - sizes[small]) as f64;
    let marginal = |k: usize, r: usize| (cost[k][large][r] - cost[k][small][r]) / span;
    let floor = kinds.len() - 1;
    let measure = match instructions {
        true => "instructions rustc executed (cachegrind)",
        false => "CPU time",
    };
    println!(
        "\n### Marginal debug build cost per endpoint, {measure}, (c({}) - c({})) / {span} (median of {rounds} rounds)\n",
        sizes[large], sizes[small]
    );
    println!(
        "| kind | c({}) | c({}) | per endpoint | against the floor | saved against `full` |",
        sizes[small], sizes[large]
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let per_full = median_of((0..rounds).map(|r| marginal(0, r)).collect());
    for (k, kind) in kinds.iter().enumerate() {
        let per = median_of((0..rounds).map(|r| marginal(k, r)).collect());
        let ratio = median_of(
            (0..rounds)
                .map(|r| marginal(k, r) / marginal(floor, r))
                .collect(),
        );
        println!(
            "| `{kind}` | {} | {} | {} | {ratio:.2}× | {} |",
            shown(median_of(cost[k][small].clone()), instructions),
            shown(median_of(cost[k][large].clone()), instructions),
            shown(per, instructions),
            shown(per_full - per, instructions),
        );
    }
    println!(
        "\nthe whole run took {:.1} min",
        started.elapsed().as_secs_f64() / 60.0
    );
    if !keep {
        let _ = std::fs::remove_dir_all(&work);
    }
}

/// The environment variable that makes this program a rustc wrapper; it holds the work folder.
const WRAP: &str = "GROUP_API_BUILD_PARTS_WRAP";

/// As cargo's `RUSTC_WRAPPER`: runs the measured crates' rustc under cachegrind, which writes the
/// count of instructions executed to `<work>/instructions/<crate>.log`; any other crate's rustc
/// runs as it is. The measured crates are this tool's kinds and `benches/variants.sh`'s copies
/// (`variant_*`), which that script builds with this program as its wrapper.
fn wrap(work: &str) -> ! {
    let mut args = std::env::args_os().skip(1);
    let rustc = args.next().expect("cargo passes rustc's path first");
    let args: Vec<_> = args.collect();
    let name = args
        .iter()
        .position(|a| a == "--crate-name")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.to_string_lossy().into_owned());
    let measured = name.as_deref().filter(|n| {
        KINDS
            .iter()
            .map(|k| k.name)
            .chain(["plain", "variant"])
            .any(|k| n.starts_with(&format!("{}_", k.replace('-', "_"))))
    });
    let mut command = match measured {
        Some(name) => {
            let log = Path::new(work)
                .join("instructions")
                .join(format!("{name}.log"));
            let _ = std::fs::create_dir_all(log.parent().expect("a folder"));
            let mut c = std::process::Command::new("valgrind");
            c.args(["--tool=cachegrind", "--cache-sim=no"])
                .arg("--cachegrind-out-file=/dev/null")
                .arg(format!("--log-file={}", log.display()))
                .arg(&rustc);
            c
        }
        None => std::process::Command::new(&rustc),
    };
    let status = command
        .args(&args)
        .status()
        .expect("running rustc (under valgrind for a measured crate: is valgrind installed?)");
    std::process::exit(status.code().unwrap_or(1));
}

/// The instructions cachegrind counted for the last build of `name`.
fn counted(work: &Path, name: &str) -> f64 {
    let log = work.join("instructions").join(format!("{name}.log"));
    let text =
        std::fs::read_to_string(&log).unwrap_or_else(|e| panic!("reading {}: {e}", log.display()));
    text.lines()
        .find_map(|l| {
            // `==pid== I   refs:      5,267,586,637` (valgrind 3.19; later ones write `I refs:`).
            let (before, count) = l.split_once("refs:")?;
            before
                .trim_end()
                .ends_with(" I")
                .then(|| count.trim().replace(',', ""))
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no instruction count in {}", log.display()))
}

/// A cost as the tables show it: seconds, or millions of instructions.
fn shown(value: f64, instructions: bool) -> String {
    match instructions {
        true => format!("{:.1} M", value / 1e6),
        false => format!("{:.1} ms", value * 1e3),
    }
}

fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn parse_args() -> (Vec<usize>, usize, PathBuf, bool, bool, Vec<String>) {
    let (mut sizes, mut rounds, mut instructions) = (vec![4, 100], 3, false);
    let mut kinds = Vec::new();
    let (mut work, mut keep) = (std::env::temp_dir().join("group-api-build-parts"), false);
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--sizes" => {
                sizes = it
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|n| n.trim().parse().ok())
                    .collect();
            }
            "--rounds" => rounds = it.next().and_then(|r| r.parse().ok()).unwrap_or(0),
            "--work" => work = PathBuf::from(it.next().unwrap_or_default()),
            "--keep" => keep = true,
            "--instructions" => instructions = true,
            "--kinds" => {
                kinds = it
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(|k| k.trim().to_owned())
                    .collect();
                if let Some(k) = kinds.iter().find(|k| {
                    !KINDS.iter().any(|kind| kind.name == k.as_str()) && k.as_str() != "plain"
                }) {
                    eprintln!("unknown kind `{k}`");
                    std::process::exit(2);
                }
            }
            other => {
                eprintln!(
                    "unknown argument `{other}`; usage: build-parts [--sizes 4,100] [--rounds 3] [--instructions] [--kinds full,bare-all] [--work DIR] [--keep]"
                );
                std::process::exit(2);
            }
        }
    }
    if sizes.len() != 2 || sizes[0] >= sizes[1] || rounds == 0 {
        eprintln!("--sizes needs two increasing numbers and --rounds at least 1");
        std::process::exit(2);
    }
    (sizes, rounds, work, keep, instructions, kinds)
}
