group_api::endpoints!("specs/js_sdk_call_name");

fn main() {}
