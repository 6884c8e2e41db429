//! Doc comments from the spec: the vendor's own words become the rustdoc users read.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::{Doc, EndpointSpec, Field, Transport, Type};

/// One `#[doc = ...]` attribute holding every line, each led by a space as `///` would give it.
/// Rustdoc reads it as it reads the same lines in attributes of their own; an attribute per line
/// cost the generator five tokens and two allocations a line (BENCHMARKS.md, issue 18).
pub fn doc(text: &str) -> TokenStream {
    let mut joined = String::with_capacity(text.len() + 16);
    for (i, line) in text.trim_end().lines().enumerate() {
        if i > 0 {
            joined.push('\n');
        }
        joined.push(' ');
        joined.push_str(&no_fence(line.trim_end()));
    }
    if joined.is_empty() {
        return TokenStream::new();
    }
    let text = str_literal(&joined);
    quote!(#[doc = #text])
}

/// A line of a page's text that would open a code fence (```` ``` ```` or `~~~`) in rustdoc, with
/// its first character escaped: rustdoc would run a fenced block as a doctest in the user's crate,
/// and the pages' text is prose. Markdown shows the escaped line as written.
fn no_fence(line: &str) -> std::borrow::Cow<'_, str> {
    let body = line.trim_start();
    if body.starts_with("```") || body.starts_with("~~~") {
        let indent = &line[..line.len() - body.len()];
        return format!("{indent}\\{body}").into();
    }
    line.into()
}

