group_api::endpoints!("specs/nesting_too_deep");

fn main() {}
