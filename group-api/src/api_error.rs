//! What the server answers when a call fails, as the spec documents it: error codes
//! ([`ErrorCode`]), what kind of failure a row describes ([`ErrorCategory`]), the documented rows
//! themselves ([`ErrorRow`]), and the traits every generated error enum implements ([`ApiError`]
//! for an endpoint's, [`PlatformError`] for a platform API's).
//!
//! `ApiError`, `ErrorCode` and `ErrorCategory` are also at the crate root: they are what a caller
//! matches on.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;
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

impl ErrorCategory {
    /// The category a [`RowTable`] names by its variant name.
    fn from_variant_name(name: &str) -> Option<Self> {
        Some(match name {
            "InvalidRequest" => Self::InvalidRequest,
            "NotFound" => Self::NotFound,
            "Conflict" => Self::Conflict,
            "Permission" => Self::Permission,
            "TokenRejected" => Self::TokenRejected,
            "RateLimited" => Self::RateLimited,
            "QuotaExceeded" => Self::QuotaExceeded,
            "Server" => Self::Server,
            "Cancelled" => Self::Cancelled,
            "Unsupported" => Self::Unsupported,
            _ => return None,
        })
    }
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

impl ErrorRow {
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
}

/// A table of error rows as generated code writes it: one string literal, read into rows the
/// first time an error of its enum needs one (a call that succeeds never reads it).
///
/// A literal costs the compiler one token; a `const` table of rows cost it a const evaluation of
/// every row, in every crate that generates endpoints. Each row is ten fields in this order,
/// each written `<length in bytes>:<text>` so that no text needs escaping: the variant, the code
/// (`n` and the decimal number, or `t` and the text), the category's variant name, the HTTP
/// status (empty for none), the message and the message pattern (`-` for none, `+` and the text),
/// the explanation, `1` if retrying can help (else empty), the advised wait in milliseconds and
/// the advised attempts (empty for none). A table that does not read whole (the generator writes
/// them, so it would be a bug) keeps the rows it read before the fault.
#[doc(hidden)]
pub struct RowTable {
    text: &'static str,
    rows: OnceLock<Box<[ErrorRow]>>,
}

impl RowTable {
    #[doc(hidden)]
    pub const fn new(text: &'static str) -> Self {
        Self {
            text,
            rows: OnceLock::new(),
        }
    }

    /// The rows, read on first use.
    pub fn rows(&'static self) -> &'static [ErrorRow] {
        self.rows
            .get_or_init(|| read_rows(self.text).into_boxed_slice())
    }

    /// The row at `index`; a row the table does not have (which would be a bug, the generator
    /// writes one row per variant) is [`UNREADABLE_ROW`], not a panic.
    pub fn row(&'static self, index: usize) -> &'static ErrorRow {
        self.rows().get(index).unwrap_or(&UNREADABLE_ROW)
    }
}

/// What [`RowTable::row`] answers for a row its table does not have.
static UNREADABLE_ROW: ErrorRow = ErrorRow {
    variant: "",
    status: None,
    code: ErrorCode::Text(Cow::Borrowed("")),
    message: None,
    message_pattern: None,
    explanation: "group-api could not read this error's documented row",
    category: ErrorCategory::Server,
    retryable: false,
    retry_after: None,
    max_attempts: None,
};

/// The rows of a [`RowTable`] text, up to the first one that does not read.
fn read_rows(mut text: &'static str) -> Vec<ErrorRow> {
    let mut rows = Vec::new();
    while !text.is_empty() {
        match read_row(&mut text) {
            Some(row) => rows.push(row),
            None => break,
        }
    }
    rows
}

/// An optional number of a row: empty for none.
fn number<T: std::str::FromStr>(value: &str) -> Option<T> {
    value.parse().ok()
}

fn read_row(text: &mut &'static str) -> Option<ErrorRow> {
    let mut field = || -> Option<&'static str> {
        let (length, rest) = text.split_once(':')?;
        let length: usize = length.parse().ok()?;
        let value = rest.get(..length)?;
        *text = &rest[length..];
        Some(value)
    };
    let variant = field()?;
    let code = field()?;
    let code = match code.split_at_checked(1)? {
        ("n", number) => ErrorCode::Number(number.parse().ok()?),
        ("t", text) => ErrorCode::Text(Cow::Borrowed(text)),
        _ => return None,
    };
    let category = ErrorCategory::from_variant_name(field()?)?;
    let status = field().map(number)?;
    let optional = |value: &'static str| value.strip_prefix('+');
    let message = field().map(optional)?;
    let message_pattern = field().map(optional)?;
    let explanation = field()?;
    let retryable = field()? == "1";
    let retry_after = field().map(number)?.map(Duration::from_millis);
    let max_attempts = field().map(number)?;
    Some(ErrorRow {
        variant,
        status,
        code,
        message,
        message_pattern,
        explanation,
        category,
        retryable,
        retry_after,
        max_attempts,
    })
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
        ErrorRow {
            variant: "Row",
            status: None,
            code: ErrorCode::Number(1),
            message: Some(Box::leak(shown.into_boxed_str())),
            message_pattern: message.contains("%s").then_some(message),
            explanation: "",
            category: ErrorCategory::InvalidRequest,
            retryable: false,
            retry_after: None,
            max_attempts: None,
        }
    }

