//! Keeping the access token out of everything a user might print or log.
//!
//! The token is held in an [`AccessToken`] whose `Debug` is `"<redacted>"`. Errors are built from
//! parts that never hold it: reqwest's errors print the URL, and DingTalk's old API carries the
//! token in the query, so transport errors are written without the URL. As a last line of
//! defence, every text that ends up in an error (a server message, the first bytes of a body that
//! might echo the request) has the token replaced by `<redacted>`.

use std::fmt;
use std::sync::Arc;

use crate::failure::{TransportError, TransportErrorKind};

/// What a redacted secret prints as.
pub(crate) const REDACTED: &str = "<redacted>";

/// Tokens shorter than this are not searched for in texts: replacing every `ab` in a message
/// would garble it, and no platform issues tokens that short.
const MIN_SCRUBBED_LEN: usize = 6;

/// An access token. Its `Debug` never shows it.
#[derive(Clone)]
pub(crate) struct AccessToken(Arc<str>);

impl AccessToken {
    pub(crate) fn new(token: impl Into<String>) -> Self {
        Self(Arc::from(token.into()))
    }

    /// The token itself, for the one place it belongs: the request.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the token (as is, or percent-encoded as in a query)
    /// replaced by `<redacted>`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let token = self.expose();
        if token.len() < MIN_SCRUBBED_LEN {
            return text.to_owned();
        }
        let mut out = text.replace(token, REDACTED);
        let encoded: String = reqwest::Url::parse_with_params("http://x/", [("t", token)])
            .ok()
            .and_then(|url| url.query().map(|q| q.trim_start_matches("t=").to_owned()))
            .unwrap_or_default();
        if !encoded.is_empty() && encoded != token {
            out = out.replace(&encoded, REDACTED);
        }
        out
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format!("{REDACTED:?}"))
    }
}

/// A transport error from a reqwest error, without the URL (which may carry the token) and with
/// the token scrubbed from whatever else the error says.
///
/// `what` says which call failed (`POST https://oapi.dingtalk.com/topapi/chat/updategroupnick`),
/// written without the query.
pub(crate) fn transport_error(
    error: reqwest::Error,
    what: &str,
    token: &AccessToken,
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
    TransportError::new(kind, token.scrub(&message), Some(Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let token = AccessToken::new("t-secret-token");
        assert_eq!(format!("{token:?}"), "\"<redacted>\"");
    }

    #[test]
    fn scrubs_plain_and_percent_encoded_tokens() {
        let token = AccessToken::new("ab+c/d=secret");
        assert_eq!(
            token.scrub("GET /x?access_token=ab%2Bc%2Fd%3Dsecret and ab+c/d=secret"),
            "GET /x?access_token=<redacted> and <redacted>"
        );
        assert_eq!(AccessToken::new("ab").scrub("abc"), "abc");
    }
}
