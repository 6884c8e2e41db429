group_api::endpoints!("specs/rule_names_unknown_field");

fn main() {}
