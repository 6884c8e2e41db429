group_api::endpoints!("specs/separator_of_objects");

fn main() {}