    /// One table row in the generator's form: `<length>:<text>` per field.
    fn encoded(fields: &[&str]) -> String {
        fields.iter().map(|f| format!("{}:{f}", f.len())).collect()
    }

    #[test]
    fn a_row_table_reads_every_field() {
        let text = encoded(&[
            "ChatDissolved",
            "n232009",
            "NotFound",
            "400",
            "+群组已被解散: 10:1",
            "-",
            "群组已被解散，无法操作。\n第二行",
            "1",
            "1500",
            "3",
        ]) + &encoded(&[
            "NoSession",
            "tno session",
            "TokenRejected",
            "",
            "-",
            "+%s expired",
            "",
            "",
            "",
            "",
        ]);
        let table: &'static RowTable =
            Box::leak(Box::new(RowTable::new(Box::leak(text.into_boxed_str()))));
        let rows = table.rows();
        assert_eq!(rows.len(), 2);
        let first = &rows[0];
        assert_eq!((first.variant, first.status), ("ChatDissolved", Some(400)));
        assert_eq!(first.code, ErrorCode::Number(232009));
        assert_eq!(first.category, ErrorCategory::NotFound);
        assert_eq!(first.message, Some("群组已被解散: 10:1"));
        assert_eq!(first.message_pattern, None);
        assert_eq!(first.explanation, "群组已被解散，无法操作。\n第二行");
        assert!(first.retryable);
        assert_eq!(first.retry_after, Some(Duration::from_millis(1500)));
        assert_eq!(first.max_attempts, Some(3));
        let second = &rows[1];
        assert_eq!(second.code, ErrorCode::Text(Cow::Borrowed("no session")));
        assert_eq!((second.status, second.message), (None, None));
        assert_eq!(second.message_pattern, Some("%s expired"));
        assert!(!second.retryable && second.retry_after.is_none() && second.max_attempts.is_none());
        // The same table object answers the same rows again.
        assert!(std::ptr::eq(rows, table.rows()));
    }

    #[test]
    fn a_row_table_names_every_category_by_its_variant_name() {
        use ErrorCategory::*;
        let all = [
            InvalidRequest,
            NotFound,
            Conflict,
            Permission,
            TokenRejected,
            RateLimited,
            QuotaExceeded,
            Server,
            Cancelled,
            Unsupported,
        ];
        for category in all {
            // The generator writes `Category::variant_name()`, the same text as `Debug`.
            let name = format!("{category:?}");
            assert_eq!(
                ErrorCategory::from_variant_name(&name),
                Some(category),
                "{name}"
            );
        }
    }

    #[test]
    fn a_missing_row_is_the_unreadable_row_not_a_panic() {
        let table: &'static RowTable = Box::leak(Box::new(RowTable::new("")));
        assert!(table.rows().is_empty());
        assert_eq!(table.row(3).category, ErrorCategory::Server);
        assert!(table.row(0).explanation.contains("could not read"));
    }

    #[test]
    fn a_broken_row_table_keeps_the_rows_before_the_fault() {
        let good = encoded(&["A", "n1", "Server", "", "-", "-", "", "", "", ""]);
        for broken in [
            encoded(&["B", "x1", "Server", "", "-", "-", "", "", "", ""]),
            encoded(&["B", "n1", "NoSuchCategory", "", "-", "-", "", "", "", ""]),
            "99:too short".to_owned(),
            "B".to_owned(),
            encoded(&["B", "n1", "Server"]),
        ] {
            let text: &'static str = Box::leak(format!("{good}{broken}").into_boxed_str());
            let rows = read_rows(text);
            assert_eq!(rows.len(), 1, "{broken}");
            assert_eq!(rows[0].variant, "A");
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
