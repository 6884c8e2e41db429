group_api::endpoints!("specs/form_body_with_a_list");

fn main() {}
