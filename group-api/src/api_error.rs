//! What the server answers when a call fails, as the spec documents it: error codes
//! ([`ErrorCode`]), what kind of failure a row describes ([`ErrorCategory`]), the documented rows
//! themselves ([`ErrorRow`]), and the traits every generated error enum implements ([`ApiError`]
//! for an endpoint's, [`PlatformError`] for a platform API's).
//!
//! `ApiError`, `ErrorCode` and `ErrorCategory` are also at the crate root: they are what a caller
//! matches on.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// An error code as the server sends it: DingTalk's new API and the WeCom JS-SDK use text
/// (`"permession.checkFailed"`, `"no session or expired"`), DingTalk's old API and Feishu use
/// numbers (`40014`, `42013`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A numeric code.
    Number(i64),
    /// A textual code.
    Text(Cow<'static, str>),
}

impl ErrorCode {
    /// A textual code from a borrowed string.
    pub fn text(code: &str) -> Self {
        ErrorCode::Text(Cow::Owned(code.to_owned()))
    }

    /// Reads a code from a JSON value: a number, or a string (a string of digits stays text).
    pub fn from_json(value: &serde_json::Value) -> Option<Self> {
        match value {
            serde_json::Value::Number(n) => n.as_i64().map(ErrorCode::Number),
            serde_json::Value::String(s) => Some(ErrorCode::text(s)),
            _ => None,
        }
    }

    /// Whether this code equals `other`, comparing a number with its decimal text too
    /// (some gateways send `"40014"` where the page documents `40014`).
    pub fn matches(&self, other: &ErrorCode) -> bool {
        match (self, other) {
            (ErrorCode::Number(a), ErrorCode::Number(b)) => a == b,
            (ErrorCode::Text(a), ErrorCode::Text(b)) => a == b,
            (ErrorCode::Number(n), ErrorCode::Text(t))
            | (ErrorCode::Text(t), ErrorCode::Number(n)) => {
                t.trim().parse::<i64>().ok() == Some(*n)
            }
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorCode::Number(n) => write!(f, "{n}"),
            ErrorCode::Text(t) => f.write_str(t),
        }
    }
}

impl PartialEq<i64> for ErrorCode {
    fn eq(&self, other: &i64) -> bool {
        matches!(self, ErrorCode::Number(n) if n == other)
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        matches!(self, ErrorCode::Text(t) if t == other)
    }
}

/// What kind of failure an error row describes; clients use it to decide whether to retry,
/// refresh a token, or give up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCategory {
    /// The request is wrong; fix it before sending again.
    InvalidRequest,
    /// The thing named does not exist.
    NotFound,
    /// The request conflicts with existing state (a duplicate name, say).
    Conflict,
    /// The app or user lacks a permission.
    Permission,
    /// The access token was refused: get a new one, then try once more.
    TokenRejected,
    /// Too many calls; wait, then retry.
    RateLimited,
    /// A quota is used up; retrying soon will not help.
    QuotaExceeded,
    /// The server failed.
    Server,
    /// The user cancelled (JS-SDK).
    Cancelled,
    /// The operation is not supported for this target.
    Unsupported,
}

/// One documented error row, as transcribed in a spec file.
#[derive(Debug)]
#[non_exhaustive]
pub struct ErrorRow {
    /// The Rust variant name.
    pub variant: &'static str,
    /// The HTTP status the page gives for the row.
    pub status: Option<u16>,
    /// The code as the server sends it.
    pub code: ErrorCode,
    /// The page's error message, shown without the page's `%s` placeholders.
    pub message: Option<&'static str>,
    /// The page's message as printed, when it has `%s` placeholders: matched against the server's
    /// message as a pattern (`%s` stands for any text).
    pub message_pattern: Option<&'static str>,
    /// The page's explanation or advice.
    pub explanation: &'static str,
    /// What kind of failure it is.
    pub category: ErrorCategory,
    /// Whether trying again can help.
    pub retryable: bool,
    /// The vendor's advice on how long to wait before trying again.
    pub retry_after: Option<Duration>,
    /// The vendor's advice on how many attempts make sense.
    pub max_attempts: Option<u32>,
}

/// The rows' constructor, for generated code: the three parts every row has, then one labelled call
/// per part the spec gives (`ErrorRow::new("GroupNameExceedLimit", code, category).with_status(400)`).
impl ErrorRow {
    #[doc(hidden)]
    pub const fn new(variant: &'static str, code: ErrorCode, category: ErrorCategory) -> Self {
        Self {
            variant,
            status: None,
            code,
            message: None,
            message_pattern: None,
            explanation: "",
            category,
            retryable: false,
            retry_after: None,
            max_attempts: None,
        }
    }

    #[doc(hidden)]
    pub const fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    #[doc(hidden)]
    pub const fn with_message(mut self, message: &'static str) -> Self {
        self.message = Some(message);
        self
    }

