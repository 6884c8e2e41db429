group_api::endpoints!("specs/unknown_type");

fn main() {}
