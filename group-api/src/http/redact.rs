//! Keeping access tokens and app secrets out of everything a user might print or log.
//!
//! Both are held in types whose `Debug` is `"<redacted>"`: [`AccessToken`] and [`Secret`]. Errors
//! are built from parts that never hold them: reqwest's errors print the URL, and DingTalk's old
//! API carries the token (and its token endpoint the app secret) in the query, so transport errors
//! are written without the URL. As a last line of defence, every text that ends up in an error (a
//! server message, the first bytes of a body that might echo the request) goes through a
//! [`Scrubber`] that replaces the call's token and the client's app secret by `<redacted>`.

use std::fmt;
use std::sync::Arc;

use crate::error::{TransportError, TransportErrorKind};

/// What a redacted secret prints as.
pub(crate) const REDACTED: &str = "<redacted>";

/// Secrets shorter than this are not searched for in texts: replacing every `ab` in a message
/// would garble it, and no platform issues tokens or secrets that short.
const MIN_SCRUBBED_LEN: usize = 6;

/// A credential held in memory: cheap to clone, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(Arc<str>);

impl Secret {
    pub(crate) fn new(secret: impl Into<String>) -> Self {
        Self(Arc::from(secret.into()))
    }

    /// The secret itself, for the one place it belongs: the request.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format!("{REDACTED:?}"))
    }
}

/// An access token, as a [`TokenSource`](crate::TokenSource) hands it to a client.
///
/// Its `Debug` is `"<redacted>"`, and it has no `Display`: the token reaches the wire and nothing
/// else. Tokens are compared by value, so a source can tell whether the token a call was refused
/// with is still the one it holds.
///
/// ```
/// let token = group_api::AccessToken::new("t-7f1bcd13fc57d46bac21793a18e560");
/// assert_eq!(format!("{token:?}"), r#"AccessToken("<redacted>")"#);
/// assert_eq!(token.expose(), "t-7f1bcd13fc57d46bac21793a18e560");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Secret);

impl AccessToken {
    /// Wraps a token string.
    pub fn new(token: impl Into<String>) -> Self {
        Self(Secret::new(token))
    }

    /// The token itself. It belongs in a request and nowhere else: never log it.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }

    pub(crate) fn secret(&self) -> &Secret {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AccessToken").field(&self.0).finish()
    }
}

/// The secrets one call must keep out of its errors: its token, and the client's app secret.
#[derive(Clone, Default)]
pub(crate) struct Scrubber {
    secrets: Vec<Secret>,
}

impl Scrubber {
    /// A scrubber for `secrets` (tokens and app secrets alike).
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        Self {
            secrets: secrets.into_iter().cloned().collect(),
        }
    }

    /// This scrubber, and `more` secrets besides.
    pub(crate) fn with(&self, more: Vec<Secret>) -> Self {
        let mut secrets = self.secrets.clone();
        secrets.extend(more);
        Self { secrets }
    }

    /// `text` with every occurrence of each secret replaced by `<redacted>`: as is,
    /// percent-encoded as in a query, and JSON-escaped as a server echoing it in a JSON body
    /// writes it (a secret holding `"` or a backslash).
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            let secret = secret.expose();
            if secret.len() < MIN_SCRUBBED_LEN {
                continue;
            }
            for form in forms(secret) {
                if out.contains(form.as_ref()) {
                    out = out.replace(form.as_ref(), REDACTED);
                }
            }
        }
        out
    }

    /// The first `chars` characters of `text`, scrubbed before the cut: a secret that begins
    /// before it and runs across is still replaced, not left half-shown.
    pub(crate) fn scrub_head(&self, text: &str, chars: usize) -> String {
        let head = first_chars(text, chars.saturating_add(self.longest_form()));
        let scrubbed = self.scrub(head);
        first_chars(&scrubbed, chars).to_owned()
    }

    /// The length in bytes of the longest form of any secret (0 without secrets).
    pub(crate) fn longest_form(&self) -> usize {
        self.secrets
            .iter()
            .flat_map(|secret| forms(secret.expose()).map(|form| form.len()))
            .max()
            .unwrap_or(0)
    }

    /// Scrubs every string (and key) of a JSON value in place. A value holds the secrets as they
    /// are, whatever escaping the wire used.
    pub(crate) fn scrub_value(&self, value: &mut serde_json::Value) {
        use serde_json::Value;
        if self.secrets.is_empty() {
            return;
        }
        let mut stack = vec![value];
        while let Some(value) = stack.pop() {
            match value {
                Value::String(text) if self.needs_scrubbing(text) => *text = self.scrub(text),
                Value::Array(items) => stack.extend(items.iter_mut()),
                Value::Object(map) => {
                    if map.keys().any(|key| self.needs_scrubbing(key)) {
                        let entries = std::mem::take(map);
                        *map = entries
                            .into_iter()
                            .map(|(key, value)| (self.scrub(&key), value))
                            .collect();
                    }
                    stack.extend(map.values_mut());
                }
                _ => {}
            }
        }
    }

    fn needs_scrubbing(&self, text: &str) -> bool {
        self.secrets.iter().any(|secret| {
            let secret = secret.expose();
            secret.len() >= MIN_SCRUBBED_LEN && forms(secret).any(|form| text.contains(&*form))
        })
    }
}

