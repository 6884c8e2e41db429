//! The HTTP clients against a real HTTP server on 127.0.0.1 (wiremock): what arrives on the wire,
//! how every documented answer is read, how hostile answers fail, when calls are retried, that
//! the access token never shows, and how tokens are fetched from app credentials, cached,
//! refreshed and replaced.
//!
//! One test target for all of them, so the HTTP stack is linked once.

mod dingtalk;
mod feishu;
mod hardening;
mod hostile;
mod paginate;
mod quickstart;
mod retry;
mod secrets;
mod support;
mod tokens;
mod wecom_server;
