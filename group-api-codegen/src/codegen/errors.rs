//! Error enums: one per endpoint (its documented rows, the platform-wide ones, and a catch-all that
//! keeps an undocumented code) and one per platform API (its platform-wide rows).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{EndpointCtx, docs, moved};
use crate::model::{Code, Envelope, ErrorRow};
use crate::names::upper_camel;

/// An `ErrorCode` constant.
pub fn code_tokens(code: &Code, rt: &TokenStream) -> TokenStream {
    match code {
        Code::Number(n) => quote!(#rt::ErrorCode::Number(#n)),
        Code::Text(t) => quote!(#rt::ErrorCode::Text(#rt::Cow::Borrowed(#t))),
    }
}

/// The rows as one string literal the runtime reads on first use (`RowTable`, whose doc gives the
/// format): ten fields per row, each `<length in bytes>:<text>`. One literal token per table,
/// where a `const` table of rows cost the compiler a const evaluation of every row.
pub fn rows_text(rows: &[ErrorRow]) -> String {
    let mut out = String::new();
    let mut field = |text: &str| {
        out.push_str(&text.len().to_string());
        out.push(':');
        out.push_str(text);
    };
    let optional = |value: Option<&str>| value.map_or_else(|| "-".to_owned(), |v| format!("+{v}"));
    let number = |value: Option<u64>| value.map(|n| n.to_string()).unwrap_or_default();
    for row in rows {
        field(&row.variant);
        field(&match &row.code {
            Code::Number(n) => format!("n{n}"),
            Code::Text(t) => format!("t{t}"),
        });
        // Always present here: a row whose category could not be read was reported, and nothing
        // is generated while a problem stands.
        field(row.category.map_or("", |c| c.variant_name()));
        field(&number(row.status.map(u64::from)));
        let message = row.message.as_deref();
        field(&optional(message.map(shown_message).as_deref()));
        field(&optional(message.filter(|m| m.contains("%s"))));
        field(&row.explanation);
        field(if row.retryable { "1" } else { "" });
        field(&number(row.retry_after_ms));
        field(&number(row.max_attempts.map(u64::from)));
    }
    out
}

/// `static <name>: RowTable = RowTable::new("…");` for `rows`.
fn rows_static(name: &Ident, rows: &[ErrorRow], rt: &TokenStream) -> TokenStream {
    let text = docs::one_line_literal(&rows_text(rows));
    quote! {
        static #name: #rt::RowTable = #rt::RowTable::new(#text);
    }
}

/// A message as shown: without the page's `%s` placeholders (`"参数%s不合法"` → `"参数不合法"`,
/// `"invalid %s: %s"` → `"invalid"`), spaces and the punctuation left around them tidied.
pub fn shown_message(message: &str) -> String {
    if !message.contains("%s") {
        return message.to_owned();
    }
    let pieces: Vec<&str> = message
        .split("%s")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut joined = String::new();
    for piece in pieces {
        let ascii_seam = joined.chars().last().is_some_and(|c| c.is_ascii())
            && piece.chars().next().is_some_and(|c| c.is_ascii());
        if ascii_seam {
            joined.push(' ');
        }
        joined.push_str(piece);
    }
    joined
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '：' | '，'))
        .to_owned()
}

/// A variant's doc comment: code, status and message, then the page's advice.
fn row_doc(row: &ErrorRow) -> TokenStream {
    let mut head = format!("`{}`", row.code);
    if let Some(status) = row.status {
        head.push_str(&format!(" (HTTP {status})"));
    }
    if let Some(message) = &row.message {
        head.push_str(&format!(": {message}"));
    }
    let mut text = head;
    if !row.explanation.is_empty() && Some(&row.explanation) != row.message.as_ref() {
        text.push_str(&format!("\n\n{}", row.explanation));
    }
    if row.retryable {
        text.push_str("\n\nRetrying can help.");
    }
    if let Some(source) = &row.source {
        text.push_str(&format!("\n\nSource: {source}."));
    }
    docs::doc(&text)
}

fn common_impls(name: &Ident, rt: &TokenStream) -> TokenStream {
    quote! {
        impl #rt::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                #rt::fmt_api_error(self, f)
            }
        }

        impl #rt::StdError for #name {}
    }
}

/// `<Api>PlatformError`: the rows every endpoint of one platform API can answer.
pub fn platform_error(
    name: &Ident,
    title: &str,
    rows: &[ErrorRow],
    rt: &TokenStream,
) -> TokenStream {
    let variants: Vec<Ident> = rows
        .iter()
        .map(|r| format_ident!("{}", r.variant))
        .collect();
    let docs = rows.iter().map(row_doc);
    // `OpenApiPlatformError` → `__OPEN_API_PLATFORM_ERROR_ROWS`: word boundaries kept, so two
    // APIs whose names differ only in them (`open_api`, `openapi`) get two tables.
    let table = format_ident!(
        "__{}_ROWS",
        crate::names::snake_case(&name.to_string()).to_uppercase()
    );
    let rows_static = rows_static(&table, rows, rt);
    let doc = docs::doc(&format!(
        "Platform-wide errors of {title}: every endpoint of this API can answer them (tokens, rate limits, quotas)."
    ));
    let row_body = if rows.is_empty() {
        quote!(match *self {})
    } else {
        quote!(#table.row(*self as usize))
    };
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
        }

        #rows_static

        impl #name {
            /// The variant of each row of the table, in order.
            const DOCUMENTED: &'static [Self] = &[#(Self::#variants),*];
        }

        impl #rt::PlatformError for #name {
            #[inline]
            fn from_wire(
                status: #rt::Option<u16>,
                code: &#rt::ErrorCode,
                message: &str,
            ) -> #rt::Option<Self> {
                let index = #rt::match_row(#table.rows(), status, code, message)?;
                Self::DOCUMENTED.get(index).copied()
            }

            #[inline]
            fn row(&self) -> &'static #rt::ErrorRow {
                #row_body
            }

            #[inline]
            fn documented() -> &'static [Self] {
                Self::DOCUMENTED
            }
        }

        impl #name {
            /// The code as the server sends it.
            #[inline]
            pub fn code(&self) -> #rt::ErrorCode {
                #rt::PlatformError::row(self).code.clone()
            }
        }

        impl #rt::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                let row = #rt::PlatformError::row(self);
                #rt::write!(f, "{}", row.code)?;
                if let #rt::Some(message) = row.message {
                    #rt::write!(f, ": {}", message)?;
                }
                #rt::write!(f, " ({})", row.explanation)
            }
        }

        impl #rt::StdError for #name {}
    }
}

