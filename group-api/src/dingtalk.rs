//! dingtalk endpoints, generated from `spec/dingtalk*.json`.

::group_api_macros::endpoints!(dir = "spec", platform = "dingtalk");
