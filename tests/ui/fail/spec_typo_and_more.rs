group_api::endpoints!("specs/typo_and_more");

fn main() {}
