//! feishu endpoints, generated from `spec/feishu*.json`.

::group_api_macros::endpoints!(dir = "spec", platform = "feishu");
