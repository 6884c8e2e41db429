//! A user's own endpoint, generated from `spec/dingtalk.set_group_topic.json` in this crate. The
//! folder has no `dingtalk.json`: the endpoint reuses group-api's built-in DingTalk platform
//! (hosts, auth, envelope, platform-wide errors), so `ga::dingtalk::Client` can send it.

ga::endpoints!(dir = "spec", crate = ::ga);
