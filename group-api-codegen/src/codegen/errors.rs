//! Error enums: one per endpoint (its documented rows, the platform-wide ones, and a catch-all that
//! keeps an undocumented code) and one per platform API (its platform-wide rows).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{EndpointCtx, docs};
use crate::model::{Code, Envelope, ErrorRow};
use crate::names::upper_camel;

/// An `ErrorCode` constant.
pub fn code_tokens(code: &Code, rt: &TokenStream) -> TokenStream {
    match code {
        Code::Number(n) => quote!(#rt::ErrorCode::Number(#n)),
        Code::Text(t) => quote!(#rt::ErrorCode::Text(#rt::Cow::Borrowed(#t))),
    }
}

/// The rows as a constant table the runtime matches against: each row its variant, code and
/// category, then a labelled call per part the spec gives.
fn rows_table(rows: &[ErrorRow], rt: &TokenStream) -> TokenStream {
    let rows = rows.iter().map(|row| {
        let variant = &row.variant;
        let code = code_tokens(&row.code, rt);
        // Always present here: a row whose category could not be read was reported, and nothing
        // is generated while a problem stands.
        let category = row.category.map(|category| {
            let category = format_ident!("{}", category.variant_name());
            quote!(#rt::ErrorCategory::#category)
        });
        let mut parts = TokenStream::new();
        if let Some(status) = row.status {
            parts.extend(quote!(.with_status(#status)));
        }
        if let Some(message) = row.message.as_deref() {
            let shown = docs::str_literal(&shown_message(message));
            parts.extend(quote!(.with_message(#shown)));
            if message.contains("%s") {
                let pattern = docs::str_literal(message);
                parts.extend(quote!(.with_message_pattern(#pattern)));
            }
        }
        if !row.explanation.is_empty() {
            let explanation = docs::str_literal(&row.explanation);
            parts.extend(quote!(.with_explanation(#explanation)));
        }
        if row.retryable {
            parts.extend(quote!(.with_retryable()));
        }
        if let Some(ms) = row.retry_after_ms {
            parts.extend(quote!(.with_retry_after_ms(#ms)));
        }
        if let Some(attempts) = row.max_attempts {
            parts.extend(quote!(.with_max_attempts(#attempts)));
        }
        quote!(#rt::ErrorRow::new(#variant, #code, #category) #parts)
    });
    quote!(&[#(#rows),*])
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
    let table = rows_table(rows, rt);
    let doc = docs::doc(&format!(
        "Platform-wide errors of {title}: every endpoint of this API can answer them (tokens, rate limits, quotas)."
    ));
    let row_body = if rows.is_empty() {
        quote!(match *self {})
    } else {
        quote!(&Self::ROWS[*self as usize])
    };
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
        }

        impl #name {
            const ROWS: &'static [#rt::ErrorRow] = #table;
            /// The variant of each row of `ROWS`, in order.
            const DOCUMENTED: &'static [Self] = &[#(Self::#variants),*];
        }

        impl #rt::PlatformError for #name {
            fn from_wire(
                status: #rt::Option<u16>,
                code: &#rt::ErrorCode,
                message: &str,
            ) -> #rt::Option<Self> {
                let index = #rt::match_row(Self::ROWS, status, code, message)?;
                Self::DOCUMENTED.get(index).copied()
            }

            fn row(&self) -> &'static #rt::ErrorRow {
                #row_body
            }

            fn documented() -> &'static [Self] {
                Self::DOCUMENTED
            }
        }

        impl #name {
            /// The code as the server sends it.
            pub fn code(&self) -> #rt::ErrorCode {
                #rt::PlatformError::row(self).code.clone()
            }
        }

        impl #rt::fmt::Display for #name {
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
    let table = rows_table(rows, rt);
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
            quote!(fn api_name() -> #rt::Option<&'static str> { #rt::Some(#short) })
        }
        _ => TokenStream::new(),
    };
    let common = common_impls(&name, rt);
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

        impl #name {
            const ROWS: &'static [#rt::ErrorRow] = #table;
            /// The variant of each row of `ROWS`, in order.
            const DOCUMENTED: &'static [Self] = &[#(Self::#variants),*];

            /// Builds the error from what the wire carries: HTTP status where there is one, code and
            /// message. An undocumented code becomes `Undocumented`, not lost.
            pub fn from_wire(
                status: #rt::Option<u16>,
                code: #rt::ErrorCode,
                message: &str,
            ) -> Self {
                <Self as #rt::ApiError>::from_wire(status, code, message)
            }

            /// The code as the server sends it.
            pub fn code(&self) -> #rt::ErrorCode {
                #rt::ApiError::code(self)
            }

            /// The documented message (for an undocumented code, the server's).
            pub fn message(&self) -> &str {
                #rt::ApiError::message(self)
            }

            /// Whether trying again can help.
            pub fn is_retryable(&self) -> bool {
                #rt::ApiError::is_retryable(self)
            }

            #js
        }

        impl #rt::ApiError for #name {
            fn from_wire(status: #rt::Option<u16>, code: #rt::ErrorCode, message: &str) -> Self {
                #rt::endpoint_from_wire(
                    (Self::ROWS, Self::DOCUMENTED), status, code, message,
                    Self::Platform, |code, message| Self::Undocumented { code, message },
                )
            }

            fn row(&self) -> #rt::Option<&'static #rt::ErrorRow> {
                match self {
                    Self::Platform(platform) => #rt::Some(#rt::PlatformError::row(platform)),
                    _ => #rt::documented_row((Self::ROWS, Self::DOCUMENTED), self),
                }
            }

            fn undocumented(&self) -> #rt::Option<(&#rt::ErrorCode, &str)> {
                match self {
                    Self::Undocumented { code, message } => #rt::Some((code, message)),
                    _ => #rt::None,
                }
            }

            fn documented() -> #rt::Vec<Self> {
                #rt::documented_with_platform(Self::DOCUMENTED, Self::Platform)
            }

            #api_name
        }

        #common
    }
}
