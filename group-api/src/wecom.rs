//! wecom endpoints, generated from `spec/wecom*.json`.

::group_api_macros::endpoints!(dir = "spec", platform = "wecom");
