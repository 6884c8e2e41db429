//! Writes the page-example tests of every endpoint in `spec/` (`tests/examples.rs` includes them):
//! each request example built with the generated builder, each response example parsed, each error
//! row read back. A new spec file is tested without new test code.

use std::path::PathBuf;
use std::str::FromStr;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest.join("..");
    println!("cargo::rerun-if-changed=../spec");
    println!("cargo::rerun-if-changed=build.rs");
    let krate = proc_macro2::TokenStream::from_str("::group_api").expect("a path");
    let tests = match group_api_codegen::example_tests_from_dir(&root, "spec", krate) {
        Ok(tests) => tests,
        // The macro reports the same problems where group-api is built; say them here too.
        Err(problems) => {
            let list: Vec<String> = problems.list().iter().map(ToString::to_string).collect();
            panic!("spec/ does not check clean:\n{}", list.join("\n"))
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("page_examples.rs"), tests.to_string()).expect("writing the tests");
}
