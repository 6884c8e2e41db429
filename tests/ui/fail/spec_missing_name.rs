group_api::endpoints!("specs/missing_name");

fn main() {}
