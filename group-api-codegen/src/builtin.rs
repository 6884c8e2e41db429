//! The platform files group-api ships, built into the macro: a user's spec folder that describes
//! endpoints of DingTalk, Feishu or WeCom without its own `<platform>.json` reuses these (hosts,
//! auth, envelope, platform-wide errors), and the generated code refers to group-api's own items
//! for them instead of generating them again.

use std::path::PathBuf;

use super::diag::{Diagnostic, Diagnostics};
use super::source::SourceFile;

const PLATFORMS: &[(&str, &str)] = &[
    ("dingtalk.json", include_str!("../spec/dingtalk.json")),
    ("feishu.json", include_str!("../spec/feishu.json")),
    ("wecom.json", include_str!("../spec/wecom.json")),
];

/// The built-in platform files not among `local` (file names the user's folder has), as sources
/// whose display name says where they come from.
pub fn platforms_missing_from(local: &[String], only: Option<&str>) -> Vec<SourceFile> {
    PLATFORMS
        .iter()
        .filter(|(name, _)| !local.iter().any(|l| l == name))
        .filter(|(name, _)| only.is_none_or(|p| name.strip_suffix(".json") == Some(p)))
        .map(|(name, text)| {
            SourceFile::new(
                PathBuf::from(name),
                format!("<group-api built-in>/{name}"),
                (*text).to_owned(),
            )
        })
        .collect()
}

/// A user's folder that has a platform file named like a built-in one (`wecom.json`): it would
/// define a second `wecom` platform beside group-api's, whose types and clients could not mix with
/// the built-in ones (a request of one is not a request of the other). Refused, with what to do.
pub fn shadowed(files: &[SourceFile]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for file in files {
        let Some(name) = file.path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !PLATFORMS.iter().any(|(built_in, _)| *built_in == name) {
            continue;
        }
        let platform = name.trim_end_matches(".json");
        diags.push(Diagnostic {
            file: Some(file.display.clone()),
            line: 1,
            column: 1,
            path: String::new(),
            message: format!(
                "`{platform}` is a platform group-api already defines; this folder cannot define it again"
            ),
            help: Some(format!(
                "delete `{name}`: endpoint files `{platform}.<name>.json` use the built-in `{platform}` \
                 platform (its APIs, hosts, errors and `group_api::{platform}::Client`); for a \
                 platform of your own, give it another name and file (`\"platform\": \"my_{platform}\"` \
                 in `my_{platform}.json`)"
            )),
        });
    }
    diags
}

/// Whether a source came from [`platforms_missing_from`].
pub fn is_built_in(file: &SourceFile) -> bool {
    file.display.starts_with("<group-api built-in>/")
}
