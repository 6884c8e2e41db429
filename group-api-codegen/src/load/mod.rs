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

use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::{CollectOptions, parse_to_ast};

use crate::diag::{Ctxt, Loc};
use crate::model::{Location, PlatformSpec, SharedType, SpecSet, Type};
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
    resolve_shared_types(set);
}

/// Fills in each reference to a shared type (`"type": "UserIdType"`) with the definition from its
/// platform's `types`, once every file is loaded; a name the platform does not define stays
/// unresolved, for the checker to report.
fn resolve_shared_types(set: &mut SpecSet) {
    for platform in &mut set.platforms {
        let defs: Vec<SharedType> = platform.types.clone();
        for def in &mut platform.types {
            resolve(&mut def.ty, &defs);
        }
    }
    for endpoint in &mut set.endpoints {
        let Some(platform) = set
            .platforms
            .iter()
            .find(|p| p.platform == endpoint.platform)
        else {
            continue;
        };
        let request = &mut endpoint.request;
        for location in Location::ALL {
            for field in request.fields_mut(location) {
                resolve(&mut field.ty, &platform.types);
            }
        }
        for field in &mut endpoint.response {
            resolve(&mut field.ty, &platform.types);
        }
    }
}

fn resolve(ty: &mut Type, defs: &[SharedType]) {
    match ty {
        Type::Shared(r) => {
            r.target = defs
                .iter()
                .find(|d| d.rust_type == r.name)
                .map(|d| Box::new(d.ty.clone()));
        }
        Type::Array(items) => resolve(items, defs),
        Type::Object(o) => o.fields.iter_mut().for_each(|f| resolve(&mut f.ty, defs)),
        Type::Union(u) => u.variants.iter_mut().for_each(|v| resolve(&mut v.ty, defs)),
        _ => {}
    }
}

/// Loads one file; `false` when it did not become a platform or an endpoint.
fn load_file(cx: &mut Ctxt, set: &mut SpecSet, file: usize, file_name: &str, text: &str) -> bool {
    let root = match parse_to_ast(text, &CollectOptions::default(), &json::strict()) {
        Ok(parsed) => parsed.value,
        Err(error) => {
            let at = Loc::new(file, error.range().start, "");
            // The parser stops at a nesting depth; that is a limit of the loader, not bad JSON.
            if matches!(error.kind(), ParseErrorKind::NestingDepthExceeded) {
                cx.error(
                    &at,
                    "this file nests its values deeper than the spec loader reads (512 levels of objects and arrays)",
                    Some(format!(
                        "nested objects can go at most {} levels deep; flatten the spec",
                        crate::check::MAX_OBJECT_DEPTH
                    )),
                );
                return false;
            }
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
        entry_rules: None,
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
