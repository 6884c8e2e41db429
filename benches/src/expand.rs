//! The generator's output for a spec folder: as tokens (what the macro hands the compiler) and as
//! formatted source (what a person would read, and the build comparison's written-out crate).

use std::path::Path;

use proc_macro2::{Span, TokenStream};
use quote::quote;

use group_api_codegen as generator;

/// How the benchmarks call the generator: one `pub mod <platform>` per platform, code naming
/// `::group_api`, and a `Client` for each platform the folder defines. This is what
/// `group_api::endpoints!("spec")` does in a user's crate.
pub fn options() -> generator::Options {
    generator::Options {
        krate: quote!(::group_api),
        inline_platform: None,
        client: None,
        js_client: None,
        builtin: false,
    }
}

/// [`options`] for `folder`: the repository's own `spec/` defines the built-in platforms, so it
/// is expanded as group-api's own modules expand it (`__builtin = true`, all platforms in one);
/// any other folder as a user's.
pub fn options_for(folder: &Path) -> generator::Options {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let builtin = folder
        .canonicalize()
        .ok()
        .is_some_and(|f| own.canonicalize().ok() == Some(f));
    generator::Options {
        builtin,
        ..options()
    }
}

/// Expands a spec folder, as `group_api::endpoints!` would. A folder the checker refuses is an
/// error carrying every problem.
pub fn tokens(folder: &Path) -> Result<TokenStream, String> {
    let (root, dir) = split(folder);
    generator::generate_from_dir(root, dir, &options_for(folder))
        .map_err(|diags| diags.into_compile_errors(Span::call_site()).to_string())
}

