group_api::endpoints!("specs/pattern_invalid");

fn main() {}
