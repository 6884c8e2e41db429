group_api::endpoints!("specs/js_sdk_also_another_api");

fn main() {}