/// `text`, or its first `chars` characters.
fn first_chars(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// The forms a secret can take in a text: as is, percent-encoded (a query), JSON-escaped (a JSON
/// body, by serde's rules and with `/` written `\/` as PHP and some Java libraries do). Each form
/// once.
fn forms(secret: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    let encoded: String = reqwest::Url::parse_with_params("http://x/", [("t", secret)])
        .ok()
        .and_then(|url| url.query().map(|q| q.trim_start_matches("t=").to_owned()))
        .unwrap_or_default();
    let escaped = serde_json::to_string(secret).unwrap_or_default();
    let escaped = escaped
        .strip_prefix('"')
        .and_then(|e| e.strip_suffix('"'))
        .unwrap_or_default()
        .to_owned();
    let slashes = escaped.replace('/', "\\/");
    let mut out = vec![std::borrow::Cow::Borrowed(secret)];
    for form in [encoded, escaped, slashes] {
        if !form.is_empty() && !out.iter().any(|known| *known == form) {
            out.push(std::borrow::Cow::Owned(form));
        }
    }
    out.into_iter()
}

/// A transport error from a reqwest error, without the URL (which may carry the token or the app
/// secret) and with the secrets scrubbed from whatever else the error says.
///
/// `what` says which call failed (`POST https://oapi.dingtalk.com/topapi/chat/updategroupnick`),
/// written without the query.
pub(crate) fn transport_error(
    error: reqwest::Error,
    what: &str,
    scrubber: &Scrubber,
) -> TransportError {
    // A connection that timed out is a connect failure (nothing was sent), not a timeout of a
    // request that may have been carried out: reqwest marks it both.
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Other
    };
    let error = error.without_url();
    let mut message = format!("{what}: {error}");
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError::new(kind, scrubber.scrub(&message), Some(Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let token = AccessToken::new("t-secret-token");
        assert_eq!(format!("{token:?}"), "AccessToken(\"<redacted>\")");
        assert_eq!(format!("{:?}", Secret::new("app-secret")), "\"<redacted>\"");
    }

    #[test]
    fn scrubs_plain_and_percent_encoded_secrets() {
        let token = Secret::new("ab+c/d=secret");
        let app_secret = Secret::new("gK9_app/secret");
        let scrubber = Scrubber::new([&token, &app_secret]);
        assert_eq!(
            scrubber.scrub(
                "GET /x?access_token=ab%2Bc%2Fd%3Dsecret and ab+c/d=secret, appsecret=gK9_app%2Fsecret"
            ),
            "GET /x?access_token=<redacted> and <redacted>, appsecret=<redacted>"
        );
        assert_eq!(Scrubber::new([&Secret::new("ab")]).scrub("abc"), "abc");
        assert_eq!(
            Scrubber::default().scrub("nothing to hide"),
            "nothing to hide"
        );
    }

    #[test]
    fn scrubs_json_escaped_secrets_and_json_values() {
        let secret = Secret::new(r#"sec"ret\path"#);
        let scrubber = Scrubber::new([&secret]);
        assert_eq!(
            scrubber.scrub(r#"{"echo": "sec\"ret\\path"}"#),
            r#"{"echo": "<redacted>"}"#
        );
        let mut value = serde_json::json!({
            "message": r#"bad secret sec"ret\path"#,
            "nested": [{"sec\"ret\\path": 1, "other": "fine"}],
            "code": 400
        });
        scrubber.scrub_value(&mut value);
        assert_eq!(
            value,
            serde_json::json!({
                "message": "bad secret <redacted>",
                "nested": [{"<redacted>": 1, "other": "fine"}],
                "code": 400
            })
        );
    }
}
