//! The generator behind group-api's `endpoints!` macro: spec folder → model → checks → tokens.
//!
//! Each step is a plain function over `proc_macro2`, so the whole pipeline is unit-tested and
//! snapshot-tested without a compiler in the loop; `group-api-macros` is a thin `#[proc_macro]`
//! shell around [`expand`]. Loading and checking collect every problem first; code is generated
//! only from a spec set with none.
//!
//! | step | module |
//! | --- | --- |
//! | the macro's arguments | `args` |
//! | a folder's files, the built-in platform files | [`read_folder`](generate_from_dir), `builtin`, `source` |
//! | JSON text → [`model`] | `load` (one module per part of the format) |
//! | rules on the model | `check` |
//! | model → tokens | `codegen` |
//! | problems, reported together | `diag` |

mod args;
mod builtin;
mod check;
mod codegen;
mod diag;
mod load;
pub mod model;
pub mod names;
mod source;

pub use codegen::{Options, generate};
pub use diag::{Diagnostic, Diagnostics};
pub use source::SourceFile;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_endpoint_level;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use diag::Ctxt;
use model::SpecSet;

/// The macro: arguments in, generated code (or one `compile_error!` per problem) out.
pub fn expand(input: TokenStream, caller_dir: Option<PathBuf>) -> TokenStream {
    let args = match args::parse(input) {
        Ok(args) => args,
        Err(error) => return error.to_compile_error(),
    };
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    // The folder is relative to the crate's Cargo.toml; failing that, to the calling file.
    let dir = args.dir.value();
    let root = match caller_dir {
        Some(caller) if !manifest_dir.join(&dir).is_dir() && caller.join(&dir).is_dir() => caller,
        _ => manifest_dir,
    };
    let options = codegen::Options {
        krate: args.krate,
        inline_platform: args.platform,
        client: args.client,
        js_client: args.js_client,
        builtin: args.builtin,
    };
    let span = args.dir.span();
    match generate_from_dir(&root, &args.dir.value(), &options) {
        Ok(tokens) => tokens,
        Err(diagnostics) => diagnostics.into_compile_errors(span),
    }
}

/// Reads, checks and generates one spec folder (`dir` relative to `root`, the crate's manifest
/// folder).
pub fn generate_from_dir(
    root: &Path,
    dir: &str,
    options: &codegen::Options,
) -> Result<TokenStream, Diagnostics> {
    let mut files = read_folder(root, dir, options.inline_platform.as_deref())?;
    // group-api's own modules define its platforms; a user's folder reuses them.
    if !options.builtin {
        let shadowed = builtin::shadowed(&files);
        if !shadowed.is_empty() {
            return Err(shadowed);
        }
    }
    let tracked: Vec<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .collect();
    // Platforms the folder does not define come from group-api's own platform files.
    let local: Vec<String> = files
        .iter()
        .filter_map(|f| f.path.file_name()?.to_str().map(str::to_owned))
        .collect();
    files.extend(builtin::platforms_missing_from(
        &local,
        options.inline_platform.as_deref(),
    ));
    let set = load_and_check(files)?;
    let mut tokens = codegen::generate(&set, options);
    // Cargo rebuilds the calling crate when a spec file it read changes.
    tokens.extend(tracked.iter().map(|path| {
        quote!(
            const _: &[u8] = include_bytes!(#path);
        )
    }));
    Ok(tokens)
}

/// The page-example tests of a spec folder (see `codegen::examples`) for a test crate's build
/// script: `krate` is the crate whose modules hold the folder's platforms (`::group_api`).
pub fn example_tests_from_dir(
    root: &Path,
    dir: &str,
    krate: TokenStream,
) -> Result<TokenStream, Diagnostics> {
    let set = load_and_check(read_folder(root, dir, None)?)?;
    Ok(codegen::example_tests(&set, &krate))
}

/// Loads files without checking them: the problems of each file's shape (keys, types of values,
/// required parts), which `spec/schema.json` describes too, and none of the rules between parts
/// or files. The agreement test of the loader and the schema uses it.
pub fn load_only(files: Vec<SourceFile>) -> Result<SpecSet, Diagnostics> {
    let mut cx = Ctxt::new(files);
    let mut set = SpecSet::default();
    load::load_all(&mut cx, &mut set);
    if cx.diags.is_empty() {
        Ok(set)
    } else {
        Err(cx.diags)
    }
}

/// Loads and checks files; the model comes back only when no problem was found.
pub fn load_and_check(files: Vec<SourceFile>) -> Result<SpecSet, Diagnostics> {
    let mut cx = Ctxt::new(files);
    let mut set = SpecSet::default();
    load::load_all(&mut cx, &mut set);
    check::check(&mut cx, &set);
    if cx.diags.is_empty() {
        Ok(set)
    } else {
        Err(cx.diags)
    }
}

/// The spec files of a folder, sorted by name: `<platform>.json` and `<platform>.<name>.json`
/// (only `platform`'s when given). `schema.json` and other files are not specs.
fn read_folder(
    root: &Path,
    dir: &str,
    platform: Option<&str>,
) -> Result<Vec<SourceFile>, Diagnostics> {
    let folder = root.join(dir);
    let problem = |message: String| {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic {
            file: None,
            line: 0,
            column: 0,
            path: String::new(),
            message,
            help: None,
        });
        diags
    };
    let entries = std::fs::read_dir(&folder).map_err(|e| {
        problem(format!(
            "cannot read the spec folder `{dir}` ({}): {e}; the path is relative to the crate's Cargo.toml",
            folder.display()
        ))
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json") && name != "schema.json")
        .filter(|name| match (platform, source::file_kind(name)) {
            (Some(wanted), Some((p, _))) => p == wanted,
            _ => true,
        })
        .collect();
    names.sort();
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    for name in names {
        let path = folder.join(&name);
        let display = format!("{}/{name}", dir.trim_end_matches('/'));
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push(SourceFile::new(path, display, text)),
            Err(e) => diags.push(Diagnostic {
                file: Some(display),
                line: 0,
                column: 0,
                path: String::new(),
                message: format!("cannot read this file: {e}"),
                help: None,
            }),
        }
    }
    if files.is_empty() && diags.is_empty() {
        let what = platform.map_or_else(
            || "spec files".to_owned(),
            |p| format!("spec files of `{p}`"),
        );
        return Err(problem(format!(
            "no {what} in `{dir}` ({})",
            folder.display()
        )));
    }
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}
