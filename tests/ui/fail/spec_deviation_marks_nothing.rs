group_api::endpoints!("specs/deviation_marks_nothing");

fn main() {}
