group_api::endpoints!("specs/duplicate_field");

fn main() {}
