//! The stand-in's HTTP/1 server: reads each request, routes it to an endpoint by method and path
//! template, checks the token, and answers as the script or the page's example says.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

use super::answer::{self, Reply};
use super::{Received, Scripted, Shared, StandInEndpoint, State, success_body};
use crate::endpoint::Auth;

/// Accepts connections until the stand-in is dropped (which aborts this task).
pub(super) async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, say: wait a moment rather than spin.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(handle(&shared, request).await) }
            });
            // A client that hangs up mid-request ends only its own connection.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(shared: &Shared, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    };
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let endpoint = route(&shared.endpoints, &method, &path);
    let received = Received {
        endpoint: endpoint.map(|e| e.info),
        query: parse_query(parts.uri.query()),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect(),
        method,
        path,
        body,
    };
    let (reply, delay) = {
        let mut state = shared.state();
        let answer = reply(&mut state, endpoint, &received);
        state.received.push(received);
        answer
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let mut response = Response::builder()
        .status(reply.status)
        .header("content-type", "application/json");
    for (name, value) in &reply.headers {
        response = response.header(name.as_str(), value.as_str());
    }
    response
        .body(Full::new(Bytes::from(reply.body)))
        .unwrap_or_else(|_| {
            // A status or header the test scripted that HTTP cannot carry: say so instead.
            let mut response = Response::new(Full::new(Bytes::from_static(
                b"{\"stand_in\":\"a scripted status or header is not valid HTTP\"}",
            )));
            *response.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            response
        })
}

/// The answer to `received` and how long to wait before giving it.
fn reply(
    state: &mut State,
    endpoint: Option<&'static StandInEndpoint>,
    received: &Received,
) -> (Reply, Duration) {
    state.answered += 1;
    let request_id = format!("stand-in-{}", state.answered);
    let Some(endpoint) = endpoint else {
        let message = format!(
            "no endpoint of this program answers {} {}",
            received.method, received.path
        );
        return (
            Reply::json(404, &json!({ "stand_in": message })),
            Duration::ZERO,
        );
    };
    let api = endpoint.info.api;
    let (reply, delay) = match refused(state, endpoint, received) {
        Some(hint) => (token_refusal(endpoint, hint, &request_id), Duration::ZERO),
        None => match take_script(state, endpoint) {
            Some(script) => {
                let mut reply = match script.answer {
                    Scripted::Example => success(state, endpoint),
                    Scripted::Error {
                        status,
                        code,
                        message,
                    } => answer::error(api, status, &code, &message, &request_id),
                    Scripted::Body { status, body } => Reply {
                        status,
                        headers: Vec::new(),
                        body,
                    },
                };
                reply.headers.extend(script.headers);
                (reply, script.delay)
            }
            None => (success(state, endpoint), Duration::ZERO),
        },
    };
    (with_request_id(reply, api, &request_id), delay)
}

fn with_request_id(mut reply: Reply, api: &crate::endpoint::ApiInfo, id: &str) -> Reply {
    if let Some(name) = api.request_id_headers.first() {
        reply.headers.push(((*name).to_owned(), id.to_owned()));
    }
    reply
}

/// Why the call's token is refused (`Missing`, `Expired`, `Invalid`: words the token rows'
/// variants use), or `None` when it is good or the endpoint takes none.
fn refused(
    state: &mut State,
    endpoint: &StandInEndpoint,
    received: &Received,
) -> Option<&'static str> {
    if !matches!(
        endpoint.info.auth,
        Auth::Header(_) | Auth::Bearer | Auth::Query(_)
    ) {
        return None;
    }
    let token = match received.token() {
        Some(token) if !token.trim().is_empty() => token.to_owned(),
        _ => return Some("Missing"),
    };
    if state.expired.contains(&token) {
        return Some("Expired");
    }
    state.known.insert(token);
    if state.refuse > 0 {
        state.refuse -= 1;
        return Some("Invalid");
    }
    None
}

fn token_refusal(endpoint: &StandInEndpoint, hint: &str, request_id: &str) -> Reply {
    let rows = (endpoint.rows)();
    match answer::token_row(&rows, hint) {
        Some(row) => answer::error(
            endpoint.info.api,
            row.status,
            &row.code,
            row.message.unwrap_or(row.explanation),
            request_id,
        ),
        None => Reply::json(
            401,
            &json!({ "stand_in": "the token was refused; the spec documents no token error for this API" }),
        ),
    }
}

