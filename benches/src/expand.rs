//! The generator's output for a spec folder: as tokens (what the macro hands the compiler) and as
//! formatted source (what a person would read, and the build comparison's written-out crate).

use std::path::Path;

use proc_macro2::{Span, TokenStream};
use quote::quote;

use group_api_codegen as generator;

/// How the benchmarks call the generator: one `pub mod <platform>` per platform, code naming
/// `::group_api`, and a `Client` for each platform the folder defines. This is what
/// `group_api::endpoints!("spec")` does in a user's crate.
pub fn options() -> generator::Options {
    generator::Options {
        krate: quote!(::group_api),
        inline_platform: None,
        client: None,
        js_client: None,
        builtin: false,
    }
}

/// [`options`] for `folder`: the repository's own `spec/` defines the built-in platforms, so it
/// is expanded as group-api's own modules expand it (`__builtin = true`, all platforms in one);
/// any other folder as a user's.
pub fn options_for(folder: &Path) -> generator::Options {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let builtin = folder
        .canonicalize()
        .ok()
        .is_some_and(|f| own.canonicalize().ok() == Some(f));
    generator::Options {
        builtin,
        ..options()
    }
}

/// Expands a spec folder, as `group_api::endpoints!` would. A folder the checker refuses is an
/// error carrying every problem.
pub fn tokens(folder: &Path) -> Result<TokenStream, String> {
    let (root, dir) = split(folder);
    generator::generate_from_dir(root, dir, &options_for(folder))
        .map_err(|diags| diags.into_compile_errors(Span::call_site()).to_string())
}

/// The expansion pretty-printed by prettyplease: a doc attribute becomes `///` lines, or a `/** .. */`
/// block where it holds several lines.
pub fn source(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("not a Rust file: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Lines of formatted source: all of them, and those that are not doc comments or blank.
pub fn line_counts(source: &str) -> (usize, usize) {
    let all = source.lines().count();
    let code = lines_with_docs_marked(source)
        .filter(|(line, doc)| !doc && !line.trim().is_empty())
        .count();
    (all, code)
}

/// Each line of formatted source, with whether it is part of a doc comment. prettyplease prints a
/// doc attribute of one line as `///` and one of several lines (the generator writes a doc
/// comment as one attribute) as a `/** .. */` block, whose inner lines start anywhere.
pub fn lines_with_docs_marked(source: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut in_block = false;
    source.lines().map(move |line| {
        let trimmed = line.trim_start();
        if in_block || trimmed.starts_with("/**") || trimmed.starts_with("/*!") {
            in_block = !trimmed.trim_end().ends_with("*/");
            return (line, true);
        }
        (
            line,
            trimmed.starts_with("///") || trimmed.starts_with("//!"),
        )
    })
}

fn split(folder: &Path) -> (&Path, &str) {
    let root = folder.parent().unwrap_or(Path::new("."));
    let dir = folder.file_name().and_then(|d| d.to_str()).unwrap_or(".");
    (root, dir)
}

/// The checked model of a spec folder (every `*.json` but `schema.json`, by name), for code that
/// derives something else from the same specs.
pub fn model(folder: &Path) -> Result<generator::model::SpecSet, String> {
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .map_err(|e| format!("reading {}: {e}", folder.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "schema.json"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let display = path.display().to_string();
        files.push(generator::SourceFile::new(path, display, text));
    }
    generator::load_and_check(files)
        .map_err(|diags| diags.into_compile_errors(Span::call_site()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_are_told_from_code_whichever_way_prettyplease_prints_them() {
        let tokens = quote! {
            #[doc = " one line"]
            pub struct A;
            #[doc = " first\n second\n\n   indented"]
            pub struct B {
                #[doc = " a field's\n two lines"]
                pub b: u8,
            }
        };
        let text = source(tokens).expect("parses");
        let code: Vec<&str> = lines_with_docs_marked(&text)
            .filter(|(_, doc)| !doc)
            .map(|(line, _)| line.trim())
            .collect();
        assert_eq!(
            code,
            ["pub struct A;", "pub struct B {", "pub b: u8,", "}"],
            "{text}"
        );
        assert_eq!(line_counts(&text), (text.lines().count(), 4), "{text}");
        assert!(text.lines().count() >= 11, "{text}");
    }
}
