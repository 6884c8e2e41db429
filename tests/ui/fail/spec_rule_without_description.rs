group_api::endpoints!("specs/rule_without_description");

fn main() {}
