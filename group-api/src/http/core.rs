//! `HttpCore`: sends any HTTP endpoint of a platform, whatever the platform, from what the
//! endpoint's [`ApiInfo`] says, with a token from the client's [`TokenSource`]; retries what can be
//! retried, and sends a call once more with a new token when the server refused the token.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use tracing::Instrument;
use tracing::field::Empty;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};

use super::app_credentials::{AppCredentials, AppTokenSource, Issue, TokenRefresh};
use super::envelope::{self, Answer};
use super::rate::{Binding, DEFAULT_PAUSE, MAX_PAUSE, Plan, RateLimited, RateLimits};
use super::redact::{self, AccessToken, Scrubber, Secret};
use super::retry::{RetryPolicy, may_resend};
use super::store::{Store, digest, unique_id};
use super::token::{FixedToken, TokenSource};
use super::{
    DEFAULT_BODY_LIMIT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, USER_AGENT,
};
use crate::api_error::{ApiError, ErrorCategory};
use crate::endpoint::{ApiInfo, Auth, Body, Endpoint, Method, Transport};
use crate::error::{
    BodyTooLarge, DecodeError, Error, RequestError, RequestErrorKind, TransportError,
    TransportErrorKind,
};

/// What a platform client holds: where its tokens come from, where to send, how, and how often
/// to try.
///
/// Every platform's generated `Client` wraps one; generated code reaches it through
/// `group_api::__private_0_1`. Not a public API.
#[doc(hidden)]
#[derive(Clone)]
pub struct HttpCore {
    tokens: Tokens,
    /// Secrets besides the call's token that no error may show: the app secret of a client built
    /// from app credentials.
    secrets: Vec<Secret>,
    /// The platform's APIs, for their default hosts (shown in `Debug`).
    apis: &'static [&'static ApiInfo],
    /// Replaces every host of the platform (tests, proxies, private deployments).
    base_url: Option<String>,
    http: reqwest::Client,
    retry: RetryPolicy,
    /// A total timeout per attempt that overrides the `reqwest::Client`'s.
    timeout: Option<Duration>,
    /// The most time one call may take in all: the token fetch, every attempt and every wait.
    total_timeout: Duration,
    /// The most bytes of one answer the client reads.
    body_limit: usize,
    /// Whether plain `http://` to a host other than this machine is allowed.
    insecure_http: bool,
    /// Where tokens (from app credentials) and rate budgets are kept.
    store: Store,
    rate_limits: RateLimits,
    /// Who the client's calls count against in rate budgets: the app id, or a hash of a fixed
    /// token, or an id of its own for a token source the user wrote.
    app_id: Arc<str>,
}

/// Where a core's tokens come from.
#[derive(Clone)]
enum Tokens {
    /// A fixed token, or a source the user wrote.
    Source(Arc<dyn TokenSource>),
    /// The client's own app-credentials source. It fetches through the client's settings, so it
    /// is rebuilt (with an empty cache) when one of them changes.
    App(Arc<AppTokenSource>),
    /// No token: the core an app-credentials source sends its token endpoint through.
    None,
}

/// One request, ready to be sent as often as the retry policy allows.
struct Prepared {
    method: reqwest::Method,
    url: reqwest::Url,
    /// Each name once; added to every attempt one by one, as reqwest's `header` does, rather
    /// than as a map that reqwest would copy entry by entry into its own.
    headers: Headers,
    /// Shared by every attempt: cloning it does not copy the bytes.
    body: Option<bytes::Bytes>,
}

impl Prepared {
    /// `POST https://host/path`, without the query (which may carry the token): what error
    /// messages call the request. Only written out when an error needs it.
    fn what(&self) -> String {
        let url = self.url.as_str();
        let without_query = url.split_once('?').map_or(url, |(before, _)| before);
        format!("{} {without_query}", self.method)
    }
}

