group_api::endpoints!("specs/missing_platform_file");

fn main() {}
