group_api::endpoints!("specs/keyword_field_name");

fn main() {}