/// A script's answer for one call.
struct Taken {
    answer: Scripted,
    delay: Duration,
    headers: Vec<(String, String)>,
}

/// The next scripted answer for `endpoint`, if any.
fn take_script(state: &mut State, endpoint: &StandInEndpoint) -> Option<Taken> {
    let index = state
        .scripts
        .iter()
        .position(|s| super::registry::same(s.endpoint, endpoint.info))?;
    let script = &mut state.scripts[index];
    script.left -= 1;
    let taken = Taken {
        answer: script.answer.clone(),
        delay: script.delay,
        headers: script.headers.clone(),
    };
    if script.left == 0 {
        state.scripts.remove(index);
    }
    Some(taken)
}

/// The page's example; a token endpoint's with a new token in its token fields.
fn success(state: &mut State, endpoint: &StandInEndpoint) -> Reply {
    let mut body = success_body(endpoint);
    if endpoint.issues_tokens() {
        state.issued += 1;
        let token = format!("stand-in-{}-token-{}", endpoint.info.platform, state.issued);
        for field in endpoint.response_secrets {
            answer::set_path(&mut body, field, Value::from(token.as_str()));
        }
        state.known.insert(token);
    }
    Reply::json(200, &body)
}

/// The endpoint whose method and path template match; where several do, the most specific one: a
/// literal segment wins over a parameter (`GET /group/simplelist` is the list, not
/// `GET /group/:group_id` with the id `simplelist`), as a web framework's router decides.
fn route(
    endpoints: &[&'static StandInEndpoint],
    method: &str,
    path: &str,
) -> Option<&'static StandInEndpoint> {
    endpoints
        .iter()
        .copied()
        .filter_map(|endpoint| {
            let (m, template) = endpoint.route()?;
            (m == method && matches_template(template, path))
                .then(|| (specificity(template), endpoint))
        })
        .max_by(|(a, _), (b, _)| a.cmp(b))
        .map(|(_, endpoint)| endpoint)
}

/// Which segments of a template are literal, in order: compared, the first literal segment where
/// another template has a parameter makes the template more specific.
fn specificity(template: &str) -> Vec<bool> {
    template
        .trim_end_matches('/')
        .split('/')
        .map(|segment| !(segment.starts_with(':') || segment.starts_with('{')))
        .collect()
}

/// `/open-apis/contact/v3/group/:group_id` matches `/open-apis/contact/v3/group/g1`.
fn matches_template(template: &str, path: &str) -> bool {
    let (template, path) = (template.trim_end_matches('/'), path.trim_end_matches('/'));
    let (mut t, mut p) = (template.split('/'), path.split('/'));
    loop {
        match (t.next(), p.next()) {
            (None, None) => return true,
            (Some(t), Some(p))
                if t.starts_with(':') || (t.starts_with('{') && t.ends_with('}')) =>
            {
                if p.is_empty() {
                    return false;
                }
            }
            (Some(t), Some(p)) if t == p => {}
            _ => return false,
        }
    }
}

fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    let Some(query) = query else {
        return Vec::new();
    };
    reqwest::Url::parse(&format!("http://stand-in/?{query}"))
        .map(|url| {
            url.query_pairs()
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{matches_template, specificity};

    #[test]
    fn a_template_matches_its_paths_only() {
        assert!(matches_template(
            "/v1.0/im/group/update",
            "/v1.0/im/group/update"
        ));
        assert!(matches_template(
            "/open-apis/contact/v3/group/:group_id",
            "/open-apis/contact/v3/group/g1"
        ));
        assert!(!matches_template(
            "/open-apis/contact/v3/group/:group_id",
            "/open-apis/contact/v3/group/"
        ));
        assert!(!matches_template(
            "/open-apis/contact/v3/group/:group_id",
            "/open-apis/contact/v3/group/g1/x"
        ));
        assert!(!matches_template("/gettoken", "/cgi-bin/gettoken"));
    }

    #[test]
    fn a_literal_segment_is_more_specific_than_a_parameter() {
        let list = specificity("/open-apis/contact/v3/group/simplelist");
        let get = specificity("/open-apis/contact/v3/group/:group_id");
        assert!(list > get);
        let members = specificity("/open-apis/contact/v3/group/:group_id/member/simplelist");
        assert!(specificity("/open-apis/contact/v3/group/:group_id/member/add") == members);
    }
}
