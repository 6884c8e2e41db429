group_api::endpoints!("specs/rule_value_not_in_enum");

fn main() {}
