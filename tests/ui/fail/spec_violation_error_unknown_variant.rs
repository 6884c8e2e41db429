group_api::endpoints!("specs/violation_error_unknown_variant");

fn main() {}
