//! Tokens from app credentials, against a stand-in that issues tokens and checks them: one fetch
//! serves many calls, a stale token is refreshed once however many calls wait, a refused token is
//! replaced and the call sent once more, a failing token endpoint gives a clear error, two apps
//! never share a token, and neither secret nor token shows in anything printed.

mod cache;
mod failures;
mod replay;
mod secrets;
mod specs;
pub mod stand_in;
