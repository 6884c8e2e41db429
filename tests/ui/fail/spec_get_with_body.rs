group_api::endpoints!("specs/get_with_body");

fn main() {}
