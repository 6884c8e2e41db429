//! Loading: spec file text → model. Every problem is reported with its place and the loader goes on,
//! so one build shows all of them; an entry that cannot be built is left out of the model (see
//! `model`). Nothing here panics on any input.
//!
//! One module per part of the format: `platform` (a platform file, its APIs and token), `endpoint`
//! (an endpoint file, its transport and request), `field` (fields and their types), `error_row`,
//! `example`, `rules` (rules across fields); `keys` lists the keys each object allows, and `json` is the location-tracking reader
//! they all use.

mod endpoint;
mod error_row;
mod example;
mod field;
mod json;
pub mod keys;
mod platform;
mod rules;

use jsonc_parser::{CollectOptions, parse_to_ast};

use crate::diag::{Ctxt, Loc};
use crate::model::{PlatformSpec, SpecSet};
use crate::source::file_kind;
use json::Reader;

/// Loads every file of the context into `set`.
pub fn load_all(cx: &mut Ctxt, set: &mut SpecSet) {
    for index in 0..cx.files.len() {
        // The text is cloned so the AST can borrow it while the context takes reports.
        let text = cx.files[index].text.clone();
        let name = cx.files[index]
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !load_file(cx, set, index, &name, &text) {
            set.complete = false;
        }
    }
}

/// Loads one file; `false` when it did not become a platform or an endpoint.
fn load_file(cx: &mut Ctxt, set: &mut SpecSet, file: usize, file_name: &str, text: &str) -> bool {
    let root = match parse_to_ast(text, &CollectOptions::default(), &json::strict()) {
        Ok(parsed) => parsed.value,
        Err(error) => {
            let at = Loc::new(file, error.range().start, "");
            cx.error(
                &at,
                format!("this file is not valid JSON: {}", error.kind()),
                None,
            );
            return false;
        }
    };
    let Some(root) = root else {
        cx.error(
            &Loc::new(file, 0, ""),
            "this file is empty; a spec file holds one JSON object",
            None,
        );
        return false;
    };
    let mut r = Reader {
        cx,
        file,
        dropped: false,
    };
    let Some(kind) = r.peek_kind(&root) else {
        return false;
    };
    let expected = file_kind(file_name);
    match kind.as_str() {
        "platform" => {
            let Some(platform) = r.platform(&root) else {
                return false;
            };
            if expected.is_some_and(|(p, n)| p != platform.platform || n.is_some()) {
                let help = format!("name the file `{}.json`", platform.platform);
                r.error(
                    &platform.at,
                    "a platform file is named after its platform",
                    Some(help),
                );
            }
            let built_in = crate::builtin::is_built_in(&r.cx.files[file]);
            set.platforms.push(PlatformSpec {
                built_in,
                ..platform
            });
            true
        }
        "endpoint" => {
            let Some(endpoint) = r.endpoint(&root, expected.and_then(|(_, n)| n)) else {
                return false;
            };
            if expected
                .is_some_and(|(p, n)| p != endpoint.platform || n != Some(endpoint.name.as_str()))
            {
                let help = format!(
                    "name the file `{}.{}.json`",
                    endpoint.platform, endpoint.name
                );
                r.error(
                    &endpoint.at,
                    "an endpoint file is named `<platform>.<name>.json`",
                    Some(help),
                );
            }
            set.endpoints.push(endpoint);
            true
        }
        _ => false,
    }
}
