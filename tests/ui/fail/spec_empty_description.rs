group_api::endpoints!("specs/empty_description");

fn main() {}
