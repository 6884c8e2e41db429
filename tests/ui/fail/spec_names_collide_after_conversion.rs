group_api::endpoints!("specs/names_collide_after_conversion");

fn main() {}
