group_api::endpoints!("specs/bad_json");

fn main() {}
