group_api::endpoints!("specs/parameter_not_in_path");

fn main() {}
