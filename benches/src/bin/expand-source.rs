//! Prints the formatted expansion of a spec folder: `expand-source <dir>`.

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: expand-source <dir>");
        std::process::exit(2);
    };
    let source = group_api_benches::expand::tokens(std::path::Path::new(&dir))
        .and_then(group_api_benches::expand::source)
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1);
        });
    print!("{source}");
}