impl HttpCore {
    /// A core for a platform whose APIs are `apis` that takes its tokens from `source`, with the
    /// default `reqwest::Client`.
    ///
    /// # Panics
    ///
    /// When the TLS backend cannot be initialised, as `reqwest::Client::new` does.
    pub fn new(source: Arc<dyn TokenSource>, apis: &'static [&'static ApiInfo]) -> Self {
        Self {
            tokens: Tokens::Source(source),
            app_id: Arc::from(format!("source-{}", unique_id())),
            ..Self::without_tokens(apis)
        }
    }

    fn without_tokens(apis: &'static [&'static ApiInfo]) -> Self {
        Self {
            tokens: Tokens::None,
            secrets: Vec::new(),
            apis,
            base_url: None,
            http: default_http_client(),
            retry: RetryPolicy::default(),
            timeout: None,
            total_timeout: DEFAULT_TOTAL_TIMEOUT,
            body_limit: DEFAULT_BODY_LIMIT,
            insecure_http: false,
            store: Store::in_memory(),
            rate_limits: RateLimits::default(),
            app_id: Arc::from(""),
        }
    }

    /// A core that sends `token` with every call.
    pub fn with_fixed_token(token: impl Into<String>, apis: &'static [&'static ApiInfo]) -> Self {
        let token = token.into();
        // Instances given the same token are the same app: they share its budgets.
        let app_id = format!(
            "token-{}",
            digest(&[b"group-api fixed token", token.as_bytes()])
        );
        Self {
            app_id: Arc::from(app_id),
            ..Self::new(Arc::new(FixedToken::new(token)), apis)
        }
    }

    /// A core whose tokens `issue` fetches for `app` on `platform`, cached per client.
    pub fn with_app_credentials(
        platform: &'static str,
        app: AppCredentials,
        issue: Issue,
        apis: &'static [&'static ApiInfo],
    ) -> Self {
        let mut core = Self::without_tokens(apis);
        core.secrets.push(app.secret_ref().clone());
        core.app_id = Arc::from(app.key());
        let source = AppTokenSource::new(
            platform,
            app,
            issue,
            TokenRefresh::default(),
            core.token_endpoint_core(),
        );
        core.tokens = Tokens::App(Arc::new(source));
        core
    }

    /// The core an app-credentials source sends its token requests through: this one's settings
    /// and secrets, no token.
    fn token_endpoint_core(&self) -> Self {
        Self {
            tokens: Tokens::None,
            ..self.clone()
        }
    }

    /// Gives the client's own app-credentials source the settings it now has (and an empty
    /// cache: a token from another host or app is no use here).
    fn reconfigure_app_source(&mut self, refresh: Option<TokenRefresh>) {
        if let Tokens::App(source) = &self.tokens {
            let refresh = refresh.unwrap_or_else(|| source.refresh());
            let source = source.reconfigured(refresh, self.token_endpoint_core());
            self.tokens = Tokens::App(Arc::new(source));
        }
    }

    /// The source the client takes its tokens from (`None` only for the core of a token
    /// endpoint, which no client holds).
    pub fn token_source(&self) -> Option<Arc<dyn TokenSource>> {
        match &self.tokens {
            Tokens::Source(source) => Some(source.clone()),
            Tokens::App(source) => Some(source.clone()),
            Tokens::None => None,
        }
    }

    /// When the client's app-credentials source refreshes its token; nothing for other sources.
    pub fn set_token_refresh(&mut self, refresh: TokenRefresh) {
        self.reconfigure_app_source(Some(refresh));
    }

    pub fn set_base_url(&mut self, base_url: impl Into<String>) {
        self.base_url = Some(base_url.into());
        self.reconfigure_app_source(None);
    }

    pub fn set_http_client(&mut self, http: reqwest::Client) {
        self.http = http;
        self.reconfigure_app_source(None);
    }

    pub fn set_retry_policy(&mut self, retry: RetryPolicy) {
        self.retry = retry;
        self.reconfigure_app_source(None);
    }

    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
        self.reconfigure_app_source(None);
    }

    pub fn set_total_timeout(&mut self, total: Duration) {
        self.total_timeout = total;
        self.reconfigure_app_source(None);
    }

    pub fn set_body_limit(&mut self, bytes: usize) {
        self.body_limit = bytes;
        self.reconfigure_app_source(None);
    }

    pub fn allow_insecure_http(&mut self) {
        self.insecure_http = true;
        self.reconfigure_app_source(None);
    }

    /// Keeps tokens and rate budgets in `store` from now on (an app-credentials source takes its
    /// token from there).
    pub fn set_store(&mut self, store: Store) {
        self.store = store;
        self.reconfigure_app_source(None);
    }

    pub fn set_rate_limits(&mut self, limits: RateLimits) {
        self.rate_limits = limits;
    }

    pub fn rate_limits(&self) -> &RateLimits {
        &self.rate_limits
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The host part of a token's key: the base URL the client sends to, or none for the
    /// platform's own hosts.
    pub(crate) fn host_key(&self) -> &str {
        self.base_url.as_deref().unwrap_or("")
    }

    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Sends `request` with a token from the client's source where its endpoint wants one,
    /// retrying by the policy, and reads the answer by its API's envelope.
    ///
    /// When the server refuses the token and the source is refreshable, the refused token is
    /// invalidated and the call is sent once more with a new one; a second refusal, a refusal of a
    /// fixed token, or a source that hands back the refused token again, is the caller's.
    ///
    /// The call is one `tracing` span, `group_api::call`, with the platform, endpoint, method and
    /// path (never the query, a token, a secret or a body), and, when it ends, the attempts made,
    /// the last HTTP status and the request id; retries, token fetches and rate-limit waits are
    /// events inside it. Without a subscriber that costs a load and a compare per call site.
    pub async fn send<R: Endpoint>(&self, request: &R) -> Result<R::Response, Error<R::Error>> {
        let span = call_span::<R>(request);
        let attempts = AtomicU32::new(0);
        let deadline = Instant::now().checked_add(self.total_timeout);
        let call = self.send_within(request, deadline, &attempts);
        let result = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline.into(), call)
                .instrument(span.clone())
                .await
                .unwrap_or_else(|_| Err(self.out_of_time::<R>())),
            None => call.instrument(span.clone()).await,
        };
        if !span.is_disabled() {
            span.record("attempts", attempts.load(Ordering::Relaxed));
            if let Err(error) = &result {
                if let Some(id) = error.request_id() {
                    span.record("request_id", id);
                }
                let _entered = span.enter();
                tracing::debug!(error = %outcome(error), "call failed");
            }
        }
        result
    }

    /// The error of a call that ran out of its total timeout.
    fn out_of_time<R: Endpoint>(&self) -> Error<R::Error> {
        let what = match R::INFO.transport {
            Transport::Http { method, path, .. } => format!("{method} {path}"),
            Transport::JsSdk { call, .. } => call.to_owned(),
        };
        Error::Transport(TransportError::new(
            TransportErrorKind::Timeout,
            format!(
                "{what}: no answer within the call's total timeout of {:?} (the token fetch, \
                 every attempt and the waits between them included); change it with \
                 `with_total_timeout`",
                self.total_timeout
            ),
            None,
        ))
    }

    async fn send_within<R: Endpoint>(
        &self,
        request: &R,
        deadline: Option<Instant>,
        attempts: &AtomicU32,
    ) -> Result<R::Response, Error<R::Error>> {
        let source: &dyn TokenSource = match (&self.tokens, R::INFO.auth) {
            (_, Auth::None | Auth::JsSession) | (Tokens::None, _) => {
                return self.send_with(request, None, deadline, attempts).await;
            }
            (Tokens::Source(source), _) => source.as_ref(),
            (Tokens::App(source), _) => source.as_ref(),
        };
        let token = source.token().await.map_err(Error::Token)?;
        let error = match self
            .send_with(request, Some(&token), deadline, attempts)
            .await
        {
            Err(error) if error.is_token_rejected() && source.is_refreshable() => error,
            result => return self.answered(result, &token),
        };
        tracing::info!(
            error = %outcome(&error),
            "the server refused the token: getting a new one to send the call again"
        );
        source.invalidate(&token);
        let fresh = source.token().await.map_err(Error::Token)?;
        if fresh == token {
            tracing::info!("no new token yet: the refusal is the caller's");
            return Err(error);
        }
        let result = self
            .send_with(request, Some(&fresh), deadline, attempts)
            .await;
        self.answered(result, &fresh)
    }

    /// Tells the client's own app-credentials source when the server took `token` (an answer
    /// other than a token refusal), which ends a run of refusals.
    fn answered<T, E: ApiError>(
        &self,
        result: Result<T, Error<E>>,
        token: &AccessToken,
    ) -> Result<T, Error<E>> {
        if let Tokens::App(source) = &self.tokens {
            let taken = match &result {
                Ok(_) => true,
                Err(error @ Error::Api(_)) => !error.is_token_rejected(),
                Err(_) => false,
            };
            if taken {
                source.accepted(token);
            }
        }
        result
    }

    /// Sends `request` with `token` (if its endpoint takes one), retrying by the policy, until
    /// `deadline`.
    async fn send_with<R: Endpoint>(
        &self,
        request: &R,
        token: Option<&AccessToken>,
        deadline: Option<Instant>,
        attempts: &AtomicU32,
    ) -> Result<R::Response, Error<R::Error>> {
        // The request's own secret fields (an app secret sent to a token endpoint) are scrubbed
        // from errors too, whether or not this client knows them.
        let request_secrets: Vec<Secret> = request.secrets().into_iter().map(Secret::new).collect();
        let scrubber = Scrubber::new(
            self.secrets
                .iter()
                .chain(token.map(AccessToken::secret))
                .chain(&request_secrets),
        );
        let prepared = self.prepare(request, token, &scrubber)?;
        let idempotent = matches!(
            R::INFO.transport,
            Transport::Http {
                idempotent: true,
                ..
            }
        );
        // Calls with a token draw from the client's rate budgets (a token endpoint's do not: its
        // calls are already one per app at a time).
        let mut plan = match (&self.tokens, token) {
            (Tokens::None, _) | (_, None) => None,
            _ => self.rate_limits.plan(R::INFO, &self.app_id),
        };
        let mut attempt = 1;
        loop {
            if let Some(plan) = &mut plan {
                self.wait_for_slot::<R>(plan, deadline).await?;
            }
            attempts.fetch_add(1, Ordering::Relaxed);
            let error = match self.attempt::<R>(&prepared, &scrubber).await {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            if let Some(plan) = &plan
                && is_rate_limit_answer(&error)
            {
                let pause = error.retry_after().unwrap_or(DEFAULT_PAUSE).min(MAX_PAUSE);
                tracing::info!(
                    pause_ms = millis(pause),
                    "the server's rate-limit answer pauses the client's budget"
                );
                self.store.pause(plan, pause).await;
            }
            // A failure that leaves open whether the server carried out a write is not resent
            // (see `may_resend`); a wait that would end past the deadline is not begun.
            let wait = self
                .retry
                .next_wait(attempt, &error)
                .filter(|_| may_resend(&error, idempotent))
                .filter(|wait| {
                    deadline.is_none_or(|end| {
                        Instant::now().checked_add(*wait).is_some_and(|t| t < end)
                    })
                });
            match wait {
                Some(wait) => {
                    tracing::info!(
                        attempt,
                        wait_ms = millis(wait),
                        reason = %outcome(&error),
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                None => return Err(error),
            }
        }
    }

    /// Waits for the call's slot in its rate budgets, or fails at once with
    /// `Error::RateLimited` when the slot is further off than the client waits (or than the call's
    /// deadline).
    async fn wait_for_slot<R: Endpoint>(
        &self,
        plan: &mut Plan,
        deadline: Option<Instant>,
    ) -> Result<(), Error<R::Error>> {
        let left = deadline.map_or(Duration::MAX, |end| {
            end.saturating_duration_since(Instant::now())
        });
        plan.max_wait = self.rate_limits.max_wait().min(left);
        let decision = self.store.acquire(plan).await;
        if !decision.granted {
            let limit = match decision.binding {
                Binding::Limit(i) => plan.budgets.get(i).map(|b| b.limit),
                Binding::Pause | Binding::Free => None,
            };
            tracing::info!(
                wait_ms = millis(decision.wait),
                max_wait_ms = millis(plan.max_wait),
                "no rate-limit slot in time: not sent"
            );
            return Err(Error::RateLimited(RateLimited::new(
                R::INFO,
                limit,
                decision.wait,
                plan.max_wait,
            )));
        }
        if !decision.wait.is_zero() {
            tracing::info!(
                wait_ms = millis(decision.wait),
                "waiting for a rate-limit slot"
            );
            tokio::time::sleep(decision.wait).await;
        }
        Ok(())
    }

    /// One attempt: send, read the whole body, read the answer.
    async fn attempt<R: Endpoint>(
        &self,
        prepared: &Prepared,
        scrubber: &Scrubber,
    ) -> Result<R::Response, Error<R::Error>> {
        let mut builder = self
            .http
            .request(prepared.method.clone(), prepared.url.clone());
        for (name, value) in &prepared.headers.0 {
            builder = builder.header(name.clone(), value.clone());
        }
        if let Some(body) = &prepared.body {
            builder = builder.body(body.clone());
        }
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        let transport =
            |error| Error::Transport(redact::transport_error(error, &prepared.what(), scrubber));
        let mut response = builder.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let span = tracing::Span::current();
        if !span.is_disabled() {
            span.record("status", status);
        }
        // Of a body over the limit, as much of its head is kept as an error shows once scrubbed:
        // the scrubber must see the whole of a secret that starts within the part shown.
        let head = DecodeError::BODY_PREFIX_CHARS * 4 + scrubber.longest_form() * 4;
        let (body, too_large) = match read_body(&mut response, self.body_limit, head).await {
            Ok(body) => (body, None),
            Err(BodyError::Transport(error)) => return Err(transport(error)),
            Err(BodyError::TooLarge { head, too_large }) => (head, Some(too_large)),
        };
        let answer = Answer {
            status,
            headers,
            body,
        };
        if !span.is_disabled()
            && let Some(id) = envelope::answer_request_id(R::INFO.api, &answer, scrubber)
        {
            span.record("request_id", id.as_str());
        }
        match too_large {
            Some(too_large) => Err(envelope::too_large::<R>(&answer, too_large, scrubber)),
            None => envelope::read::<R>(&answer, scrubber),
        }
    }

    /// The method, URL, headers and body of `request`, with the token where its API wants it.
    fn prepare<R: Endpoint>(
        &self,
        request: &R,
        token: Option<&AccessToken>,
        scrubber: &Scrubber,
    ) -> Result<Prepared, Error<R::Error>> {
        let info = R::INFO;
        let api = info.api;
        // Nothing below sends: a request that cannot be built is a construction failure.
        let refuse = |kind: RequestErrorKind, message: String| {
            Error::Request(RequestError::new(kind, scrubber.scrub(&message)))
        };
        let Transport::Http { method, body, .. } = info.transport else {
            return Err(refuse(
                RequestErrorKind::WrongTransport,
                format!(
                    "`{}` is not an HTTP endpoint; it cannot be sent over HTTP",
                    info.name
                ),
            ));
        };
        let Some(base) = self.base_url.as_deref().or(api.base_url) else {
            return Err(refuse(
                RequestErrorKind::NoHost,
                format!(
                    "the {} `{}` API has no host; give the client one with `with_base_url`",
                    api.platform, api.name
                ),
            ));
        };
        let path = request.path();
        let full = format!("{}{path}", base.trim_end_matches('/'));
        let mut url = reqwest::Url::parse(&full).map_err(|error| {
            refuse(
                RequestErrorKind::InvalidUrl,
                format!("`{method} {full}` is not a valid URL: {error}"),
            )
        })?;
        if url.scheme() == "http" && !self.insecure_http && !is_this_machine(&url) {
            return Err(refuse(
                RequestErrorKind::InsecureHttp,
                format!(
                    "`{}` is plain http:// to another machine: the access token (and an app secret) \
                 would cross the network unencrypted. Use https://, or allow it with \
                 `allow_insecure_http()` (plain http:// to this machine is always allowed)",
                    url.host_str().unwrap_or_default()
                ),
            ));
        }
        let mut query = request.query();
        if let (Auth::Query(name), Some(token)) = (R::INFO.auth, token) {
            query.push((name, token.expose().to_owned()));
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }

        let mut headers = Headers::default();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in request.headers() {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| {
                refuse(
                    RequestErrorKind::InvalidHeader,
                    format!("header name `{name}`: {e}"),
                )
            })?;
            let value = HeaderValue::from_str(&value).map_err(|e| {
                refuse(
                    RequestErrorKind::InvalidHeader,
                    format!("header `{name}` value {value:?}: {e}"),
                )
            })?;
            headers.insert(name, value);
        }
        match (R::INFO.auth, token) {
            (Auth::Header(name), Some(token)) => {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| {
                    refuse(
                        RequestErrorKind::InvalidHeader,
                        format!("auth header name `{name}`: {e}"),
                    )
                })?;
                headers.insert(name, token_header("", token)?);
            }
            (Auth::Bearer, Some(token)) => {
                headers.insert(AUTHORIZATION, token_header("Bearer ", token)?);
            }
            _ => {}
        }

        let (body, content_type) = match body {
            Body::None => (None, None),
            Body::Json => {
                let body = serde_json::to_vec(request).map_err(|e| {
                    refuse(
                        RequestErrorKind::Body,
                        format!("could not write the JSON body: {e}"),
                    )
                })?;
                (Some(body), Some("application/json"))
            }
            Body::Form => {
                let body = serde_urlencoded::to_string(request).map_err(|e| {
                    refuse(
                        RequestErrorKind::Body,
                        format!("could not write the form body: {e}"),
                    )
                })?;
                (
                    Some(body.into_bytes()),
                    Some("application/x-www-form-urlencoded"),
                )
            }
        };
        if let Some(content_type) = content_type
            && !headers.contains(&CONTENT_TYPE)
        {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        let body = body.map(bytes::Bytes::from);
        Ok(Prepared {
            method: wire_method(method),
            url,
            headers,
            body,
        })
    }

    /// `Debug` for a platform client named `name`: where it sends, never the token.
    pub fn fmt_debug(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hosts: Vec<&str> = match &self.base_url {
            Some(url) => vec![url.as_str()],
            None => self.apis.iter().filter_map(|api| api.base_url).collect(),
        };
        let mut out = f.debug_struct(name);
        out.field("base_url", &hosts.join(", "));
        match &self.tokens {
            // A source the user wrote may keep its token in a field its `Debug` shows: name it
            // without asking it to print itself.
            Tokens::Source(_) => out.field("tokens", &format_args!("<redacted>")),
            Tokens::App(source) => out.field("tokens", source),
            Tokens::None => out.field("tokens", &"none"),
        };
        out.field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("body_limit", &self.body_limit)
            .field("insecure_http", &self.insecure_http)
            .field("store", &self.store)
            .field("rate_limits", &self.rate_limits)
            .finish()
    }
}

/// The span of one call: what it is, never what it carries (no query, token, secret or body).
fn call_span<R: Endpoint>(request: &R) -> tracing::Span {
    let method = match R::INFO.transport {
        Transport::Http { method, .. } => method.as_str(),
        Transport::JsSdk { .. } => "",
    };
    let span = tracing::info_span!(
        "group_api::call",
        platform = R::INFO.platform,
        endpoint = R::INFO.name,
        method,
        path = Empty,
        attempts = Empty,
        status = Empty,
        request_id = Empty,
    );
    if !span.is_disabled() {
        // The path with its parameters filled in; the query is not part of it.
        span.record("path", request.path().as_str());
    }
    span
}

/// What went wrong, for a log line: the kind of failure and the code or status, never a body,
/// a message that could quote one, a URL or a token.
fn outcome<E: ApiError>(error: &Error<E>) -> String {
    let status = error
        .status()
        .map_or_else(String::new, |status| format!(", HTTP {status}"));
    match error {
        Error::Api(failure) => format!("error code {}{status}", failure.error.code()),
        Error::Transport(transport) => format!("transport: {:?}", transport.kind()),
        Error::Decode(_) => format!("unreadable answer{status}"),
        Error::Token(token) => format!("no token: {:?}", token.kind()),
        Error::RateLimited(_) => "rate limited by the client's budget".to_owned(),
        Error::Validation(_) => "invalid request".to_owned(),
        Error::Request(request) => format!("not sent: {:?}", request.kind()),
        Error::Bridge(_) => "bridge".to_owned(),
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Whether `error` is the server's rate-limit answer: a row of the `rate_limited` category
/// (Feishu's `99991400`, DingTalk's QPS codes, WeCom's `45009`), or HTTP 429.
fn is_rate_limit_answer<E: ApiError>(error: &Error<E>) -> bool {
    error.api_error().and_then(ApiError::category) == Some(ErrorCategory::RateLimited)
        || error.status() == Some(429)
}

/// Why an answer's body was not read.
enum BodyError {
    Transport(reqwest::Error),
    /// Over the limit: the first bytes, for the error's body prefix.
    TooLarge {
        head: bytes::Bytes,
        too_large: BodyTooLarge,
    },
}

/// Reads the body of `response`, stopping as soon as it is over `limit` bytes: memory stays near
/// the limit whatever the server sends (an endless stream, a huge `Content-Length`).
async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
    head: usize,
) -> Result<bytes::Bytes, BodyError> {
    let announced = response.content_length();
    let too_large = |head: bytes::Bytes, received: usize| BodyError::TooLarge {
        head,
        too_large: BodyTooLarge {
            limit,
            received,
            announced,
        },
    };
    if announced.is_some_and(|length| length > limit as u64) {
        return Err(too_large(bytes::Bytes::new(), 0));
    }
    // Room for the announced length (at most the limit) is made at once, if the allocator can
    // give it (a limit set beyond the machine's memory must not abort the process); otherwise
    // the buffer doubles as bytes arrive, never past the limit, so it holds at most `limit`
    // bytes.
    let mut body: Vec<u8> = Vec::new();
    if let Some(length) = announced {
        let _ = body.try_reserve_exact(usize::try_from(length).unwrap_or(usize::MAX));
    }
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        let needed = body.len() + chunk.len();
        if needed > limit {
            body.truncate(head);
            return Err(too_large(bytes::Bytes::from(body), needed));
        }
        if needed > body.capacity() {
            let target = body.capacity().saturating_mul(2).clamp(needed, limit);
            body.reserve_exact(target - body.len());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(bytes::Bytes::from(body))
}

/// Whether `url` names this machine (`localhost`, `127.0.0.0/8`, `::1`): plain http:// there never
/// crosses a network.
fn is_this_machine(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A request's headers, each name once (a later value replaces an earlier one, as in a
/// `HeaderMap`).
#[derive(Default)]
struct Headers(Vec<(HeaderName, HeaderValue)>);

impl Headers {
    fn insert(&mut self, name: HeaderName, value: HeaderValue) {
        match self.0.iter_mut().find(|(known, _)| *known == name) {
            Some((_, known)) => *known = value,
            None => self.0.push((name, value)),
        }
    }

    fn contains(&self, name: &HeaderName) -> bool {
        self.0.iter().any(|(known, _)| known == name)
    }
}

/// The token as a header value, marked sensitive so that reqwest and hyper never print it.
fn token_header<E>(prefix: &str, token: &AccessToken) -> Result<HeaderValue, Error<E>> {
    let mut value =
        HeaderValue::from_str(&format!("{prefix}{}", token.expose())).map_err(|_| {
            Error::Request(RequestError::new(
                RequestErrorKind::InvalidToken,
                "the access token contains characters an HTTP header cannot carry \
             (a line break or a control character); check how it was read",
            ))
        })?;
    value.set_sensitive(true);
    Ok(value)
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

#[cfg(test)]
mod tests {
    use super::is_this_machine;

    #[test]
    fn this_machine_is_loopback_by_name_or_address() {
        let url = |text: &str| reqwest::Url::parse(text).unwrap();
        for local in [
            "http://localhost:8080/x",
            "http://LOCALHOST/",
            "http://127.0.0.1:3000",
            "http://127.9.9.9/",
            "http://[::1]:80/",
        ] {
            assert!(is_this_machine(&url(local)), "{local}");
        }
        for remote in [
            "http://example.com/",
            "http://10.0.0.1/",
            "http://localhost.example.com/",
            "http://[::2]/",
            "http://0.0.0.0/",
        ] {
            assert!(!is_this_machine(&url(remote)), "{remote}");
        }
    }
}
