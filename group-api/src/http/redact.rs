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

use crate::failure::{TransportError, TransportErrorKind};

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

    /// `text` with every occurrence of each secret (as is, or percent-encoded as in a query)
    /// replaced by `<redacted>`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            let secret = secret.expose();
            if secret.len() < MIN_SCRUBBED_LEN {
                continue;
            }
            out = out.replace(secret, REDACTED);
            let encoded: String = reqwest::Url::parse_with_params("http://x/", [("t", secret)])
                .ok()
                .and_then(|url| url.query().map(|q| q.trim_start_matches("t=").to_owned()))
                .unwrap_or_default();
            if !encoded.is_empty() && encoded != secret {
                out = out.replace(&encoded, REDACTED);
            }
        }
        out
    }
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
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
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
}
