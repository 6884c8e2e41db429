//! The bodies the stand-in writes, in each platform's envelope.

use serde_json::{Map, Value};

use crate::api_error::{ErrorCategory, ErrorCode, ErrorRow};
use crate::endpoint::{ApiInfo, Envelope};

/// One answer, ready to be written.
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, body: &Value) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.to_string().into_bytes(),
        }
    }
}

/// The success body of an endpoint without a response example: the envelope's success code and
/// message where the body carries one, else an empty object.
pub(crate) fn bare_success(api: &ApiInfo) -> Value {
    let mut body = Map::new();
    if let Envelope::CodeField {
        code,
        message,
        success,
    } = api.envelope
    {
        if let Some(code) = code.first() {
            body.insert((*code).to_owned(), Value::from(success));
        }
        if let Some(message) = message.first() {
            body.insert((*message).to_owned(), Value::from("ok"));
        }
    }
    Value::Object(body)
}

/// An error answer in the API's envelope: `status` (the row's, else 400 where the status tells
/// failure and 200 where the body's code does), the code and message in the envelope's first
/// fields, and the request id in its first body field.
pub(crate) fn error(
    api: &ApiInfo,
    status: Option<u16>,
    code: &ErrorCode,
    message: &str,
    request_id: &str,
) -> Reply {
    let code = match code {
        ErrorCode::Number(n) => Value::from(*n),
        ErrorCode::Text(text) => Value::from(text.as_ref()),
    };
    let (code_fields, message_fields, usual) = match api.envelope {
        Envelope::HttpStatus { code, message } => (code, message, 400),
        Envelope::CodeField { code, message, .. } => (code, message, 200),
        Envelope::JsErrMsg => (&[][..], &[][..], 400),
    };
    let mut body = Value::Object(Map::new());
    if let Some(field) = code_fields.first() {
        set_path(&mut body, field, code);
    }
    if let Some(field) = message_fields.first() {
        set_path(&mut body, field, Value::from(message));
    }
    if let Some(field) = api.request_id_fields.first() {
        set_path(&mut body, field, Value::from(request_id));
    }
    Reply::json(status.unwrap_or(usual), &body)
}

/// The row a refused token is answered with: of the endpoint's documented rows (its API's
/// platform-wide ones among them), the first of the `token_rejected` category whose variant
/// names what happened (`Missing`, `Expired`), else the first of that category.
pub(crate) fn token_row<'a>(rows: &[&'a ErrorRow], hint: &str) -> Option<&'a ErrorRow> {
    let refused = || {
        rows.iter()
            .copied()
            .filter(|row| row.category == ErrorCategory::TokenRejected)
    };
    refused()
        .find(|row| row.variant.contains(hint))
        .or_else(|| refused().next())
}

/// Sets `value` at a dotted path (`error.log_id`), making the objects on the way.
pub(crate) fn set_path(body: &mut Value, path: &str, value: Value) {
    let mut at = body;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(map) = at else { return };
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return;
        }
        at = map
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}
