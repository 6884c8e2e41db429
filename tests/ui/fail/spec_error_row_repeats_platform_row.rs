group_api::endpoints!("specs/error_row_repeats_platform_row");

fn main() {}
