//! Cargo rebuilds group-api when a spec file is edited, added or removed. Edits alone are tracked by
//! the macro (it `include_bytes!`s each file it reads); a new or deleted file is only seen by
//! watching the folder.

fn main() {
    println!("cargo::rerun-if-changed=spec");
}
