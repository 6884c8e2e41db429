group_api::endpoints!("specs/redefines_built_in_platform");

fn main() {}
