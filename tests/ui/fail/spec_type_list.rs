group_api::endpoints!("specs/type_list");

fn main() {}
