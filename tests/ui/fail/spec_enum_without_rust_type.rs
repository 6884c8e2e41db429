group_api::endpoints!("specs/enum_without_rust_type");

fn main() {}
