//! The platform files group-api ships, built into the macro: a user's spec folder that describes
//! endpoints of DingTalk, Feishu or WeCom without its own `<platform>.json` reuses these (hosts,
//! auth, envelope, platform-wide errors), and the generated code refers to group-api's own items
//! for them instead of generating them again.

use std::path::PathBuf;

use super::source::SourceFile;

const PLATFORMS: &[(&str, &str)] = &[
    ("dingtalk.json", include_str!("../../spec/dingtalk.json")),
    ("feishu.json", include_str!("../../spec/feishu.json")),
    ("wecom.json", include_str!("../../spec/wecom.json")),
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

/// Whether a source came from [`platforms_missing_from`].
pub fn is_built_in(file: &SourceFile) -> bool {
    file.display.starts_with("<group-api built-in>/")
}
