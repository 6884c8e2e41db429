//! What compiles and what does not, with the exact messages a user sees, through the real compiler.
//!
//! `ui/pass`: each endpoint built as on its page, a user's own spec folder, and one with every
//! endpoint-level key of round two (`spec_round_two`).
//! `ui/fail`: a missing required field for each endpoint, a field set twice, a wrong value type, an
//! unknown setter, and malformed spec folders (`ui/fail/specs/*`), each with its `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
