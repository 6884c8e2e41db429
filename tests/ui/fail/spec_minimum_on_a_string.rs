group_api::endpoints!("specs/minimum_on_a_string");

fn main() {}
