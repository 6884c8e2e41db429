//! Writes a synthetic spec folder: `synth-spec <N> <dir>`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse().ok()), args.get(2)) else {
        eprintln!("usage: synth-spec <N> <dir>");
        std::process::exit(2);
    };
    let names = group_api_benches::synth::write_folder(
        std::path::Path::new(dir),
        n,
        group_api_benches::synth::SEED,
    )
    .unwrap_or_else(|e| {
        eprintln!("writing {dir}: {e}");
        std::process::exit(1);
    });
    let folder = std::path::Path::new(dir);
    match group_api_benches::expand::tokens(folder) {
        Ok(_) => println!(
            "{} endpoints in {dir}; the generator accepts them",
            names.len()
        ),
        Err(e) => {
            eprintln!("the generator refuses {dir}:\n{e}");
            std::process::exit(1);
        }
    }
}
