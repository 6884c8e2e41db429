//! Benchmarks of group-api; see `BENCHMARKS.md` at the repository root for the results and the
//! commands that reproduce them.
//!
//! - [`synth`]: synthetic spec folders of `N` endpoints shaped like the real ones;
//! - [`expand`]: the generator's output for a folder, pretty-printed as ordinary source;
//! - [`plain`]: the floor of the build comparison, plain serde structs for the same bodies;
//! - [`hand`]: hand-written request and response types for the four documented endpoints;
//! - [`paired`]: side-by-side timing in alternating batches, for ratios on a shared machine;
//! - [`calls`]: the two clients of the end-to-end comparison;
//! - [`server`]: a minimal HTTP/1.1 responder on 127.0.0.1 for the end-to-end bench;
//! - [`cargo_runs`]: running cargo from the build tools, in wall clock and CPU time;
//! - [`stores`]: the clients of the store comparison (memory, Redis, limits off).

pub mod calls;
pub mod cargo_runs;
pub mod expand;
pub mod hand;
pub mod paired;
pub mod plain;
pub mod server;
pub mod stores;
pub mod synth;
