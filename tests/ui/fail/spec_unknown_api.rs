group_api::endpoints!("specs/unknown_api");

fn main() {}