/// `<Name>Error`: the endpoint's documented rows, `Platform(..)`, and `Undocumented { .. }`.
pub fn endpoint_error(ctx: &EndpointCtx) -> TokenStream {
    let rt = ctx.rt;
    let name = ctx.type_name("Error");
    let rows = &ctx.endpoint.errors;
    let variants: Vec<Ident> = rows
        .iter()
        .map(|r| format_ident!("{}", r.variant))
        .collect();
    let docs = rows.iter().map(row_doc);
    let table = format_ident!("__ROWS");
    let rows_static = rows_static(&table, rows, rt);
    let platform_error = format_ident!("{}PlatformError", upper_camel(&ctx.api.name));
    let pp = ctx.platform_path;
    let doc = docs::doc(&format!(
        "Errors of {}: a variant per row of the page's error table, the platform-wide errors, and \
         any other code kept as the server sent it.\n\nRows that share a code are told apart by their message.",
        ctx.endpoint.title
    ));
    let js = matches!(ctx.api.envelope, Envelope::JsErrMsg).then(|| {
        quote! {
            /// Reads a JS-SDK `errMsg` (`"<api>:fail <reason>"`, `"<api>:cancel"`): `None` for
            /// `"<api>:ok"` or an `errMsg` that names another API.
            #[inline]
            pub fn from_err_msg(err_msg: &str) -> #rt::Option<Self> {
                let api = match <Self as #rt::ApiError>::api_name() {
                    #rt::Some(api) => api,
                    #rt::None => return #rt::None,
                };
                #rt::parse_err_msg::<Self>(api, err_msg)
            }
        }
    });
    // `api_name` defaults to `None` in the trait; only a JS-SDK endpoint has one.
    let api_name = match &ctx.endpoint.transport {
        crate::model::Transport::JsSdk { api, .. } => {
            let short = crate::model::Transport::js_api_name(api);
            quote!(#[inline] fn api_name() -> #rt::Option<&'static str> { #rt::Some(#short) })
        }
        _ => TokenStream::new(),
    };
    let (common, rows_static) = (moved(common_impls(&name, rt)), moved(rows_static));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
            /// A platform-wide error (token, rate limit, quota) that every endpoint of this API can
            /// answer.
            Platform(#pp::#platform_error),
            /// A code the documentation does not list, kept exactly as the server sent it.
            Undocumented {
                /// The code as sent.
                code: #rt::ErrorCode,
                /// The message as sent.
                message: #rt::String,
            },
        }

        #rows_static

        impl #name {
            /// The variant of each row of the table, in order.
            const DOCUMENTED: &'static [Self] = &[#(Self::#variants),*];

            /// Builds the error from what the wire carries: HTTP status where there is one, code and
            /// message. An undocumented code becomes `Undocumented`, not lost.
            #[inline]
            pub fn from_wire(
                status: #rt::Option<u16>,
                code: #rt::ErrorCode,
                message: &str,
            ) -> Self {
                <Self as #rt::ApiError>::from_wire(status, code, message)
            }

            /// The code as the server sends it.
            #[inline]
            pub fn code(&self) -> #rt::ErrorCode {
                #rt::ApiError::code(self)
            }

            /// The documented message (for an undocumented code, the server's).
            #[inline]
            pub fn message(&self) -> &str {
                #rt::ApiError::message(self)
            }

            /// Whether trying again can help.
            #[inline]
            pub fn is_retryable(&self) -> bool {
                #rt::ApiError::is_retryable(self)
            }

            #js
        }

        impl #rt::ApiError for #name {
            #[inline]
            fn from_wire(status: #rt::Option<u16>, code: #rt::ErrorCode, message: &str) -> Self {
                #rt::endpoint_from_wire(
                    (#table.rows(), Self::DOCUMENTED), status, code, message,
                    Self::Platform, |code, message| Self::Undocumented { code, message },
                )
            }

            #[inline]
            fn row(&self) -> #rt::Option<&'static #rt::ErrorRow> {
                match self {
                    Self::Platform(platform) => #rt::Some(#rt::PlatformError::row(platform)),
                    _ => #rt::documented_row((#table.rows(), Self::DOCUMENTED), self),
                }
            }

            #[inline]
            fn undocumented(&self) -> #rt::Option<(&#rt::ErrorCode, &str)> {
                match self {
                    Self::Undocumented { code, message } => #rt::Some((code, message)),
                    _ => #rt::None,
                }
            }

            #[inline]
            fn documented() -> #rt::Vec<Self> {
                #rt::documented_with_platform(Self::DOCUMENTED, Self::Platform)
            }

            #api_name
        }

        #common
    }
}
