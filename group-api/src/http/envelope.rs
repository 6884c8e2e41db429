//! Reading an answer: the documented response, the endpoint's typed error, or a [`DecodeError`]
//! that says why the answer could not be read.
//!
//! How success and failure are told apart is the API's [`Envelope`], from its platform spec:
//!
//! | envelope | success | failure |
//! | --- | --- | --- |
//! | `HttpStatus` (DingTalk new style) | a 2xx status; the body is the response | any other status; the body's `code` and `message` |
//! | `CodeField` (DingTalk old style, Feishu) | the code field holds the success value (`0`), whatever the status; the body is the response | any other code, whatever the status (HTTP 200 included) |
//!
//! The typed error is chosen by status, code and message together (two DingTalk rows share
//! `permession.checkFailed` and differ only in the message); platform-wide rows (token, rate
//! limit, quota) are recognised on every endpoint. Anything else — a body that is not JSON, is
//! empty, is cut short, lacks the code field, or has a field of the wrong type — is a
//! [`DecodeError`] that keeps the status, the first bytes of the body and the path of the field.

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde_json::{Map, Value};

use super::redact::{Scrubber, Secret};
use super::retry::wait_hint;
use crate::endpoint::{ApiInfo, Endpoint, Envelope};
use crate::error::{ApiError, ErrorCode};
use crate::failure::{ApiFailure, DecodeError, Error};

/// An answer as it came off the wire.
pub(crate) struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

/// Reads `answer` to a call of endpoint `R`, by the envelope of `R`'s API.
pub(crate) fn read<R: Endpoint>(
    answer: &Answer,
    scrubber: &Scrubber,
) -> Result<R::Response, Error<R::Error>> {
    // An answer that may hold a fresh token (a token endpoint's): the token's value is scrubbed
    // from errors like a secret the client knows, and broken JSON it cannot be found in is withheld.
    let secrets = R::RESPONSE_SECRETS;
    let parsed = (!secrets.is_empty()).then(|| serde_json::from_slice::<Value>(&answer.body).ok());
    let extended;
    let scrubber = match &parsed {
        Some(Some(body)) => {
            extended = scrubber.with(secret_values(body, secrets));
            &extended
        }
        _ => scrubber,
    };
    let reader = Reader {
        api: R::INFO.api,
        answer,
        scrubber,
        // Broken JSON (a cut-off token answer, say) may hold the token where it cannot be found;
        // a text or HTML page is not a token answer and is only scrubbed.
        withhold_body: matches!(parsed, Some(None))
            && answer.body.trim_ascii_start().starts_with(b"{"),
    };
    reader.read::<R>()
}