    /// The page's message with its `%s` placeholders, for matching; `with_message` gets it as
    /// shown.
    #[doc(hidden)]
    pub const fn with_message_pattern(mut self, pattern: &'static str) -> Self {
        self.message_pattern = Some(pattern);
        self
    }

    /// Whether the server's `message` is this row's documented one: the same, containing it, or
    /// (for a message with `%s`) matching its pattern. A row without a message matches any.
    pub fn matches_message(&self, message: &str) -> bool {
        if let Some(pattern) = self.message_pattern {
            // A placeholder may stand for text at either end, spaces included.
            return pattern_matches(pattern, message) || pattern_matches(pattern, message.trim());
        }
        let message = message.trim();
        match self.message {
            None => true,
            Some(documented) => {
                documented == message || (!documented.is_empty() && message.contains(documented))
            }
        }
    }

    #[doc(hidden)]
    pub const fn with_explanation(mut self, explanation: &'static str) -> Self {
        self.explanation = explanation;
        self
    }

    #[doc(hidden)]
    pub const fn with_retryable(mut self) -> Self {
        self.retryable = true;
        self
    }

    #[doc(hidden)]
    pub const fn with_retry_after_ms(mut self, ms: u64) -> Self {
        self.retry_after = Some(Duration::from_millis(ms));
        self
    }

    #[doc(hidden)]
    pub const fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }
}

/// Finds the row an answer from the server belongs to.
///
/// Rows are matched on the code. Where several rows share a code (DingTalk documents
/// `permession.checkFailed` twice), the message tells them apart: an exact match first, then a
/// documented message contained in the server's (or a message with `%s` matching it as a pattern),
/// then the HTTP status, and otherwise the first of
/// them, which is the page's general row.
#[doc(hidden)]
pub fn match_row(
    rows: &[ErrorRow],
    status: Option<u16>,
    code: &ErrorCode,
    message: &str,
) -> Option<usize> {
    let mut candidates = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.code.matches(code));
    let first = candidates.next()?;
    let rest: Vec<_> = candidates.collect();
    if rest.is_empty() {
        return Some(first.0);
    }
    let all = || std::iter::once(first).chain(rest.iter().copied());
    let message = message.trim();
    all()
        .find(|(_, row)| row.message == Some(message) && row.message_pattern.is_none())
        .or_else(|| {
            all().find(|(_, row)| {
                row.message.is_some_and(|m| !m.is_empty()) && row.matches_message(message)
            })
        })
        .or_else(|| all().find(|(_, row)| status.is_some() && row.status == status))
        .map(|(index, _)| index)
        .or(Some(first.0))
}

/// Whether `text` matches the page's `pattern`, where each `%s` stands for any text (empty
/// included) and the rest must appear as written, in order.
fn pattern_matches(pattern: &str, text: &str) -> bool {
    let mut pieces = pattern.split("%s");
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// `ApiError::from_wire` of a generated endpoint error enum: the variant of the documented row the
/// answer matches (`documented[i]` is the variant of `rows[i]`), else the platform-wide row's,
/// else the code and message kept as sent.
#[doc(hidden)]
pub fn endpoint_from_wire<E: Clone, P: PlatformError>(
    (rows, documented): (&[ErrorRow], &[E]),
    status: Option<u16>,
    code: ErrorCode,
    message: &str,
    platform: fn(P) -> E,
    undocumented: fn(ErrorCode, String) -> E,
) -> E {
    if let Some(error) = match_row(rows, status, &code, message).and_then(|i| documented.get(i)) {
        return error.clone();
    }
    match P::from_wire(status, &code, message) {
        Some(found) => platform(found),
        None => undocumented(code, message.to_owned()),
    }
}

/// `ApiError::row` of a generated enum's documented variants: the row at the variant's position
/// in `documented`. `None` for any other variant.
#[doc(hidden)]
pub fn documented_row<E: PartialEq>(
    (rows, documented): (&'static [ErrorRow], &[E]),
    error: &E,
) -> Option<&'static ErrorRow> {
    documented
        .iter()
        .position(|variant| variant == error)
        .and_then(|i| rows.get(i))
}

/// `ApiError::documented` of a generated endpoint error enum: its own variants, then its API's
/// platform-wide ones wrapped by `platform`.
#[doc(hidden)]
pub fn documented_with_platform<E: Clone, P: PlatformError>(
    own: &[E],
    platform: fn(P) -> E,
) -> Vec<E> {
    own.iter()
        .cloned()
        .chain(P::documented().iter().cloned().map(platform))
        .collect()
}

/// Implemented by every generated platform error enum (`dingtalk::V1PlatformError`, ...): the rows
/// a platform documents once for all its endpoints.
pub trait PlatformError: Sized + Clone + fmt::Debug + Send + Sync + 'static {
    /// The platform-wide row this answer belongs to, if any.
    fn from_wire(status: Option<u16>, code: &ErrorCode, message: &str) -> Option<Self>;
    /// The documented row of this error.
    fn row(&self) -> &'static ErrorRow;

    /// Every variant, in the order of the platform file's rows.
    fn documented() -> &'static [Self] {
        &[]
    }
}

