group_api::endpoints!("specs/example_does_not_match");

fn main() {}
