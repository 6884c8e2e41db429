//! The registry of endpoints the stand-in serves: every generated HTTP endpoint adds one
//! [`StandInEndpoint`] (through `inventory`, with the `testing` feature only), so that a stand-in
//! started in any program serves the endpoints that program was built with, the user's own spec
//! folders included.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use serde_json::Value;

use super::StandIn;
use super::script::Script;
use crate::api_error::{ApiError, ErrorRow};
use crate::endpoint::{ApiInfo, Endpoint, EndpointInfo, HttpEndpoint, Transport};
use crate::error::Error;
use crate::fields::encode_path_segment;
use crate::http::{HttpCore, RateLimits, RetryPolicy};

/// One endpoint a [`StandIn`] serves: generated code registers one per HTTP endpoint, with what
/// the stand-in answers from (the `Endpoint` impl, the page's example).
pub struct StandInEndpoint {
    pub(crate) info: &'static EndpointInfo,
    /// The page's response example, as JSON text.
    pub(crate) example: Option<&'static str>,
    /// The request of the same example (`{"path": .., "query": .., "body": ..}`), as JSON text.
    pub(crate) request_example: Option<&'static str>,
    pub(crate) response_secrets: &'static [&'static str],
    /// The endpoint's documented rows, its API's platform-wide ones included.
    pub(crate) rows: fn() -> Vec<&'static ErrorRow>,
    check: for<'a> fn(&'a StandIn, &'static StandInEndpoint) -> Check<'a>,
}

type Check<'a> = Pin<Box<dyn Future<Output = Result<usize, String>> + Send + 'a>>;

inventory::collect!(StandInEndpoint);

impl StandInEndpoint {
    /// The registration of `R`, with the page's response example and the request it answers.
    #[doc(hidden)]
    pub const fn of<R: HttpEndpoint>(
        example: Option<&'static str>,
        request_example: Option<&'static str>,
    ) -> Self {
        Self {
            info: R::INFO,
            example,
            request_example,
            response_secrets: R::RESPONSE_SECRETS,
            rows: documented_rows::<R>,
            check: check::<R>,
        }
    }

    /// The endpoint's static facts.
    pub fn info(&self) -> &'static EndpointInfo {
        self.info
    }

    /// Every registered endpoint: those of the program's platforms and spec folders.
    pub(crate) fn all() -> Vec<&'static StandInEndpoint> {
        let mut all: Vec<_> = inventory::iter::<StandInEndpoint>.into_iter().collect();
        // One registration per endpoint, in a fixed order (the registry's is the linker's).
        all.sort_by_key(|e| (e.info.platform, e.info.api.name, e.info.name));
        all.dedup_by_key(|e| (e.info.platform, e.info.api.name, e.info.name));
        all
    }

    /// The endpoint's method and path template.
    pub(crate) fn route(&self) -> Option<(&'static str, &'static str)> {
        match self.info.transport {
            Transport::Http { method, path, .. } => Some((method.as_str(), path)),
            Transport::JsSdk { .. } => None,
        }
    }

    /// Whether the endpoint is a platform's token endpoint: it takes no token and hands one out.
    pub(crate) fn issues_tokens(&self) -> bool {
        matches!(self.info.auth, crate::endpoint::Auth::None) && !self.response_secrets.is_empty()
    }

    /// Calls the endpoint through a client core (a fixed token, one attempt) against `stand_in`
    /// with the page's example request, checks that the typed answer is the page's example, then
    /// scripts each documented error ([`ApiError::documented`]) and checks that it comes back as
    /// its variant. The number of errors checked, or what differed: a test that the endpoints of
    /// a spec folder decode their own examples and errors.
    pub async fn check_against(&'static self, stand_in: &StandIn) -> Result<usize, String> {
        (self.check)(stand_in, self).await
    }
}

impl fmt::Debug for StandInEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.info.platform, self.info.name)
    }
}

/// Two endpoint infos name the same endpoint (a const may be copied, so not by address).
pub(crate) fn same(a: &EndpointInfo, b: &EndpointInfo) -> bool {
    a.platform == b.platform && a.api.name == b.api.name && a.name == b.name
}

