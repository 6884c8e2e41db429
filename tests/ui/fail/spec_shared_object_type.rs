group_api::endpoints!("specs/shared_object_type");

fn main() {}
