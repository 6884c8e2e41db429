group_api::endpoints!("specs/max_items_on_a_string");

fn main() {}
