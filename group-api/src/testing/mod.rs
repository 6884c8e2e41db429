//! A stand-in for the platforms, for your own tests (feature `testing`).
//!
//! [`StandIn::start`] serves, on 127.0.0.1, every HTTP endpoint of every platform your program
//! knows: DingTalk's, Feishu's and WeCom's, and those of your own spec folders
//! (`group_api::endpoints!`). It answers as the platform does, from what the spec files say:
//!
//! - a token endpoint hands out a new token for any credentials, in its page's answer;
//! - every other endpoint wants a token where its API puts it (a header, `Authorization: Bearer`,
//!   a query parameter), and without one answers the API's documented token error;
//! - otherwise it answers its page's response example, in the platform's envelope.
//!
//! A test changes that with [`StandIn::script`] (a documented error by its typed variant, a body
//! of its own, a delay, for the next `n` calls), [`StandIn::refuse_tokens`] and
//! [`StandIn::expire_tokens`], and reads back every request with [`StandIn::requests`].
//!
//! ```
//! use group_api::dingtalk::{Client, UpdateGroupError, UpdateGroupRequest};
//! use group_api::testing::{Script, StandIn};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let stand_in = StandIn::start().await;
//! let client = Client::from_app_credentials("app-key", "app-secret").with_base_url(stand_in.url());
//! let request = UpdateGroupRequest::builder().chatid("chatxxxx").name("全员群").build()?;
//!
//! assert_eq!(client.update_group(&request).await?.success, Some(true));
//!
//! stand_in.script::<UpdateGroupRequest>(Script::error(UpdateGroupError::ParameterInvalid));
//! let error = client.update_group(&request).await.unwrap_err();
//! assert_eq!(error.api_error(), Some(&UpdateGroupError::ParameterInvalid));
//!
//! let sent = stand_in.requests_to::<UpdateGroupRequest>();
//! assert_eq!(sent[0].json()["name"], "全员群");
//! # Ok(())
//! # }
//! ```

mod answer;
mod registry;
mod script;
mod server;

use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;

use crate::endpoint::{Auth, EndpointInfo, HttpEndpoint};

pub use registry::StandInEndpoint;
pub use script::Script;

use script::Scripted;

/// A local stand-in for DingTalk, Feishu, WeCom and your own platforms, on 127.0.0.1: give
/// [`url`](Self::url) to a client's `with_base_url`. See the [module docs](self).
///
/// It stops when dropped.
pub struct StandIn {
    url: String,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

/// What the server task and the test share.
struct Shared {
    endpoints: Vec<&'static StandInEndpoint>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    scripts: Vec<Pending>,
    received: Vec<Received>,
    /// Tokens that are refused from now on (handed out or seen before `expire_tokens`).
    expired: HashSet<String>,
    /// Tokens handed out or seen so far.
    known: HashSet<String>,
    /// How many more calls carrying a token have it refused.
    refuse: u32,
    issued: u64,
    answered: u64,
}

/// A script waiting for its endpoint's calls.
struct Pending {
    endpoint: &'static EndpointInfo,
    left: u32,
    answer: Scripted,
    delay: Duration,
    headers: Vec<(String, String)>,
}

impl StandIn {
    /// Starts a stand-in on a free port of 127.0.0.1, serving every endpoint the program knows.
    ///
    /// # Panics
    ///
    /// When no port of 127.0.0.1 can be bound, or outside a tokio runtime.
    pub async fn start() -> StandIn {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("the stand-in could not listen on 127.0.0.1");
        let address = listener
            .local_addr()
            .expect("the stand-in's listener has an address");
        let shared = Arc::new(Shared {
            endpoints: StandInEndpoint::all(),
            state: Mutex::default(),
        });
        let server = tokio::spawn(server::serve(listener, shared.clone()));
        StandIn {
            url: format!("http://{address}"),
            shared,
            server,
        }
    }

    /// The stand-in's address (`http://127.0.0.1:<port>`), for a client's `with_base_url`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The endpoints it serves.
    pub fn endpoints(&self) -> impl Iterator<Item = &'static StandInEndpoint> + '_ {
        self.shared.endpoints.iter().copied()
    }

    /// Answers the next call of `R` (or the next [`times`](Script::times) calls) as `script`
    /// says, instead of with the page's example. Scripts of one endpoint are used in the order
    /// given. The token is checked first: a call without a good token gets the token error.
    pub fn script<R: HttpEndpoint>(&self, script: Script<R::Error>) {
        if script.times == 0 {
            return;
        }
        self.state().scripts.push(Pending {
            endpoint: R::INFO,
            left: script.times,
            answer: script.answer,
            delay: script.delay,
            headers: script.headers,
        });
    }

    /// The next `n` calls that carry a token have it refused, whatever the token, with the
    /// API's documented token error (a client built from app credentials then fetches a new
    /// token and sends the call once more).
    pub fn refuse_tokens(&self, n: u32) {
        self.state().refuse += n;
    }

    /// Every token handed out or used so far is refused from now on, as after the platform
    /// expired it; the token endpoints hand out new ones.
    pub fn expire_tokens(&self) {
        let mut state = self.state();
        let known: Vec<String> = state.known.iter().cloned().collect();
        state.expired.extend(known);
    }

    /// How many tokens the token endpoints have handed out.
    pub fn tokens_issued(&self) -> u64 {
        self.state().issued
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Received> {
        self.state().received.clone()
    }

    /// The requests received for `R`, in order.
    pub fn requests_to<R: HttpEndpoint>(&self) -> Vec<Received> {
        self.state()
            .received
            .iter()
            .filter(|r| r.endpoint.is_some_and(|e| registry::same(e, R::INFO)))
            .cloned()
            .collect()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.state()
    }

    /// The success body of `endpoint` as the stand-in answers it (token fields as the page has
    /// them).
    pub(crate) fn success_body(&self, endpoint: &StandInEndpoint) -> Value {
        success_body(endpoint)
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl fmt::Debug for StandIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandIn")
            .field("url", &self.url)
            .field("endpoints", &self.shared.endpoints.len())
            .finish_non_exhaustive()
    }
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves nothing half-done that matters.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The page's example, or the envelope's bare success where the page gives none.
fn success_body(endpoint: &StandInEndpoint) -> Value {
    endpoint
        .example
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_else(|| answer::bare_success(endpoint.info.api))
}

/// One request the stand-in received.
#[derive(Clone)]
#[non_exhaustive]
pub struct Received {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// The body as sent.
    pub body: Vec<u8>,
    /// The endpoint the request was routed to; `None` for a path no endpoint has.
    pub endpoint: Option<&'static EndpointInfo>,
}

impl Received {
    /// The body as JSON (`Value::Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first value of query parameter `name`.
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The access token, where the endpoint's API puts it.
    pub fn token(&self) -> Option<&str> {
        match self.endpoint?.auth {
            Auth::Header(name) => self.header(name),
            Auth::Bearer => self.header("authorization")?.strip_prefix("Bearer "),
            Auth::Query(name) => self.query_value(name),
            _ => None,
        }
    }
}

/// Shows the request's names only: no query or header value and no body, since any of them may
/// carry the token or an app secret (a token endpoint's `corpsecret` is a query value). Read the
/// values with [`Received::query_value`], [`Received::header`] and [`Received::json`].
impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query: Vec<&str> = self.query.iter().map(|(n, _)| n.as_str()).collect();
        let headers: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Received")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &query)
            .field("headers", &headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field(
                "endpoint",
                &self.endpoint.map(|e| format!("{}.{}", e.platform, e.name)),
            )
            .finish()
    }
}
