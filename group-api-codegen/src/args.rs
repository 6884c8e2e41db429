//! The macro's arguments: `endpoints!("spec")` or
//! `endpoints!(dir = "spec", platform = "dingtalk", client = Client, crate = ::group_api)`.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{LitStr, Token};

pub struct Args {
    /// The spec folder, relative to the calling crate's `Cargo.toml`.
    pub dir: LitStr,
    pub platform: Option<String>,
    pub client: Option<TokenStream>,
    /// The type that gets one method per JS-SDK endpoint (group-api's `wecom::JsClient`).
    pub js_client: Option<TokenStream>,
    /// group-api's own call for one of its built-in platforms (`__builtin = true`): it may define
    /// the platform and gets a client only where it names one.
    pub builtin: bool,
    pub krate: TokenStream,
}

enum Arg {
    Dir(LitStr),
    Platform(LitStr),
    Client(syn::Path),
    JsClient(syn::Path),
    Builtin(syn::LitBool),
    Crate(syn::Path),
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return Ok(Arg::Dir(input.parse()?));
        }
        let key = if input.peek(Token![crate]) {
            input.parse::<Token![crate]>()?;
            "crate".to_owned()
        } else {
            input.parse::<syn::Ident>()?.to_string()
        };
        input.parse::<Token![=]>()?;
        match key.as_str() {
            "dir" => Ok(Arg::Dir(input.parse()?)),
            "platform" => Ok(Arg::Platform(input.parse()?)),
            "client" => Ok(Arg::Client(input.parse()?)),
            "js_client" => Ok(Arg::JsClient(input.parse()?)),
            "__builtin" => Ok(Arg::Builtin(input.parse()?)),
            "crate" => Ok(Arg::Crate(input.parse()?)),
            other => Err(input.error(format!(
                "unknown argument `{other}`: expected `dir = \"..\"`, `platform = \"..\"`, `client = Type`, `js_client = Type` or `crate = path`"
            ))),
        }
    }
}

pub fn parse(input: TokenStream) -> syn::Result<Args> {
    let span = proc_macro2::Span::call_site();
    let list = Punctuated::<Arg, Token![,]>::parse_terminated.parse2(input)?;
    let (mut dir, mut platform, mut client, mut js_client, mut krate) =
        (None, None, None, None, None);
    let mut builtin = false;
    for arg in list {
        match arg {
            Arg::Dir(d) => dir = Some(d),
            Arg::Platform(p) => platform = Some(p.value()),
            Arg::Client(c) => client = Some(c.to_token_stream()),
            Arg::JsClient(c) => js_client = Some(c.to_token_stream()),
            Arg::Builtin(b) => builtin = b.value,
            Arg::Crate(c) => krate = Some(c.to_token_stream()),
        }
    }
    let dir = dir.ok_or_else(|| {
        syn::Error::new(
            span,
            "missing the spec folder: write `endpoints!(\"spec\")`",
        )
    })?;
    Ok(Args {
        dir,
        platform,
        client,
        js_client,
        builtin,
        krate: krate.unwrap_or_else(|| quote!(::group_api)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_bare_folder_or_named_arguments() {
        let args = parse(quote!("spec")).unwrap();
        assert_eq!(args.dir.value(), "spec");
        assert_eq!(args.krate.to_string(), quote!(::group_api).to_string());
        let args = parse(quote!(
            dir = "s",
            platform = "dingtalk",
            client = Client,
            crate = ::my_api
        ))
        .unwrap();
        assert_eq!(args.platform.as_deref(), Some("dingtalk"));
        assert_eq!(args.client.unwrap().to_string(), "Client");
        assert_eq!(args.krate.to_string(), quote!(::my_api).to_string());
    }

    #[test]
    fn rejects_unknown_arguments_and_a_missing_folder() {
        let error = parse(quote!(folder = "spec")).err().unwrap().to_string();
        assert!(error.contains("unknown argument `folder`"), "{error}");
        let error = parse(quote!(platform = "x")).err().unwrap().to_string();
        assert!(error.contains("missing the spec folder"), "{error}");
    }
}
