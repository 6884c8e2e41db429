group_api::endpoints!("specs/min_above_max");

fn main() {}
