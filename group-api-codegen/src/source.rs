//! A spec file: its name (which says what it holds), its text, and positions in it as line and
//! column.

use std::path::PathBuf;

/// One spec file as read from disk.
pub struct SourceFile {
    /// Absolute path (for `include_bytes!`, so Cargo rebuilds when the file changes).
    pub path: PathBuf,
    /// The path as users wrote it, relative to their crate (`spec/dingtalk.json`).
    pub display: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path,
            display,
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|start| *start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// What a file is, from its name: `<platform>.json` (the platform) or `<platform>.<name>.json`
/// (an endpoint).
pub fn file_kind(file_name: &str) -> Option<(&str, Option<&str>)> {
    let stem = file_name.strip_suffix(".json")?;
    match stem.split_once('.') {
        Some((platform, name)) => Some((platform, Some(name))),
        None => Some((stem, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new(
            PathBuf::new(),
            "x".into(),
            "{\n  \"名\": 1,\n  \"a\": 2\n}".into(),
        );
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(4), (2, 3));
        let a = file.text.find("\"a\"").unwrap();
        assert_eq!(file.line_column(a), (3, 3));
        let one = file.text.find('1').unwrap();
        assert_eq!(file.line_column(one), (2, 8));
        assert_eq!(file.line_column(10_000), (4, 2));
    }
}
