group_api::endpoints!("specs/example_and_examples");

fn main() {}
