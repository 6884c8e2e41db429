//! Doc comments from the spec: the vendor's own words become the rustdoc users read.

use proc_macro2::TokenStream;
use quote::quote;

use crate::generator::model::{EndpointSpec, Field, Transport, Type};

/// `#[doc = ...]` attributes, one per line.
pub fn doc(text: &str) -> TokenStream {
    text.trim_end()
        .lines()
        .map(|line| {
            let line = format!(" {}", line.trim_end());
            quote!(#[doc = #line])
        })
        .collect()
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
        Transport::JsSdk { api } => format!("JS-SDK `{api}`"),
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
    if let Some(source) = &endpoint.doc.source {
        line.push_str(&format!(" Transcribed from `{source}`."));
    }
    line
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
    if let Some(default) = &field.default {
        facts.push(format!("documented default `{default}`"));
    }
    if let Some(example) = &field.example {
        facts.push(format!("example `{example}`"));
    }
    if let Type::Array(_) = field.ty {
        facts.push("takes any iterator of entries".to_owned());
    }
    if !facts.is_empty() {
        text.push_str(&format!("\n\n({})", facts.join("; ")));
    }
    doc(&text)
}
