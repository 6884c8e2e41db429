//! Error enums: one per endpoint (its documented rows, the platform-wide ones, and a catch-all that
//! keeps an undocumented code) and one per platform API (its platform-wide rows).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{EndpointCtx, docs};
use crate::generator::model::{Category, Code, Envelope, ErrorRow};
use crate::generator::names::upper_camel;

/// An `ErrorCode` constant.
pub fn code_tokens(code: &Code, krate: &TokenStream) -> TokenStream {
    match code {
        Code::Number(n) => quote!(#krate::ErrorCode::Number(#n)),
        Code::Text(t) => quote!(#krate::ErrorCode::Text(::std::borrow::Cow::Borrowed(#t))),
    }
}

fn option<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// The rows as a constant table the runtime matches against.
fn rows_table(rows: &[ErrorRow], krate: &TokenStream) -> TokenStream {
    let rows = rows.iter().map(|row| {
        let variant = &row.variant;
        let status = option(row.status);
        let code = code_tokens(&row.code, krate);
        let message = option(row.message.as_deref());
        let explanation = &row.explanation;
        let category = format_ident!("{}", category_variant(row.category));
        let retryable = row.retryable;
        let retry_after = option(row.retry_after_ms);
        let attempts = option(row.max_attempts);
        quote! {
            #krate::ErrorRow::new(
                #variant, #status, #code, #message, #explanation,
                #krate::ErrorCategory::#category, #retryable, #retry_after, #attempts,
            )
        }
    });
    quote!(&[#(#rows),*])
}

fn category_variant(category: Category) -> &'static str {
    category.variant_name()
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

fn common_impls(name: &Ident, krate: &TokenStream) -> TokenStream {
    quote! {
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #krate::__private::fmt_api_error(self, f)
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// `<Api>PlatformError`: the rows every endpoint of one platform API can answer.
pub fn platform_error(
    name: &Ident,
    title: &str,
    rows: &[ErrorRow],
    krate: &TokenStream,
) -> TokenStream {
    let variants: Vec<Ident> = rows
        .iter()
        .map(|r| format_ident!("{}", r.variant))
        .collect();
    let docs = rows.iter().map(row_doc);
    let indices = 0..rows.len();
    let table = rows_table(rows, krate);
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
            const ROWS: &'static [#krate::ErrorRow] = #table;
        }

        impl #krate::PlatformError for #name {
            fn from_wire(
                status: ::core::option::Option<u16>,
                code: &#krate::ErrorCode,
                message: &str,
            ) -> ::core::option::Option<Self> {
                match #krate::match_row(Self::ROWS, status, code, message)? {
                    #( #indices => ::core::option::Option::Some(Self::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }

            fn row(&self) -> &'static #krate::ErrorRow {
                #row_body
            }
        }

        impl #name {
            /// Implemented through [`ApiError`](#krate::ApiError) for the endpoint error that wraps it.
            pub fn code(&self) -> #krate::ErrorCode {
                #krate::PlatformError::row(self).code.clone()
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let row = #krate::PlatformError::row(self);
                ::core::write!(f, "{}", row.code)?;
                if let ::core::option::Option::Some(message) = row.message {
                    ::core::write!(f, ": {}", message)?;
                }
                ::core::write!(f, " ({})", row.explanation)
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// `<Name>Error`: the endpoint's documented rows, `Platform(..)`, and `Undocumented { .. }`.
pub fn endpoint_error(ctx: &EndpointCtx) -> TokenStream {
    let krate = ctx.krate;
    let name = ctx.type_name("Error");
    let rows = &ctx.endpoint.errors;
    let variants: Vec<Ident> = rows
        .iter()
        .map(|r| format_ident!("{}", r.variant))
        .collect();
    let docs = rows.iter().map(row_doc);
    let indices: Vec<usize> = (0..rows.len()).collect();
    let table = rows_table(rows, krate);
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
            pub fn from_err_msg(err_msg: &str) -> ::core::option::Option<Self> {
                let api = match <Self as #krate::ApiError>::api_name() {
                    ::core::option::Option::Some(api) => api,
                    ::core::option::Option::None => return ::core::option::Option::None,
                };
                #krate::__private::parse_err_msg::<Self>(api, err_msg)
            }
        }
    });
    let api_name = match &ctx.endpoint.transport {
        crate::generator::model::Transport::JsSdk { api } => {
            let short = api.rsplit('.').next().unwrap_or_default();
            quote!(::core::option::Option::Some(#short))
        }
        _ => quote!(::core::option::Option::None),
    };
    let common = common_impls(&name, krate);
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
                code: #krate::ErrorCode,
                /// The message as sent.
                message: ::std::string::String,
            },
        }

        impl #name {
            const ROWS: &'static [#krate::ErrorRow] = #table;

            /// Builds the error from what the wire carries: HTTP status where there is one, code and
            /// message. An undocumented code becomes `Undocumented`, not lost.
            pub fn from_wire(
                status: ::core::option::Option<u16>,
                code: #krate::ErrorCode,
                message: &str,
            ) -> Self {
                <Self as #krate::ApiError>::from_wire(status, code, message)
            }

            /// The code as the server sends it.
            pub fn code(&self) -> #krate::ErrorCode {
                #krate::ApiError::code(self)
            }

            /// The documented message (for an undocumented code, the server's).
            pub fn message(&self) -> &str {
                #krate::ApiError::message(self)
            }

            /// Whether trying again can help.
            pub fn is_retryable(&self) -> bool {
                #krate::ApiError::is_retryable(self)
            }

            #js
        }

        impl #krate::ApiError for #name {
            fn from_wire(
                status: ::core::option::Option<u16>,
                code: #krate::ErrorCode,
                message: &str,
            ) -> Self {
                match #krate::match_row(Self::ROWS, status, &code, message) {
                    #( ::core::option::Option::Some(#indices) => Self::#variants, )*
                    _ => match <#pp::#platform_error as #krate::PlatformError>::from_wire(status, &code, message) {
                        ::core::option::Option::Some(platform) => Self::Platform(platform),
                        ::core::option::Option::None => Self::Undocumented { code, message: ::std::string::String::from(message) },
                    },
                }
            }

            fn row(&self) -> ::core::option::Option<&'static #krate::ErrorRow> {
                match self {
                    #( Self::#variants => ::core::option::Option::Some(&Self::ROWS[#indices]), )*
                    Self::Platform(platform) => ::core::option::Option::Some(#krate::PlatformError::row(platform)),
                    Self::Undocumented { .. } => ::core::option::Option::None,
                }
            }

            fn undocumented(&self) -> ::core::option::Option<(&#krate::ErrorCode, &str)> {
                match self {
                    Self::Undocumented { code, message } => ::core::option::Option::Some((code, message)),
                    _ => ::core::option::Option::None,
                }
            }

            fn api_name() -> ::core::option::Option<&'static str> {
                #api_name
            }
        }

        #common
    }
}
