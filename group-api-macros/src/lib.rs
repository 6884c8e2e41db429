//! The procedural macro behind [group-api](https://docs.rs/group-api).
//!
//! Use it through `group_api::endpoints!`; this crate is its thin entry point. The generator lives
//! in `group-api-codegen`: plain functions over `proc_macro2`, unit- and snapshot-tested without a
//! compiler in the loop.

/// Generates typed request builders, response types and error enums from a folder of JSON spec
/// files. See `group_api::endpoints!` for the arguments and `spec/README.md` for the format.
#[proc_macro]
pub fn endpoints(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    // The calling file's folder: a spec folder not found beside Cargo.toml is looked for there.
    let caller = proc_macro::Span::call_site().local_file();
    let caller_dir = caller.and_then(|file| {
        let file = std::env::current_dir()
            .map(|cwd| cwd.join(&file))
            .unwrap_or(file);
        file.parent().map(std::path::Path::to_path_buf)
    });
    group_api_codegen::expand(input.into(), caller_dir).into()
}
