group_api::endpoints!("specs/unknown_shared_type");

fn main() {}