fn documented_rows<R: Endpoint>() -> Vec<&'static ErrorRow> {
    R::Error::documented()
        .iter()
        .filter_map(ApiError::row)
        .collect()
}

fn check<'a, R: HttpEndpoint>(stand_in: &'a StandIn, me: &'static StandInEndpoint) -> Check<'a> {
    Box::pin(async move {
        let request = ExampleRequest::<R>::new(me.request_example);
        let core = core_for::<R>(stand_in);
        let got = core
            .send(&request)
            .await
            .map_err(|error| format!("{me:?}: the example call failed: {error}"))?;
        let expected = stand_in.success_body(me);
        let expected: R::Response = serde_json::from_value(expected)
            .map_err(|error| format!("{me:?}: the example does not decode: {error}"))?;
        if format!("{got:?}") != format!("{expected:?}") {
            return Err(format!(
                "{me:?}: the typed answer differs from the page's example:\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
        let documented = R::Error::documented();
        for error in &documented {
            stand_in.script::<R>(Script::error(error.clone()));
            match core.send(&request).await {
                Err(Error::Api(failure))
                    if format!("{:?}", failure.error) == format!("{error:?}") => {}
                Err(other) => return Err(format!("{me:?}: {error:?} came back as {other:?}")),
                Ok(_) => return Err(format!("{me:?}: {error:?} came back as a success")),
            }
        }
        Ok(documented.len())
    })
}

/// A client core for `R`'s API against `stand_in`: a fixed token, one attempt, no rate budgets.
fn core_for<R: Endpoint>(stand_in: &StandIn) -> HttpCore {
    let apis: &'static [&'static ApiInfo] = std::slice::from_ref(&R::INFO.api);
    let mut core = HttpCore::with_fixed_token("stand-in-check-token", apis);
    core.set_base_url(stand_in.url());
    core.set_retry_policy(RetryPolicy::none());
    core.set_rate_limits(RateLimits::off());
    core
}

/// `R` with the values of the page's example request, sent through the same client code as `R`.
struct ExampleRequest<R> {
    path: String,
    query: Vec<(&'static str, String)>,
    body: Value,
    endpoint: PhantomData<fn() -> R>,
}

impl<R: Endpoint> ExampleRequest<R> {
    fn new(example: Option<&str>) -> Self {
        let example: Value = example
            .and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or(Value::Null);
        let text = |value: &Value| match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let template = match R::INFO.transport {
            Transport::Http { path, .. } => path,
            Transport::JsSdk { .. } => "",
        };
        let path = template
            .split('/')
            .map(|segment| match segment.strip_prefix(':') {
                Some(name) => encode_path_segment(
                    &example["path"]
                        .get(name)
                        .map_or_else(|| "example".to_owned(), text),
                ),
                None => segment.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("/");
        // The names live as long as the program: a handful per endpoint, in tests only.
        let query = example["query"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, value)| (&*Box::leak(name.clone().into_boxed_str()), text(value)))
            .collect();
        let body = match &example["body"] {
            Value::Null => Value::Object(Default::default()),
            body => body.clone(),
        };
        Self {
            path,
            query,
            body,
            endpoint: PhantomData,
        }
    }
}

impl<R> Clone for ExampleRequest<R> {
    fn clone(&self) -> Self {
        Self {
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            endpoint: PhantomData,
        }
    }
}

impl<R: Endpoint> fmt::Debug for ExampleRequest<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExampleRequest({}.{})", R::INFO.platform, R::INFO.name)
    }
}

impl<R> serde::Serialize for ExampleRequest<R> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(serializer)
    }
}

impl<R: Endpoint> Endpoint for ExampleRequest<R> {
    type Response = R::Response;
    type Error = R::Error;
    type Platform = R::Platform;
    const INFO: &'static EndpointInfo = R::INFO;
    const RESPONSE_SECRETS: &'static [&'static str] = R::RESPONSE_SECRETS;

    fn path(&self) -> String {
        self.path.clone()
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        self.query.clone()
    }
}

impl<R: HttpEndpoint> HttpEndpoint for ExampleRequest<R> {}
