group_api::endpoints!("specs/rule_value_of_wrong_type");

fn main() {}
