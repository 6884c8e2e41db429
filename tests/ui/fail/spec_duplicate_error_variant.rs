group_api::endpoints!("specs/duplicate_error_variant");

fn main() {}
