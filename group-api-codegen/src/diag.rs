//! Diagnostics: every problem found in the spec files, collected before anything is generated and
//! reported together, each as its own `compile_error!`.

use std::fmt;

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

/// Where in which file a model value came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loc {
    /// Index into the loaded files; `usize::MAX` for a problem that belongs to no file.
    pub file: usize,
    pub offset: usize,
    /// JSON path of the value (`request.body[3].max_length`).
    pub path: String,
}

impl Loc {
    pub fn new(file: usize, offset: usize, path: impl Into<String>) -> Self {
        Self {
            file,
            offset,
            path: path.into(),
        }
    }
}

/// One problem, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
    pub path: String,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:{}:{}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, "at `{}`: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The collected problems.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn list(&self) -> &[Diagnostic] {
        &self.list
    }

    /// One `compile_error!` per problem, at the macro call.
    pub fn into_compile_errors(self, span: Span) -> TokenStream {
        self.list
            .iter()
            .map(|d| {
                let text = d.to_string();
                quote_spanned!(span=> ::core::compile_error!(#text);)
            })
            .collect()
    }
}

/// The closest of `candidates` to a misspelt `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance over characters where swapping two neighbours counts as one edit (optimal string
/// alignment), so `nmae` is one edit from `name`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * width + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1)
                    .min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * width + b.len()]
}

/// The loaded files and the problems found in them: what the loader and the checker report to.
pub struct Ctxt {
    pub files: Vec<super::source::SourceFile>,
    pub diags: Diagnostics,
}

impl Ctxt {
    pub fn new(files: Vec<super::source::SourceFile>) -> Self {
        Self {
            files,
            diags: Diagnostics::default(),
        }
    }

    /// Reports a problem at a location in a spec file.
    pub fn error(&mut self, at: &Loc, message: impl Into<String>, help: Option<String>) {
        let (file, line, column) = match self.files.get(at.file) {
            Some(file) => {
                let (line, column) = file.line_column(at.offset);
                (Some(file.display.clone()), line, column)
            }
            None => (None, 0, 0),
        };
        self.diags.push(Diagnostic {
            file,
            line,
            column,
            path: at.path.clone(),
            message: message.into(),
            help,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["name", "type", "required", "description"];
        assert_eq!(did_you_mean("requird", keys), Some("required"));
        assert_eq!(did_you_mean("Type", keys), Some("type"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(did_you_mean("nmae", ["name", "type"]), Some("name"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("nmae", "name"), 1);
    }

    #[test]
    fn displays_file_line_column_path_and_help() {
        let d = Diagnostic {
            file: Some("spec/a.json".into()),
            line: 3,
            column: 7,
            path: "request.body[0].requird".into(),
            message: "unknown key `requird`".into(),
            help: Some("did you mean `required`?".into()),
        };
        assert_eq!(
            d.to_string(),
            "spec/a.json:3:7: at `request.body[0].requird`: unknown key `requird`\n  help: did you mean `required`?"
        );
    }
}
