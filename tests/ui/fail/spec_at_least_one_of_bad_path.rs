group_api::endpoints!("specs/at_least_one_of_bad_path");

fn main() {}
