//! Benchmarks of group-api; see `BENCHMARKS.md` at the repository root for the results and the
//! commands that reproduce them.
//!
//! - [`synth`]: synthetic spec folders of `N` endpoints shaped like the real ones;
//! - [`generator`]: the macro's generator, compiled in as a module so it can be called directly
//!   (a proc-macro crate exports nothing else);
//! - [`expand`]: the generator's output for a folder, pretty-printed as ordinary source;
//! - [`plain`]: the floor of the build comparison, plain serde structs for the same bodies;
//! - [`hand`]: hand-written request and response types for the four documented endpoints;
//! - [`paired`]: side-by-side timing in alternating batches, for ratios on a shared machine;
//! - [`calls`]: the two clients of the end-to-end comparison;
//! - [`server`]: a minimal HTTP/1.1 responder on 127.0.0.1 for the end-to-end bench;
//! - [`stores`]: the clients of the store comparison (memory, Redis, limits off).

#[allow(dead_code, clippy::all)]
#[path = "../../group-api-macros/src/generator/mod.rs"]
pub mod generator;

pub mod calls;
pub mod expand;
pub mod hand;
pub mod paired;
pub mod plain;
pub mod server;
pub mod stores;
pub mod synth;
