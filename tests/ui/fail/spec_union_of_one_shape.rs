group_api::endpoints!("specs/union_of_one_shape");

fn main() {}