/// The expansion pretty-printed by prettyplease: a doc attribute becomes `///` lines, or a `/** .. */`
/// block where it holds several lines.
pub fn source(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("not a Rust file: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Lines of formatted source: all of them, and those that are not doc comments or blank.
pub fn line_counts(source: &str) -> (usize, usize) {
    let all = source.lines().count();
    let code = lines_with_docs_marked(source)
        .filter(|(line, doc)| !doc && !line.trim().is_empty())
        .count();
    (all, code)
}

/// Each line of formatted source, with whether it is part of a doc comment. prettyplease prints a
/// doc attribute of one line as `///` and one of several lines (the generator writes a doc
/// comment as one attribute) as a `/** .. */` block, whose inner lines start anywhere; a text that
/// a block comment cannot hold (one with an unbalanced `/*` or `*/` in it) stays a
/// `#[doc = r#"..."#]` attribute, over several lines where the text has them.
pub fn lines_with_docs_marked(source: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut open: Option<OpenDoc> = None;
    source.lines().map(move |line| {
        let trimmed = line.trim();
        if let Some(doc) = open.take() {
            open = doc.after(trimmed);
            return (line, true);
        }
        if let Some(rest) = trimmed.strip_prefix("/**").or(trimmed.strip_prefix("/*!")) {
            open = OpenDoc::Block(1).after(rest);
            return (line, true);
        }
        let attribute = trimmed
            .strip_prefix("#[doc = ")
            .or(trimmed.strip_prefix("#![doc = "));
        if let Some(literal) = attribute {
            // A raw string `r##"` closes with `"##]`: the generator gives it one `#` more than any
            // run of them after a quote in the text, so the text cannot hold its closing.
            let raw = literal.strip_prefix('r');
            let hashes = raw.map_or(0, |raw| raw.len() - raw.trim_start_matches('#').len());
            let opening = literal.len().min(raw.map_or(1, |_| hashes + 2));
            open =
                OpenDoc::Attribute(format!("\"{}]", "#".repeat(hashes))).after(&literal[opening..]);
            return (line, true);
        }
        (
            line,
            trimmed.starts_with("///") || trimmed.starts_with("//!"),
        )
    })
}

/// A doc comment that has begun and not yet ended.
enum OpenDoc {
    /// `/** ..`, with how many comments deep the text is (a block comment nests).
    Block(usize),
    /// `#[doc = r#" ..`, with the text that closes it.
    Attribute(String),
}

impl OpenDoc {
    /// What is still open after `text`, the rest of a line inside the doc.
    fn after(self, text: &str) -> Option<OpenDoc> {
        match self {
            OpenDoc::Attribute(closing) => {
                (!text.ends_with(&closing)).then_some(OpenDoc::Attribute(closing))
            }
            OpenDoc::Block(mut depth) => {
                let bytes = text.as_bytes();
                let mut i = 0;
                while i + 1 < bytes.len() {
                    match (bytes[i], bytes[i + 1]) {
                        (b'/', b'*') => depth += 1,
                        (b'*', b'/') => depth -= 1,
                        _ => {
                            i += 1;
                            continue;
                        }
                    }
                    if depth == 0 {
                        return None;
                    }
                    i += 2;
                }
                Some(OpenDoc::Block(depth))
            }
        }
    }
}

/// The parts of the generated code that [`lines_by_part`] counts lines of, in the order it
/// reports them.
pub const PARTS: &[&str] = &[
    "doc comments",
    "request structs and `builder()`",
    "builders: setters and `build`",
    "typestate traits of required fields",
    "`Validate`",
    "`Serialize`",
    "`Debug`",
    "`Endpoint` (rate limits and their sources included)",
    "response types",
    "error enum",
    "error row table",
    "error enum's inherent methods",
    "`ApiError`",
    "`Display`, `Error`",
    "enums and unions",
    "pagination",
    "stand-in registration",
    "imports and re-exports",
    "client methods",
    "platform items (outside the endpoints' modules)",
    "blank lines, modules' own lines, other",
];

/// Lines of formatted source (as [`source`] prints the macro's expansion) by the part of the
/// generated code each belongs to, in [`PARTS`]' order: doc comments wherever they are, then the
/// items of each endpoint's module by what they are (an item's attributes and closing line count
/// with it).
pub fn lines_by_part(source: &str) -> Vec<(&'static str, usize)> {
    let mut counts = vec![0usize; PARTS.len()];
    let part = |name: &str| PARTS.iter().position(|p| *p == name).expect("a part");
    let other = PARTS.len() - 1;
    // The depth of each open module (`pub mod x {` lines), to tell an endpoint's module (two deep:
    // platform, then endpoint) from a platform's.
    let mut modules: Vec<usize> = Vec::new();
    let mut current = other;
    let mut attributes = 0;
    let mut attribute_text = String::new();
    let mut requests = std::collections::HashSet::new();
    for (line, doc) in lines_with_docs_marked(source) {
        if doc {
            counts[part("doc comments")] += 1;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let text = line.trim();
        if text.is_empty() {
            counts[other] += 1;
            continue;
        }
        let mut closed = false;
        while modules.last().is_some_and(|depth| indent < *depth) {
            modules.pop();
            closed = true;
        }
        if closed {
            counts[other] += 1;
            continue;
        }
        if text.starts_with("pub mod ") && text.ends_with('{') && !text.contains("__") {
            counts[other] += 1 + attributes;
            attributes = 0;
            attribute_text.clear();
            modules.push(indent + 4);
            continue;
        }
        let in_endpoint = modules.len() >= 2 && modules.last() == Some(&indent);
        let item_level = modules.last() == Some(&indent);
        if item_level && text.starts_with("#[") {
            attributes += 1;
            attribute_text.push_str(text);
            continue;
        }
        // A line at the items' indentation that goes on with the item above (a wrapped
        // signature's `>`, `where`, `{`, a closing bracket) starts nothing.
        let continues = text.starts_with(['}', ')', ']', '>', '{', '+', '-', '=', '.', '\''])
            || text == "where"
            || text.starts_with("where ");
        if item_level && !continues {
            current = match in_endpoint {
                true => endpoint_part(text, &attribute_text, &mut requests).map_or(other, part),
                false if text.starts_with("impl Client") => part("client methods"),
                false if text.starts_with("pub use ") => part("imports and re-exports"),
                false => part("platform items (outside the endpoints' modules)"),
            };
            counts[current] += attributes;
            attributes = 0;
            attribute_text.clear();
        }
        counts[current] += 1;
    }
    counts[other] += attributes;
    PARTS.iter().copied().zip(counts).collect()
}

/// The part of an endpoint module's item that starts with `header`, its attributes `attributes`;
/// `requests` gathers the request-side structs' names, whose inherent impl is `builder()`.
fn endpoint_part(
    header: &str,
    attributes: &str,
    requests: &mut std::collections::HashSet<String>,
) -> Option<&'static str> {
    let words: Vec<&str> = header.split_whitespace().collect();
    let after = |word: &str| {
        let i = words.iter().position(|w| *w == word)?;
        let name = words.get(i + 1)?;
        Some(name.split(['<', '{', '(', ';']).next().unwrap_or(name))
    };
    let part = if header.starts_with("use ") || header.starts_with("pub use ") {
        "imports and re-exports"
    } else if header.starts_with("pub mod __") {
        "typestate traits of required fields"
    } else if header.starts_with("static __ROWS") {
        "error row table"
    } else if header.contains("__if_testing!") {
        "stand-in registration"
    } else if attributes.contains("Deserialize") || header.contains("fn __split_") {
        "response types"
    } else if header.starts_with("pub struct ") {
        let name = after("struct").unwrap_or_default();
        if name.ends_with("Builder") {
            "builders: setters and `build`"
        } else {
            requests.insert(name.to_owned());
            "request structs and `builder()`"
        }
    } else if header.starts_with("pub enum ") {
        match after("enum").is_some_and(|n| n.ends_with("Error")) {
            true => "error enum",
            false => "enums and unions",
        }
    } else if let Some(tr) = header.strip_prefix("impl ").filter(|h| h.contains(" for ")) {
        let tr = tr.split(" for ").next().unwrap_or_default();
        let tr = tr.rsplit("::").next().unwrap_or_default();
        match tr.split('<').next().unwrap_or_default() {
            "Validate" => "`Validate`",
            "Serialize" => "`Serialize`",
            "Debug" => "`Debug`",
            "Endpoint" | "HttpEndpoint" | "JsEndpoint" => {
                "`Endpoint` (rate limits and their sources included)"
            }
            "ApiError" => "`ApiError`",
            "Display" | "StdError" => "`Display`, `Error`",
            "Paginated" => "pagination",
            _ => "enums and unions",
        }
    } else if header.starts_with("impl") {
        let target = words.get(1).copied().unwrap_or_default();
        let target = target.split('<').next().unwrap_or_default();
        if target.ends_with("Builder") {
            "builders: setters and `build`"
        } else if target.ends_with("Error") {
            "error enum's inherent methods"
        } else if requests.contains(target) {
            "request structs and `builder()`"
        } else {
            "enums and unions"
        }
    } else {
        return None;
    };
    Some(part)
}

fn split(folder: &Path) -> (&Path, &str) {
    let root = folder.parent().unwrap_or(Path::new("."));
    let dir = folder.file_name().and_then(|d| d.to_str()).unwrap_or(".");
    (root, dir)
}

/// The checked model of a spec folder (every `*.json` but `schema.json`, by name), for code that
/// derives something else from the same specs.
pub fn model(folder: &Path) -> Result<generator::model::SpecSet, String> {
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .map_err(|e| format!("reading {}: {e}", folder.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "schema.json"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let display = path.display().to_string();
        files.push(generator::SourceFile::new(path, display, text));
    }
    generator::load_and_check(files)
        .map_err(|diags| diags.into_compile_errors(Span::call_site()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_are_told_from_code_whichever_way_prettyplease_prints_them() {
        // As the generator writes them: a doc comment is one attribute, a raw string where the
        // text is not ASCII.
        let tokens: TokenStream = concat!(
            "#[doc = \" one line\"] pub struct A;",
            "#[doc = \" first\\n second\\n\\n   indented\"]",
            "#[doc = r#\" 群 with */ in it\n a line ending as a JSON list does: [\"a\"]\n and a third]\"#]",
            "pub struct B { #[doc = r#\" 群's /* a balanced */ comment\n two lines\"#] pub b: u8, }",
        )
        .parse()
        .expect("tokens");
        let text = source(tokens).expect("parses");
        let code: Vec<&str> = lines_with_docs_marked(&text)
            .filter(|(_, doc)| !doc)
            .map(|(line, _)| line.trim())
            .collect();
        assert_eq!(
            code,
            ["pub struct A;", "pub struct B {", "pub b: u8,", "}"],
            "{text}"
        );
        assert_eq!(line_counts(&text), (text.lines().count(), 4), "{text}");
        // The block comments and the attribute that stays one span lines.
        assert!(
            text.contains("/**") && text.contains("#[doc = r#\""),
            "{text}"
        );
        assert_eq!(text.lines().count(), 14, "{text}");
    }

    #[test]
    fn lines_are_counted_by_the_part_they_belong_to() {
        let text = "\
pub mod acme {
    /// The platform's marker.
    pub enum Platform {}

    #[allow(unused)]
    pub mod rename {
        /** Renames a group.

 More text.*/
        #[derive(Clone)]
        pub struct RenameRequest {
            name: u8,
        }
        impl RenameRequest {
            pub fn builder() {}
        }
        pub mod __state {
            pub trait NameSet {}
        }
        pub struct RenameRequestBuilder<
            S = <__p::I1 as __p::Fresh>::State,
        > {
            inner: RenameRequest,
        }
        impl __p::Validate for RenameRequest {}
        #[derive(Debug, __p::serde::Deserialize)]
        pub struct RenameResponse {}
        pub enum RenameError {
            Gone,
        }
        impl RenameError {}
        impl __p::ApiError for RenameError {}
    }
    pub use rename::RenameRequest;
}
";
        let count = |part: &str| {
            lines_by_part(text)
                .into_iter()
                .find(|(p, _)| *p == part)
                .map(|(_, n)| n)
                .expect("a part")
        };
        assert_eq!(count("doc comments"), 4);
        assert_eq!(count("request structs and `builder()`"), 7);
        assert_eq!(count("typestate traits of required fields"), 3);
        assert_eq!(count("builders: setters and `build`"), 5);
        assert_eq!(count("blank lines, modules' own lines, other"), 6);
        assert_eq!(count("`Validate`"), 1);
        assert_eq!(count("response types"), 2);
        assert_eq!(count("error enum"), 3);
        assert_eq!(count("error enum's inherent methods"), 1);
        assert_eq!(count("`ApiError`"), 1);
        assert_eq!(count("imports and re-exports"), 1);
        assert_eq!(count("platform items (outside the endpoints' modules)"), 1);
        let all: usize = lines_by_part(text).iter().map(|(_, n)| n).sum();
        assert_eq!(all, text.lines().count());
    }
}