/// Implemented by every generated endpoint error enum (`<Name>Error`).
///
/// The generated enums also have inherent `code()`, `message()` and `is_retryable()`, so callers
/// need not import this trait.
pub trait ApiError: std::error::Error + Sized + Clone + Send + Sync + 'static {
    /// Builds the error from what the wire carries: HTTP status (where there is one), code and
    /// message. An undocumented code is kept, not lost.
    fn from_wire(status: Option<u16>, code: ErrorCode, message: &str) -> Self;

    /// The documented row of this error; `None` for an undocumented code.
    fn row(&self) -> Option<&'static ErrorRow>;

    /// For an undocumented code: the code and message exactly as the server sent them.
    fn undocumented(&self) -> Option<(&ErrorCode, &str)>;

    /// For a JS-SDK endpoint, the API name its `errMsg` starts with (`updateCorpGroupChat`).
    fn api_name() -> Option<&'static str> {
        None
    }

    /// Every documented error of the endpoint: a variant per row of its page's table, in order,
    /// then its API's platform-wide errors (tokens, rate limits, quotas). What a test goes through
    /// to see each documented answer handled (`testing::StandIn` answers any of them).
    fn documented() -> Vec<Self> {
        Vec::new()
    }

    /// The code as the server sends it.
    fn code(&self) -> ErrorCode {
        match (self.row(), self.undocumented()) {
            (Some(row), _) => row.code.clone(),
            (None, Some((code, _))) => code.clone(),
            (None, None) => ErrorCode::Text(Cow::Borrowed("")),
        }
    }

    /// The documented message, or for an undocumented code the server's message.
    fn message(&self) -> &str {
        match (self.row(), self.undocumented()) {
            (Some(row), _) => row.message.unwrap_or(row.explanation),
            (None, Some((_, message))) => message,
            (None, None) => "",
        }
    }

    /// What kind of failure this is; `None` for an undocumented code.
    fn category(&self) -> Option<ErrorCategory> {
        self.row().map(|row| row.category)
    }

    /// Whether trying again can help. An undocumented code is not retried.
    fn is_retryable(&self) -> bool {
        self.row().is_some_and(|row| row.retryable)
    }
}

/// Display for generated error enums: `code: message`, with the page's advice where it differs.
#[doc(hidden)]
pub fn fmt_api_error<E: ApiError>(error: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match error.row() {
        Some(row) => {
            write!(f, "{}", row.code)?;
            if let Some(message) = row.message {
                write!(f, ": {message}")?;
            }
            if !row.explanation.is_empty() && row.message != Some(row.explanation) {
                write!(f, " ({})", row.explanation)?;
            }
            Ok(())
        }
        None => write!(
            f,
            "{}: {} (undocumented error code)",
            error.code(),
            error.message()
        ),
    }
}

/// Reads a JS-SDK `errMsg` for `api`: `None` for `"<api>:ok"` or an errMsg of another API;
/// `"<api>:cancel"` is the code `cancel`; `"<api>:fail <reason>"` is the code `<reason>`.
#[doc(hidden)]
pub fn parse_err_msg<E: ApiError>(api: &str, err_msg: &str) -> Option<E> {
    let outcome = err_msg.strip_prefix(api)?.strip_prefix(':')?.trim();
    if outcome == "ok" {
        return None;
    }
    // "fail <reason>" (or a bare "fail"); "failed x" is not the fail outcome.
    let reason = match outcome.strip_prefix("fail") {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim(),
        _ => outcome,
    };
    Some(E::from_wire(None, ErrorCode::text(reason), err_msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(message: &'static str) -> ErrorRow {
        let shown = message.replace("%s", "");
        let row = ErrorRow::new("Row", ErrorCode::Number(1), ErrorCategory::InvalidRequest)
            .with_message(Box::leak(shown.into_boxed_str()));
        if message.contains("%s") {
            row.with_message_pattern(message)
        } else {
            row
        }
    }

    #[test]
    fn a_message_with_placeholders_matches_as_a_pattern() {
        let r = row("field %s is invalid: %s");
        assert!(r.matches_message("field name is invalid: too long"));
        assert!(r.matches_message("field  is invalid: "));
        assert!(!r.matches_message("field name is wrong"));
        assert!(!r.matches_message("the field name is invalid: x"));
        assert!(row("%s").matches_message("anything"));
        assert!(row("ends %s").matches_message("ends here"));
        assert!(!row("a%sa").matches_message("a"));
    }

    #[test]
    fn rows_that_share_a_code_are_told_apart_by_pattern() {
        let rows = [
            row("general"),
            row("user %s not found"),
            row("group %s not found"),
        ];
        let code = ErrorCode::Number(1);
        assert_eq!(match_row(&rows, None, &code, "group 42 not found"), Some(2));
        assert_eq!(match_row(&rows, None, &code, "user u1 not found"), Some(1));
        assert_eq!(match_row(&rows, None, &code, "other"), Some(0));
    }
}
