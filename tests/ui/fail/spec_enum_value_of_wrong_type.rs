group_api::endpoints!("specs/enum_value_of_wrong_type");

fn main() {}