/// A string literal for `text`. Text with non-ASCII characters (the pages' Chinese) is written as
/// a raw string: a plain literal escapes each character through `char::escape_debug`, whose
/// printable-character tables took a third of the generator's time (BENCHMARKS.md, item 1).
pub fn str_literal(text: &str) -> Literal {
    // A raw string cannot hold a bare carriage return, and rustc refuses a literal with a
    // character that changes the text's direction unless it is escaped.
    let needs_escape =
        |c: char| matches!(c, '\r' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if text.is_ascii() || text.contains(needs_escape) {
        return Literal::string(text);
    }
    // One `#` more than the longest run of them after a quote, so the text cannot close it.
    let mut longest = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].bytes().take_while(|b| *b == b'#').count();
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// A string literal on one line whatever the text: quotes, backslashes, control characters (line
/// breaks among them) and the characters that change the text's direction are escaped, everything
/// else is written as is. `Literal::string` would escape every non-ASCII character's printability
/// check too, which is slow on the pages' Chinese text.
pub fn one_line_literal(text: &str) -> Literal {
    let mut source = String::with_capacity(text.len() + 2);
    source.push('"');
    for c in text.chars() {
        match c {
            '"' => source.push_str("\\\""),
            '\\' => source.push_str("\\\\"),
            '\n' => source.push_str("\\n"),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                source.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => source.push(c),
        }
    }
    source.push('"');
    source.parse().unwrap_or_else(|_| Literal::string(text))
}

/// The endpoint's title and summary in one line.
pub fn headline(endpoint: &EndpointSpec) -> String {
    match endpoint.summary.is_empty() {
        true => endpoint.title.clone(),
        false => format!(
            "{}: {}",
            endpoint.title,
            endpoint.summary.lines().next().unwrap_or_default()
        ),
    }
}

/// Where the call goes and where it is documented.
pub fn call_line(endpoint: &EndpointSpec) -> String {
    let call = match &endpoint.transport {
        Transport::Http { method, path, .. } => {
            format!("`{} {path}`", format!("{method:?}").to_uppercase())
        }
        Transport::JsSdk { api, .. } => format!("JS-SDK `{api}`"),
    };
    let mut line = format!("Calls {call}");
    if let Some(url) = &endpoint.doc.url {
        line.push_str(&format!(", documented at <{url}>"));
    }
    if let Some(updated) = &endpoint.doc.updated {
        line.push_str(&format!(" (page updated {updated})"));
    }
    line.push('.');
    if let Transport::Http {
        documented_host: Some(host),
        ..
    } = &endpoint.transport
    {
        line.push_str(&format!(
            " The page shows the host `{host}`; the client sends to its platform's base URL."
        ));
    }
    line.push_str(&source_sentence(&endpoint.doc));
    line
}

/// The spec's `doc.source`, which names the vendor page in words (its title, what the copy lacks),
/// as a sentence after the page's URL and date: ` Source: DingTalk page 更新群会话 (…).`
pub fn source_sentence(doc: &Doc) -> String {
    match doc
        .source
        .as_deref()
        .map(|s| s.trim().trim_end_matches('.'))
    {
        Some(source) if !source.is_empty() => format!(" Source: {source}."),
        _ => String::new(),
    }
}

pub fn endpoint_module(endpoint: &EndpointSpec) -> TokenStream {
    let mut text = format!("{}\n\n", endpoint.title);
    if !endpoint.summary.is_empty() {
        text.push_str(&format!("{}\n\n", endpoint.summary));
    }
    text.push_str(&format!("{}\n", call_line(endpoint)));
    let lists = [
        ("App types", &endpoint.app_types),
        ("Permissions", &endpoint.permissions),
    ];
    for (title, items) in lists {
        if !items.is_empty() {
            text.push_str(&format!("\n{title}: {}\n", items.join("; ")));
        }
    }
    if let Some(rate) = &endpoint.rate_limit {
        text.push_str(&format!("\nRate limit: {rate}\n"));
    }
    if !endpoint.notes.is_empty() {
        text.push_str("\n# Notes\n\n");
        for note in &endpoint.notes {
            text.push_str(&format!("- {}\n", note.replace('\n', "\n  ")));
        }
    }
    doc(&text)
}

/// A field's description with its wire name, constraints, default and example.
pub fn field(field: &Field) -> TokenStream {
    let mut text = match field.description.is_empty() {
        true => format!("`{}`", field.name),
        false => format!("`{}`: {}", field.name, field.description),
    };
    let mut facts = Vec::new();
    if field.required {
        facts.push("required".to_owned());
    }
    if let Some((min, _)) = &field.min_length {
        facts.push(format!("at least {min} characters"));
    }
    if let Some((max, _)) = &field.max_length {
        facts.push(format!("at most {max} characters"));
    }
    if let Some((pattern, _)) = &field.pattern {
        facts.push(format!("matches `{pattern}`"));
    }
    if let Some((min, _)) = &field.minimum {
        facts.push(format!("at least {min}"));
    }
    if let Some((max, _)) = &field.maximum {
        facts.push(format!("at most {max}"));
    }
    if let Some((min, _)) = &field.min_items {
        facts.push(format!("at least {min} entries"));
    }
    if let Some((max, _)) = &field.max_items {
        facts.push(format!("at most {max} entries"));
    }
    if let Some(items) = &field.items {
        let mut each = Vec::new();
        if let Some((min, _)) = &items.min_length {
            each.push(format!("at least {min} characters"));
        }
        if let Some((max, _)) = &items.max_length {
            each.push(format!("at most {max} characters"));
        }
        if let Some((pattern, _)) = &items.pattern {
            each.push(format!("matches `{pattern}`"));
        }
        if let Some((min, _)) = &items.minimum {
            each.push(format!("at least {min}"));
        }
        if let Some((max, _)) = &items.maximum {
            each.push(format!("at most {max}"));
        }
        facts.push(format!("each entry {}", each.join(", ")));
    }
    if let Some((separator, _)) = &field.separator {
        facts.push(format!(
            "sent as one string, entries joined by `{separator}`"
        ));
    }
    if let Some(default) = &field.default {
        facts.push(format!("documented default `{default}`"));
    }
    if let Some(example) = &field.example {
        facts.push(format!("example `{example}`"));
    }
    if !field.examples.is_empty() {
        let shown: Vec<String> = field.examples.iter().map(|e| format!("`{e}`")).collect();
        facts.push(format!("examples {}", shown.join(", ")));
    }
    if let Type::Array(_) = field.ty {
        facts.push("takes any iterator of entries".to_owned());
    }
    if !facts.is_empty() {
        text.push_str(&format!("\n\n({})", facts.join("; ")));
    }
    doc(&text)
}

#[cfg(test)]
mod tests {
    use super::{doc, source_sentence, str_literal};
    use crate::model::Doc;

    #[test]
    fn the_source_names_the_page_in_one_sentence() {
        let doc = |source: Option<&str>| Doc {
            url: None,
            updated: None,
            source: source.map(str::to_owned),
        };
        assert_eq!(
            source_sentence(&doc(Some(
                "DingTalk page 更新群会话 (update a group chat). The copy gives no URL or date"
            ))),
            " Source: DingTalk page 更新群会话 (update a group chat). The copy gives no URL or date."
        );
        assert_eq!(
            source_sentence(&doc(Some("Feishu page 更新用户组."))),
            " Source: Feishu page 更新用户组.",
            "one full stop, not two"
        );
        assert_eq!(source_sentence(&doc(None)), "");
        assert_eq!(source_sentence(&doc(Some("  "))), "");
    }

    /// A page's text never opens a code fence in rustdoc (a doctest in the user's crate).
    #[test]
    fn fences_in_a_pages_text_are_escaped() {
        let attributes: Vec<String> = doc("示例:\n```json\n{}\n  ~~~\n```")
            .into_iter()
            .filter_map(|tree| match tree {
                proc_macro2::TokenTree::Group(group) => {
                    let attr: syn::Attribute = syn::parse_quote!(# #group);
                    let syn::Meta::NameValue(meta) = attr.meta else {
                        return None;
                    };
                    let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) = meta.value
                    else {
                        return None;
                    };
                    Some(text.value())
                }
                _ => None,
            })
            .collect();
        assert_eq!(attributes, [" 示例:\n \\```json\n {}\n   \\~~~\n \\```"]);
    }

    /// The literal's value, read back the way rustc reads it.
    fn value(text: &str) -> String {
        let literal = str_literal(text);
        syn::parse_str::<syn::LitStr>(&literal.to_string())
            .expect("a string literal")
            .value()
    }

    #[test]
    fn literals_keep_the_text_exactly() {
        for text in [
            "plain ascii",
            "群名称,长度限制为1~20个字符。",
            "中文 \"quoted\" and \"# and \"## runs",
            "中文 with a \\ backslash and a \t tab",
            "中文\r\nwith a carriage return",
            "中文 with a right-to-left override \u{202E} and isolate \u{2067}",
        ] {
            assert_eq!(value(text), text);
        }
        assert!(str_literal("群").to_string().starts_with("r#\""));
        assert!(str_literal("\"## 群").to_string().starts_with("r###\""));
        assert!(str_literal("群 \u{202E}").to_string().starts_with('"'));
    }
}
