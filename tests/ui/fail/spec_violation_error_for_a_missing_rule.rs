group_api::endpoints!("specs/violation_error_for_a_missing_rule");

fn main() {}
