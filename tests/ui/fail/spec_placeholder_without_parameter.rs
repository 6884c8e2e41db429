group_api::endpoints!("specs/placeholder_without_parameter");

fn main() {}
