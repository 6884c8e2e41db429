//! The procedural macro behind [group-api](https://docs.rs/group-api).
//!
//! Use it through `group_api::endpoints!`; this crate is its thin entry point. The logic lives in
//! `generator`: plain functions over `proc_macro2`, unit-tested without a compiler in the loop.

mod generator;

/// Generates typed request builders, response types and error enums from a folder of JSON spec
/// files. See `group_api::endpoints!` for the arguments and `spec/README.md` for the format.
#[proc_macro]
pub fn endpoints(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    generator::expand(input.into()).into()
}
