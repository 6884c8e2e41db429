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

use std::fmt;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::redact::{Scrubber, Secret};
use super::retry::wait_hint;
use crate::api_error::{ApiError, ErrorCode};
use crate::endpoint::{ApiInfo, Endpoint, Envelope};
use crate::error::{ApiFailure, BodyTooLarge, DecodeError, Error};

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
    let parsed = (!secrets.is_empty()).then(|| match Parsed::from_bytes(&answer.body) {
        Ok(Parsed::Small(body)) => Some(body),
        Ok(Parsed::Large(fields)) => Some(Value::Object(fields)),
        Err(_) => None,
    });
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

/// The error of an answer larger than the client's body limit: `answer.body` holds its first
/// bytes only. The headers are all there, so the request id and the wait hint are kept.
pub(crate) fn too_large<R: Endpoint>(
    answer: &Answer,
    too_large: BodyTooLarge,
    scrubber: &Scrubber,
) -> Error<R::Error> {
    let reader = Reader {
        api: R::INFO.api,
        answer,
        scrubber,
        withhold_body: !R::RESPONSE_SECRETS.is_empty(),
    };
    let mut error = reader.decode_error(None, None, too_large.to_string());
    error.too_large = Some(too_large);
    Error::Decode(Box::new(error))
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
        let (code_fields, message_fields) = match self.api.envelope {
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
        // 204 No Content is a success with nothing to read, whatever the envelope: the response
        // is read from `{}`, so one without required fields is fine.
        if self.answer.status == 204 && self.is_empty() {
            return self.response::<R>(Value::Object(Map::new()));
        }
        let parsed = self.json()?;
        let object = parsed.object();
        let code = object.and_then(|o| first_field(o, code_fields));
        let code_field = code.map_or(code_fields.first().copied().unwrap_or("code"), |c| c.0);
        let code = code.map(|c| c.1);
        // The per-IP block carries no code, so it is told apart before the envelope is read.
        if let (None, Some(wait)) = (code, object.and_then(|o| ip_block(self.api, o))) {
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
            return Err(Error::Decode(Box::new(error)));
        }
        let success = match self.api.envelope {
            Envelope::HttpStatus { .. } => self.status_success(),
            Envelope::CodeField { success, .. } => match code {
                None => {
                    return Err(self.decode(
                        object,
                        None,
                        format!("expected a JSON object with a `{code_field}` field"),
                    ));
                }
                Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64() == Some(success),
                // The success value as text (`"0"` where the API sends `0`) is neither a success
                // (the body is not the documented shape) nor an error code: say so.
                Some(Value::String(text)) if text.trim().parse::<i64>() == Ok(success) => {
                    return Err(self.decode(
                        object,
                        Some(code_field.to_owned()),
                        format!(
                            "`{code_field}` is the string {text:?}; this API sends its success \
                             code as the number {success}, so the answer is neither a success nor \
                             an error"
                        ),
                    ));
                }
                Some(Value::String(_)) => false,
                Some(other) => return Err(self.bad_code(object, code_field, other)),
            },
            Envelope::JsErrMsg => false,
        };
        if success {
            return match parsed {
                Parsed::Small(value) => self.response::<R>(value),
                Parsed::Large(ref fields) => self.response_from_bytes::<R>(fields),
            };
        }
        let code = match code {
            None => {
                return Err(self.decode(
                    object,
                    None,
                    format!(
                        "HTTP {} without an error body: expected a JSON object with a string `{code_field}`",
                        self.answer.status
                    ),
                ));
            }
            Some(code) => match ErrorCode::from_json(code) {
                // A textual code is kept as a request id is (scrubbed, at most 256 characters):
                // the documented ones are short, and an undocumented one is shown in `Display`.
                Some(ErrorCode::Text(text)) => {
                    ErrorCode::text(&self.scrubber.scrub_head(&text, MAX_ID_CHARS))
                }
                Some(code) => code,
                None => return Err(self.bad_code(object, code_field, code)),
            },
        };
        let message = object
            .and_then(|o| first_field(o, message_fields))
            .and_then(|(_, m)| m.as_str())
            .map(|m| self.scrubber.scrub_head(m, MAX_MESSAGE_CHARS))
            .unwrap_or_default();
        let status = Some(self.answer.status);
        let request_id = self.request_id(object);
        let error = R::Error::from_wire(status, code, &message);
        // The whole error body too, scrubbed: DingTalk's `88` carries its detail in `sub_code`,
        // and other answers carry fields the spec does not name. A large one is cut down to its
        // short top-level fields, so an error never holds more than a few KiB of what came.
        let body = match parsed {
            Parsed::Small(value @ Value::Object(_)) => Some(value),
            Parsed::Small(_) => None,
            Parsed::Large(fields) => Some(kept_error_body(fields)),
        };
        let body = body.map(|mut body| {
            self.scrubber.scrub_value(&mut body);
            body
        });
        let failure = ApiFailure::new(error, status, request_id, message)
            .with_retry_after(wait_hint(&self.answer.headers, self.api.wait_headers))
            .with_body(body);
        Err(Error::Api(failure))
    }

    /// Whether the status is a success under a status envelope.
    fn status_success(&self) -> bool {
        matches!(self.api.envelope, Envelope::HttpStatus { .. })
            && (200..300).contains(&self.answer.status)
    }

    fn is_empty(&self) -> bool {
        self.answer.body.iter().all(u8::is_ascii_whitespace)
    }

    /// A code that is neither a 64-bit number nor a string.
    fn bad_code<E>(
        &self,
        object: Option<&Map<String, Value>>,
        field: &str,
        code: &Value,
    ) -> Error<E> {
        let shown = self.scrubber.scrub_head(&code.to_string(), 64);
        let what = if code.is_number() {
            "a number outside the range of error codes (64-bit integers)"
        } else {
            "neither a number nor a string"
        };
        self.decode(
            object,
            Some(field.to_owned()),
            format!("`{field}` is {shown}, {what}"),
        )
    }

    /// The body as JSON (in full when small, its top-level scalars when large), or a decode error
    /// that says what it was instead.
    fn json<E>(&self) -> Result<Parsed, Error<E>> {
        if self.is_empty() {
            return Err(self.decode(None, None, "the body is empty; expected JSON"));
        }
        Parsed::from_bytes(&self.answer.body).map_err(|error| {
            let content_type = self
                .answer
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let message = if error.is_eof() {
                format!("the JSON body is cut short ({error})")
            } else if !content_type.contains("json") && !content_type.is_empty() {
                format!("expected a JSON body, got {}", bounded(content_type, 128))
            } else if error.is_data() {
                format!("the body is not a JSON object ({error})")
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
            let what = if self.is_empty() {
                "the body is empty, and the documented response has required fields"
            } else {
                "the success body is not the documented shape"
            };
            let message = format!("{what}: {}", error.inner());
            Error::Decode(Box::new(self.decode_error(
                value.as_object(),
                path,
                message,
            )))
        })
    }

    /// A large success body, read as the documented response straight from the bytes: no JSON
    /// tree of it is built (one would take many times the body's size).
    fn response_from_bytes<R: Endpoint>(
        &self,
        fields: &Map<String, Value>,
    ) -> Result<R::Response, Error<R::Error>> {
        let mut json = serde_json::Deserializer::from_slice(&self.answer.body);
        serde_path_to_error::deserialize::<_, R::Response>(&mut json).map_err(|error| {
            let path = error.path().to_string();
            let path = (path != ".").then_some(path);
            let message = format!(
                "the success body is not the documented shape: {}",
                error.inner()
            );
            Error::Decode(Box::new(self.decode_error(Some(fields), path, message)))
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
        Error::Decode(Box::new(self.decode_error(body, path, message)))
    }

    fn decode_error(
        &self,
        body: Option<&Map<String, Value>>,
        path: Option<String>,
        message: impl Into<String>,
    ) -> DecodeError {
        let mut error = DecodeError::new(
            Some(self.answer.status),
            b"",
            path,
            self.scrubber.scrub(&message.into()),
        );
        error.body_prefix = if self.withhold_body {
            "<withheld: the answer of a token endpoint may hold a token>".to_owned()
        } else {
            // Scrubbed before it is cut, so a secret that runs across the cut is still found.
            let head = &self.answer.body[..self
                .answer
                .body
                .len()
                .min(DecodeError::BODY_PREFIX_CHARS * 4 + self.scrubber.longest_form() * 4)];
            self.scrubber.scrub_head(
                &String::from_utf8_lossy(head),
                DecodeError::BODY_PREFIX_CHARS,
            )
        };
        error.request_id = self.request_id(body);
        error.retry_after = wait_hint(&self.answer.headers, self.api.wait_headers);
        error
    }

    fn request_id(&self, body: Option<&Map<String, Value>>) -> Option<String> {
        request_id(self.api, self.answer, body, self.scrubber)
    }
}

/// The request id: from the headers the API names, then from its body fields (a dotted name
/// is a path into nested objects: Feishu's `error.log_id`), scrubbed and cut to [`MAX_ID_CHARS`].
fn request_id(
    api: &ApiInfo,
    answer: &Answer,
    body: Option<&Map<String, Value>>,
    scrubber: &Scrubber,
) -> Option<String> {
    let from_headers = api.request_id_headers.iter().find_map(|name| {
        let id = answer.headers.get(*name)?.to_str().ok()?;
        (!id.is_empty()).then(|| scrubber.scrub_head(id, MAX_ID_CHARS))
    });
    from_headers.or_else(|| {
        let body = body?;
        api.request_id_fields.iter().find_map(|field| {
            let mut parts = field.split('.');
            let mut value = body.get(parts.next()?)?;
            for part in parts {
                value = value.as_object()?.get(part)?;
            }
            match value {
                Value::String(id) if !id.is_empty() => Some(scrubber.scrub_head(id, MAX_ID_CHARS)),
                Value::Number(id) => Some(id.to_string()),
                _ => None,
            }
        })
    })
}

/// The request id of any answer, for the call's span (read only when a subscriber records it): as
/// an error keeps it, and at the same cost, so a large body is not made a JSON tree (only its
/// top-level fields are read: a nested id such as Feishu's `error.log_id` is not found in a body
/// over 64 KiB) and the id is scrubbed and cut to [`MAX_ID_CHARS`].
pub(crate) fn answer_request_id(
    api: &ApiInfo,
    answer: &Answer,
    scrubber: &Scrubber,
) -> Option<String> {
    request_id(api, answer, None, scrubber).or_else(|| {
        if api.request_id_fields.is_empty() {
            return None;
        }
        let parsed = Parsed::from_bytes(&answer.body).ok()?;
        request_id(api, answer, parsed.object(), scrubber)
    })
}

/// The most characters of a server's error message an error keeps.
pub(crate) const MAX_MESSAGE_CHARS: usize = 4096;

/// The most characters of a request id an error keeps.
const MAX_ID_CHARS: usize = 256;

/// An error body larger than this is kept only in part (its short top-level fields).
pub(crate) const MAX_KEPT_ERROR_BODY: usize = 64 * 1024;

/// The longest string field a cut-down error body keeps.
const MAX_KEPT_STRING: usize = 1024;

/// `text`, or its first `chars` characters.
fn bounded(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// The first of `fields` that `object` has, with its name.
fn first_field<'a>(
    object: &'a Map<String, Value>,
    fields: &[&'static str],
) -> Option<(&'static str, &'a Value)> {
    fields
        .iter()
        .find_map(|field| Some((*field, object.get(*field)?)))
}

/// What an [`ApiFailure`] keeps of an error body over [`MAX_KEPT_ERROR_BODY`] bytes (a smaller
/// one is kept whole): its top-level numbers, booleans and strings of at most
/// [`MAX_KEPT_STRING`] bytes (the code, the message, `sub_code`, the request id).
fn kept_error_body(fields: Map<String, Value>) -> Value {
    let kept = fields
        .into_iter()
        .filter(|(key, value)| {
            key.len() <= MAX_KEPT_STRING
                && match value {
                    Value::String(s) => s.len() <= MAX_KEPT_STRING,
                    Value::Array(_) | Value::Object(_) => false,
                    _ => true,
                }
        })
        .collect();
    Value::Object(kept)
}

/// An answer's JSON: the whole tree of a body of at most [`MAX_KEPT_ERROR_BODY`] bytes, or only
/// the top-level scalar fields of a larger one. A JSON tree takes many times the size of its text
/// (a dense array of small numbers, 25 times and more), so a large body is never made one: its
/// envelope fields are read from the scalars and a success is decoded from the bytes.
enum Parsed {
    Small(Value),
    Large(Map<String, Value>),
}

impl Parsed {
    fn from_bytes(body: &[u8]) -> Result<Self, serde_json::Error> {
        if body.len() <= MAX_KEPT_ERROR_BODY {
            return serde_json::from_slice(body).map(Parsed::Small);
        }
        serde_json::from_slice::<TopLevelScalars>(body).map(|fields| Parsed::Large(fields.0))
    }

    /// The body's JSON object, where it is one.
    fn object(&self) -> Option<&Map<String, Value>> {
        match self {
            Parsed::Small(value) => value.as_object(),
            Parsed::Large(fields) => Some(fields),
        }
    }
}

/// The most bytes of a top-level string a large body's fields keep (more than a message keeps).
const MAX_SCALAR_BYTES: usize = 4 * MAX_MESSAGE_CHARS + 1024;

/// The top-level fields of a JSON object whose values are numbers, booleans, null or strings
/// (cut to [`MAX_SCALAR_BYTES`]); arrays and objects are read past without being kept.
struct TopLevelScalars(Map<String, Value>);

impl<'de> Deserialize<'de> for TopLevelScalars {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = TopLevelScalars;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevelScalars, A::Error> {
                let mut out = Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if let Some(value) = map.next_value::<Scalar>()?.0 {
                        out.insert(key, value);
                    }
                }
                Ok(TopLevelScalars(out))
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// A scalar JSON value, or nothing for an array or object (read past, not kept).
struct Scalar(Option<Value>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(Some(Value::Bool(v))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.into())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.into())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(serde_json::Number::from_f64(v).map(Value::Number)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                let end = (0..=v.len().min(MAX_SCALAR_BYTES))
                    .rev()
                    .find(|i| v.is_char_boundary(*i))
                    .unwrap_or(0);
                Ok(Scalar(Some(Value::String(v[..end].to_owned()))))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar(Some(Value::Null)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        deserializer.deserialize_any(Any)
    }
}

/// DingTalk's per-IP block (DingTalk page 调用频次与限流): more than 10,000 calls from one IP in 20 s block
/// it for 5 minutes, answered with `{"status": 1111, "wait": 5}` and no error code. The `wait`
/// matches the five-minute block, so it is read as minutes.
///
/// It stays in Rust rather than in the platform file because it is not an error row: it has no
/// code, and it answers any DingTalk call; so it is read for DingTalk's APIs only.
fn ip_block(api: &ApiInfo, body: &Map<String, Value>) -> Option<Duration> {
    if api.platform != "dingtalk" {
        return None;
    }
    if body.get("status").and_then(Value::as_i64) != Some(1111) {
        return None;
    }
    let minutes = body.get("wait").and_then(Value::as_u64)?;
    Some(Duration::from_secs(minutes.saturating_mul(60)))
}
