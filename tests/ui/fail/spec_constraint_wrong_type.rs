group_api::endpoints!("specs/constraint_wrong_type");

fn main() {}
