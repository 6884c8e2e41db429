//! Error rows: an endpoint's documented errors, and an API's platform-wide ones.

use jsonc_parser::ast::Value as Node;

use super::json::{Obj, Reader, found};
use super::keys;
use crate::model::{Category, Code, ErrorRow};

impl Reader<'_> {
    /// The `errors` of an endpoint or an API; a row that cannot be built is left out (and marks
    /// the list incomplete).
    pub(super) fn error_rows(&mut self, obj: &Obj) -> Vec<ErrorRow> {
        self.entries(obj, "errors", Self::error_row)
    }

    /// One row; nothing is built without its `variant` and `code`. A `category` that cannot be
    /// read is absent, so the rest of the row is still checked.
    fn error_row(&mut self, node: &Node, path: String) -> Option<ErrorRow> {
        let obj = self.object(node, path, keys::ERROR_ROW)?;
        let variant = self.required(&obj, "variant");
        let status = self.integer(&obj, "status", 100, 599).map(|s| s as u16);
        let code = self.code(&obj);
        let message = self.opt_string(&obj, "message");
        let explanation = self.opt_string(&obj, "explanation").unwrap_or_default();
        let category = self.choice(&obj, "category", &Category::ALL);
        let retryable = self.bool(&obj, "retryable");
        let retry_after_ms = self
            .integer(&obj, "retry_after_ms", 0, 86_400_000)
            .map(|n| n as u64);
        let max_attempts = self.integer(&obj, "max_attempts", 1, 100).map(|n| n as u32);
        let source = self.opt_string(&obj, "source");
        self.strings(&obj, "notes");
        Some(ErrorRow {
            at: obj.loc("variant"),
            variant: variant?,
            status,
            code: code?,
            message,
            explanation,
            category,
            retryable,
            retry_after_ms,
            max_attempts,
            source,
        })
    }

    /// `code`: a whole number or a string, as the server sends it.
    fn code(&mut self, obj: &Obj) -> Option<Code> {
        let at = obj.loc("code");
        match obj.get("code") {
            Some(Node::StringLit(s)) => Some(Code::Text(s.value.to_string())),
            Some(Node::NumberLit(n)) => match n.value.parse::<i64>() {
                Ok(n) => Some(Code::Number(n)),
                Err(_) => {
                    let message =
                        format!("expected a whole number or a string, found `{}`", n.value);
                    self.error(&at, message, None);
                    None
                }
            },
            Some(other) => {
                let message = format!("expected a number or a string, found {}", found(other));
                self.error(&at, message, None);
                None
            }
            None => {
                self.missing(obj, "code");
                None
            }
        }
    }
}
