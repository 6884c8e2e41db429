group_api::endpoints!("specs/http_endpoint_on_js_sdk_api");

fn main() {}
