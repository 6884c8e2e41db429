//! A user's own endpoint, generated from `spec/dingtalk.set_group_topic.json` in this crate. The
//! folder has no `dingtalk.json`: the endpoint reuses group-api's built-in DingTalk platform
//! (hosts, auth, envelope, platform-wide errors), so `ga::dingtalk::Client` can send it.
//! `spec/feishu.list_group_members.json` names Feishu's shared type `UserIdType`: the generated
//! endpoint takes group-api's `ga::feishu::UserIdType`.

ga::endpoints!(dir = "spec", crate = ::ga);

// A platform group-api does not know, from `acme-spec/` alone: `acme.json` (hosts, auth, envelope,
// platform-wide errors, and which endpoint issues tokens) and its endpoint files. The macro
// generates `acme::Client` with every constructor and setting of the built-in clients, and a
// method per endpoint; no Rust is written here.
ga::endpoints!(dir = "acme-spec", crate = ::ga);
