group_api::endpoints!("specs/at_least_one_of_names_required_field");

fn main() {}
