group_api::endpoints!("specs/entry_rule_of_wrong_type");

fn main() {}
