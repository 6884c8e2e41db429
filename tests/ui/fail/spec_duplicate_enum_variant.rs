group_api::endpoints!("specs/duplicate_enum_variant");

fn main() {}