/// The values under any of `fields`, at any depth of `body`.
fn secret_values(body: &Value, fields: &[&str]) -> Vec<Secret> {
    let mut out = Vec::new();
    let mut stack = vec![body];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    match value {
                        Value::String(s) if fields.contains(&key.as_str()) => {
                            out.push(Secret::new(s.clone()))
                        }
                        Value::Number(n) if fields.contains(&key.as_str()) => {
                            out.push(Secret::new(n.to_string()))
                        }
                        other => stack.push(other),
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

struct Reader<'a> {
    api: &'static ApiInfo,
    answer: &'a Answer,
    scrubber: &'a Scrubber,
    /// The body may hold a secret that could not be located: keep it out of decode errors.
    withhold_body: bool,
}

impl Reader<'_> {
    fn read<R: Endpoint>(&self) -> Result<R::Response, Error<R::Error>> {
        let value = self.json()?;
        let (code_field, message_field) = match self.api.envelope {
            Envelope::HttpStatus { code, message } => (code, message),
            Envelope::CodeField { code, message, .. } => (code, message),
            Envelope::JsErrMsg => {
                return Err(self.decode(
                    None,
                    None,
                    "this API answers through the JS-SDK, not HTTP",
                ));
            }
        };
        let object = value.as_object();
        let code = object.and_then(|o| o.get(code_field));
        // The per-IP block carries no code, so it is told apart before the envelope is read.
        if let (None, Some(wait)) = (code, object.and_then(ip_block)) {
            let mut error = self.decode_error(
                object,
                None,
                format!(
                    "the platform blocked this IP for making too many calls \
                     (`status` 1111); wait {} minutes before calling again",
                    wait.as_secs() / 60
                ),
            );
            error.retry_after = Some(wait);
            return Err(Error::Decode(error));
        }
        let success = match self.api.envelope {
            Envelope::HttpStatus { .. } => (200..300).contains(&self.answer.status),
            Envelope::CodeField { success, .. } => match code {
                None => {
                    return Err(self.decode(
                        object,
                        None,
                        format!("expected a JSON object with a `{code_field}` field"),
                    ));
                }
                Some(code) => match ErrorCode::from_json(code) {
                    Some(code) => code.matches(&ErrorCode::Number(success)),
                    None => {
                        return Err(self.decode(
                            object,
                            Some(code_field.to_owned()),
                            format!("`{code_field}` is {code}, neither a number nor a string"),
                        ));
                    }
                },
            },
            Envelope::JsErrMsg => false,
        };
        if success {
            return self.response::<R>(value);
        }
        let Some(code) = code.and_then(ErrorCode::from_json) else {
            return Err(self.decode(
                object,
                None,
                format!(
                    "HTTP {} without an error body: expected a JSON object with a string `{code_field}`",
                    self.answer.status
                ),
            ));
        };
        let message = object
            .and_then(|o| o.get(message_field))
            .and_then(Value::as_str)
            .map(|m| self.scrubber.scrub(m))
            .unwrap_or_default();
        let status = Some(self.answer.status);
        let error = R::Error::from_wire(status, code, &message);
        // The whole error body too, scrubbed: DingTalk's `88` carries its detail in `sub_code`,
        // and other answers carry fields the spec does not name.
        let body = object.and_then(|o| {
            let text = self.scrubber.scrub(&Value::Object(o.clone()).to_string());
            serde_json::from_str(&text).ok()
        });
        let failure = ApiFailure::new(error, status, self.request_id(object), message)
            .with_retry_after(wait_hint(&self.answer.headers))
            .with_body(body);
        Err(Error::Api(failure))
    }

    /// The body as JSON, or a decode error that says what it was instead.
    fn json<E>(&self) -> Result<Value, Error<E>> {
        let body = &self.answer.body;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(self.decode(None, None, "the body is empty; expected JSON"));
        }
        serde_json::from_slice(body).map_err(|error| {
            let content_type = self
                .answer
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let message = if error.is_eof() {
                format!("the JSON body is cut short ({error})")
            } else if !content_type.contains("json") && !content_type.is_empty() {
                format!("expected a JSON body, got {content_type}")
            } else {
                format!("the body is not JSON ({error})")
            };
            self.decode(None, None, message)
        })
    }

    /// A success body, read as the documented response.
    fn response<R: Endpoint>(&self, value: Value) -> Result<R::Response, Error<R::Error>> {
        serde_path_to_error::deserialize::<_, R::Response>(&value).map_err(|error| {
            let path = error.path().to_string();
            let path = (path != ".").then_some(path);
            let message = format!(
                "the success body is not the documented shape: {}",
                error.inner()
            );
            Error::Decode(self.decode_error(value.as_object(), path, message))
        })
    }

    /// A decode error for this answer; `body` is the body's JSON object, where it is one (for the
    /// request id).
    fn decode<E>(
        &self,
        body: Option<&Map<String, Value>>,
        path: Option<String>,
        message: impl Into<String>,
    ) -> Error<E> {
        Error::Decode(self.decode_error(body, path, message))
    }

    fn decode_error(
        &self,
        body: Option<&Map<String, Value>>,
        path: Option<String>,
        message: impl Into<String>,
    ) -> DecodeError {
        let mut error = DecodeError::new(
            Some(self.answer.status),
            &self.answer.body,
            path,
            self.scrubber.scrub(&message.into()),
        );
        error.body_prefix = if self.withhold_body {
            "<withheld: the answer of a token endpoint may hold a token>".to_owned()
        } else {
            self.scrubber.scrub(&error.body_prefix)
        };
        error.request_id = self.request_id(body);
        error.retry_after = wait_hint(&self.answer.headers);
        error
    }

    /// The request id: from the body fields the API names, then from its headers.
    fn request_id(&self, body: Option<&Map<String, Value>>) -> Option<String> {
        let from_body = body.and_then(|body| {
            self.api
                .request_id_fields
                .iter()
                .find_map(|field| match body.get(*field)? {
                    Value::String(id) if !id.is_empty() => Some(id.clone()),
                    Value::Number(id) => Some(id.to_string()),
                    _ => None,
                })
        });
        from_body.or_else(|| {
            self.api.request_id_headers.iter().find_map(|name| {
                let id = self.answer.headers.get(*name)?.to_str().ok()?;
                (!id.is_empty()).then(|| id.to_owned())
            })
        })
    }
}

/// DingTalk's per-IP block (platform-facts.md): more than 10,000 calls from one IP in 20 s block
/// it for 5 minutes, answered with `{"status": 1111, "wait": 5}` and no error code. The `wait`
/// matches the five-minute block, so it is read as minutes.
fn ip_block(body: &Map<String, Value>) -> Option<Duration> {
    if body.get("status").and_then(Value::as_i64) != Some(1111) {
        return None;
    }
    let minutes = body.get("wait").and_then(Value::as_u64)?;
    Some(Duration::from_secs(minutes.saturating_mul(60)))
}
