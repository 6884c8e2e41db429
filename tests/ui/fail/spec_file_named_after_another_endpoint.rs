group_api::endpoints!("specs/file_named_after_another_endpoint");

fn main() {}
