group_api::endpoints!("specs/json_too_deep");

fn main() {}
