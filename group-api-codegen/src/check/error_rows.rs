//! Rules of error rows, an endpoint's and an API's alike: they become enum variants and a table the
//! runtime matches answers against.

use std::collections::HashMap;

use crate::diag::{Ctxt, Loc};
use crate::model::*;
use crate::names::variant_problem;

/// Every rule of a list of rows: each variant is an UpperCamelCase name that is not reserved and
/// not used twice; rows that share a code differ by message, or the runtime could not tell them
/// apart; a JS-SDK row's code is the `errMsg` reason, a string; retry advice is only for a row
/// that is retryable.
pub fn check_error_rows(
    cx: &mut Ctxt,
    rows: &[ErrorRow],
    transport: ApiTransport,
    reserved: &[&str],
) {
    let mut variants: HashMap<&str, &Loc> = HashMap::new();
    let mut codes: HashMap<(&Code, Option<&str>), &Loc> = HashMap::new();
    for row in rows {
        if let Some((problem, help)) = variant_problem(&row.variant) {
            cx.error(
                &row.at,
                format!("error variant `{}` {problem}", row.variant),
                Some(help),
            );
        } else if reserved.contains(&row.variant.as_str()) {
            let help = Some("the generator uses this name itself; choose another name".into());
            cx.error(
                &row.at,
                format!("error variant name `{}` is reserved", row.variant),
                help,
            );
        } else if variants.insert(&row.variant, &row.at).is_some() {
            cx.error(
                &row.at,
                format!("error variant `{}` is defined twice", row.variant),
                Some("each row needs its own variant name; rows that share a code differ by `message`".into()),
            );
        }
        if codes
            .insert((&row.code, row.message.as_deref()), &row.at)
            .is_some()
        {
            let message = format!(
                "two error rows have code `{}` and the same message",
                row.code
            );
            let help = Some("rows that share a code are told apart by their `message`".into());
            cx.error(&row.at, message, help);
        }
        if transport == ApiTransport::JsSdk && matches!(row.code, Code::Number(_)) {
            let help = Some(
                "a JS-SDK row's code is the errMsg reason, e.g. `\"no session or expired\"`".into(),
            );
            cx.error(
                &Loc {
                    path: row.at.path.replace(".variant", ".code"),
                    ..row.at.clone()
                },
                "expected a string code",
                help,
            );
        }
        if !row.retryable && (row.retry_after_ms.is_some() || row.max_attempts.is_some()) {
            let help = Some("set `\"retryable\": true`, or drop the retry advice".into());
            cx.error(&row.at, "retry advice on a row that is not retryable", help);
        }
    }
}

/// An endpoint's row names are unique within the endpoint and its platform API (spec/README.md):
/// a row that repeats a platform-wide row's variant would be two variants for one answer, the
/// endpoint's and `Platform(..)`'s, and callers could not tell which one they get.
pub fn rows_are_not_the_apis_own(cx: &mut Ctxt, rows: &[ErrorRow], api: &ApiSpec) {
    for row in rows {
        let Some(platform) = api.errors.iter().find(|p| p.variant == row.variant) else {
            continue;
        };
        let help = if platform.code == row.code {
            format!(
                "the platform-wide row (code `{}`) already covers this answer for every endpoint of `{}`; remove this row",
                platform.code, api.name
            )
        } else {
            "choose another variant name".to_owned()
        };
        cx.error(
            &row.at,
            format!(
                "error variant `{}` is a platform-wide row of API `{}`",
                row.variant, api.name
            ),
            Some(help),
        );
    }
}
