//! `HttpCore`: sends any HTTP endpoint of a platform, whatever the platform, from what the
//! endpoint's [`ApiInfo`] says, and retries what can be retried.

use std::fmt;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use super::envelope::{self, Answer};
use super::redact::{self, AccessToken};
use super::retry::RetryPolicy;
use super::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, USER_AGENT};
use crate::endpoint::{ApiInfo, Auth, Endpoint, Method, Transport};
use crate::failure::{Error, TransportError, TransportErrorKind};

/// What a platform client holds: the token, where to send, how, and how often to try.
#[derive(Clone)]
pub(crate) struct HttpCore {
    token: AccessToken,
    /// The platform's APIs, for their default hosts (shown in `Debug`).
    apis: &'static [&'static ApiInfo],
    /// Replaces every host of the platform (tests, proxies, private deployments).
    base_url: Option<String>,
    http: reqwest::Client,
    retry: RetryPolicy,
    /// A total timeout per attempt that overrides the `reqwest::Client`'s.
    timeout: Option<Duration>,
}

/// One request, ready to be sent as often as the retry policy allows.
struct Prepared {
    method: reqwest::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    /// `POST https://host/path`, without the query: what error messages call the request.
    what: String,
}

impl HttpCore {
    /// A core for a platform whose APIs are `apis`, with the default `reqwest::Client`.
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub(crate) fn new(token: impl Into<String>, apis: &'static [&'static ApiInfo]) -> Self {
        Self {
            token: AccessToken::new(token),
            apis,
            base_url: None,
            http: default_http_client(),
            retry: RetryPolicy::default(),
            timeout: None,
        }
    }

    pub(crate) fn set_base_url(&mut self, base_url: impl Into<String>) {
        self.base_url = Some(base_url.into());
    }

    pub(crate) fn set_http_client(&mut self, http: reqwest::Client) {
        self.http = http;
    }

    pub(crate) fn set_retry_policy(&mut self, retry: RetryPolicy) {
        self.retry = retry;
    }

    pub(crate) fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Sends `request`, retrying by the policy, and reads the answer by its API's envelope.
    pub(crate) async fn send<R: Endpoint>(
        &self,
        request: &R,
    ) -> Result<R::Response, Error<R::Error>> {
        let prepared = self.prepare(request)?;
        let mut attempt = 1;
        loop {
            let error = match self.attempt::<R>(&prepared).await {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            match self.retry.next_wait(attempt, &error) {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                None => return Err(error),
            }
        }
    }

    /// One attempt: send, read the whole body, read the answer.
    async fn attempt<R: Endpoint>(
        &self,
        prepared: &Prepared,
    ) -> Result<R::Response, Error<R::Error>> {
        let mut builder = self
            .http
            .request(prepared.method.clone(), prepared.url.clone())
            .headers(prepared.headers.clone());
        if let Some(body) = &prepared.body {
            builder = builder.body(body.clone());
        }
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        let transport =
            |error| Error::Transport(redact::transport_error(error, &prepared.what, &self.token));
        let response = builder.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?.to_vec();
        let answer = Answer {
            status,
            headers,
            body,
        };
        envelope::read::<R>(&answer, &self.token)
    }

    /// The method, URL, headers and body of `request`, with the token where its API wants it.
    fn prepare<R: Endpoint>(&self, request: &R) -> Result<Prepared, Error<R::Error>> {
        let info = R::INFO;
        let api = info.api;
        let refuse = |message: String| {
            Error::Transport(TransportError::new(
                TransportErrorKind::Other,
                self.token.scrub(&message),
                None,
            ))
        };
        let Transport::Http {
            method, has_body, ..
        } = info.transport
        else {
            return Err(refuse(format!(
                "`{}` is not an HTTP endpoint; it cannot be sent over HTTP",
                info.name
            )));
        };
        let Some(base) = self.base_url.as_deref().or(api.base_url) else {
            return Err(refuse(format!(
                "the {} `{}` API has no host; give the client one with `with_base_url`",
                api.platform, api.name
            )));
        };
        let path = request.path();
        let what = format!("{method} {}{path}", base.trim_end_matches('/'));
        let mut url = reqwest::Url::parse(&format!("{}{path}", base.trim_end_matches('/')))
            .map_err(|error| refuse(format!("`{what}` is not a valid URL: {error}")))?;
        let mut query = request.query();
        if let Auth::Query(name) = R::INFO.auth {
            query.push((name, self.token.expose().to_owned()));
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }

        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in request.headers() {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| refuse(format!("header name `{name}`: {e}")))?;
            let value = HeaderValue::from_str(&value)
                .map_err(|e| refuse(format!("header `{name}` value {value:?}: {e}")))?;
            headers.insert(name, value);
        }
        match R::INFO.auth {
            Auth::Header(name) => {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|e| refuse(format!("auth header name `{name}`: {e}")))?;
                headers.insert(name, self.token_header("")?);
            }
            Auth::Bearer => {
                headers.insert(AUTHORIZATION, self.token_header("Bearer ")?);
            }
            Auth::Query(_) | Auth::JsSession | Auth::None => {}
        }

        let body = if has_body {
            let body = serde_json::to_vec(request)
                .map_err(|e| refuse(format!("could not write the JSON body: {e}")))?;
            if !headers.contains_key(CONTENT_TYPE) {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            Some(body)
        } else {
            None
        };
        Ok(Prepared {
            method: wire_method(method),
            url,
            headers,
            body,
            what,
        })
    }

    /// The token as a header value, marked sensitive so that reqwest and hyper never print it.
    fn token_header<E>(&self, prefix: &str) -> Result<HeaderValue, Error<E>> {
        let mut value = HeaderValue::from_str(&format!("{prefix}{}", self.token.expose()))
            .map_err(|_| {
                Error::Transport(TransportError::new(
                    TransportErrorKind::Other,
                    "the access token contains characters an HTTP header cannot carry \
                     (a line break or a control character); check how it was read",
                    None,
                ))
            })?;
        value.set_sensitive(true);
        Ok(value)
    }

    /// `Debug` for a platform client named `name`: where it sends, never the token.
    pub(crate) fn fmt_debug(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hosts: Vec<&str> = match &self.base_url {
            Some(url) => vec![url.as_str()],
            None => self.apis.iter().filter_map(|api| api.base_url).collect(),
        };
        f.debug_struct(name)
            .field("base_url", &hosts.join(", "))
            .field("access_token", &self.token)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The client every platform client starts with: rustls, the default timeouts, group-api's
/// `User-Agent`, and no redirects (an API that redirects is misconfigured, and following one
/// would hand a header token to another host).
fn default_http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .timeout(DEFAULT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("the TLS backend (rustls) could not be initialised")
}

fn wire_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}
