group_api::endpoints!("specs/rule_unknown_error");

fn main() {}
