group_api::endpoints!("specs/int32_bound_out_of_range");

fn main() {}
