//! Feishu alone: `group_api::feishu` is there, `group_api::dingtalk` is not, and the WeCom endpoint
//! of `../paginate-spec` (beside a Feishu one) compiles only with this crate's `wecom` feature (group-api's). Built
//! alone (`cargo check -p group-api-feature-gate`), without it, the build fails with one error that
//! names the feature; `.ci/run` checks both.

pub use group_api::feishu::{Client, UpdateUserGroupRequest};

group_api::endpoints!("../paginate-spec");
