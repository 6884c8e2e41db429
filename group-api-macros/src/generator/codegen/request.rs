//! Request types: the struct, its typestate builder, validation, the wire body, and the
//! `Endpoint` impl a transport uses.
//!
//! The builder has one type parameter, a type-level list with a `Set` or `Unset` entry per settable
//! field (`group_api::__private::Slot`). A setter is there only while its field's entry is unset,
//! and `.build()` only once every required field's entry is set; both bounds go through a trait per
//! field whose `#[diagnostic::on_unimplemented]` names the field, so the compiler's message says
//! what to do. A setter names its entry by index, so its signature does not grow with the number of
//! fields (one parameter per field made every setter list them all: O(k²) code per builder).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::errors::code_tokens;
use super::types::{self, rust_type, wire_text};
use super::{EndpointCtx, docs};
use crate::generator::check::setter_name;
use crate::generator::model::{ErrorRow, Field, Group, Location, Method, Transport, Type};
use crate::generator::names::{snake_case, upper_camel};

/// What differs between the endpoint's request struct and a nested object's struct.
struct StructSpec<'a> {
    name: Ident,
    doc: TokenStream,
    /// Fields with where they go (nested objects: all body).
    fields: Vec<(Location, &'a Field)>,
    groups: &'a [Group],
    /// The request's `.build()` validates and returns a `Result`; a nested object's returns the
    /// value, which the request validates with everything else.
    top_level: bool,
    /// The endpoint's error rows, which `violation_error` refers to.
    errors: &'a [ErrorRow],
}

pub fn generate(ctx: &EndpointCtx) -> TokenStream {
    let endpoint = ctx.endpoint;
    let name = ctx.type_name("Request");
    let doc = docs::doc(&format!(
        "{}\n\n{}\n\nBuild it with [`{name}::builder()`]; serializing it gives exactly the wire body.",
        docs::headline(endpoint),
        docs::call_line(endpoint)
    ));
    let spec = StructSpec {
        name: name.clone(),
        doc,
        fields: endpoint.request.all().collect(),
        groups: &endpoint.request.at_least_one_of,
        top_level: true,
        errors: &endpoint.errors,
    };
    let mut out = structure(&spec, ctx);
    out.extend(endpoint_impl(ctx, &name));
    let mut named = Vec::new();
    types::named(endpoint.request.all().map(|(_, f)| &f.ty), &mut named);
    for ty in named {
        match ty {
            Type::Enum(e) => out.extend(types::enum_type(e, ctx.krate)),
            Type::Object(o) => {
                let doc = docs::doc(&format!(
                    "An entry of `{}`. Build it with [`{}::builder()`].",
                    o.at.path.trim_end_matches(".rust_type"),
                    o.rust_type
                ));
                let spec = StructSpec {
                    name: format_ident!("{}", o.rust_type),
                    doc,
                    fields: o.fields.iter().map(|f| (Location::Body, f)).collect(),
                    groups: &o.at_least_one_of,
                    top_level: false,
                    errors: &endpoint.errors,
                };
                out.extend(structure(&spec, ctx));
            }
            _ => {}
        }
    }
    out
}

fn member(field: &Field) -> Ident {
    format_ident!("{}", setter_name(field))
}

fn structure(spec: &StructSpec, ctx: &EndpointCtx) -> TokenStream {
    let krate = ctx.krate;
    let name = &spec.name;
    let builder = format_ident!("{name}Builder");
    let state_mod = format_ident!("__{}_state", snake_case(&name.to_string()));
    let members: Vec<Ident> = spec.fields.iter().map(|(_, f)| member(f)).collect();
    let member_types: Vec<TokenStream> =
        spec.fields.iter().map(|(_, f)| rust_type(&f.ty)).collect();
    let doc = &spec.doc;

    // The typestate: one parameter per settable field.
    let settable: Vec<&Field> = spec
        .fields
        .iter()
        .map(|(_, f)| *f)
        .filter(|f| f.const_value.is_none())
        .collect();
    let (unset, set) = (
        quote!(#krate::__private::Unset),
        quote!(#krate::__private::Set),
    );
    let slot = quote!(#krate::__private::Slot);
    let fresh = index(settable.len(), krate);

    let mut state_traits = TokenStream::new();
    let mut setters = TokenStream::new();
    let mut build_bounds = Vec::new();
    for (i, field) in settable.iter().enumerate() {
        let setter = member(field);
        let camel = upper_camel(&setter.to_string());
        let (is_set, is_unset) = (format_ident!("{camel}Set"), format_ident!("{camel}Unset"));
        let twice = format!("`{setter}` is already set on this `{name}` builder");
        let twice_label = format!("`{setter}` was set before; each field is set once");
        state_traits.extend(quote! {
            #[diagnostic::on_unimplemented(message = #twice, label = #twice_label)]
            pub trait #is_unset {}
            impl #is_unset for #unset {}
        });
        if field.required {
            let missing = format!(
                "`{name}` needs `{}`: call `.{setter}(..)` before `.build()`",
                field.name
            );
            let missing_label = format!("`{setter}` is required and was not set");
            state_traits.extend(quote! {
                #[diagnostic::on_unimplemented(message = #missing, label = #missing_label)]
                pub trait #is_set {}
                impl #is_set for #set {}
            });
            let at = index(i, krate);
            build_bounds.push(quote!(S: #slot<#at, At: #state_mod::#is_set>));
        }
        let at = index(i, krate);
        let field_doc = docs::field(field);
        let (generics, arg, bounds, value) = setter_argument(&field.ty);
        setters.extend(quote! {
            #field_doc
            pub fn #setter #generics (self, #arg) -> #builder<<S as #slot<#at>>::Filled>
            where
                S: #slot<#at, At: #state_mod::#is_unset>,
                #bounds
            {
                let mut inner = self.inner;
                inner.#setter = ::core::option::Option::Some(#value);
                #builder { inner, _state: ::core::marker::PhantomData }
            }
        });
    }

    let groups: String = spec
        .groups
        .iter()
        .map(|g| {
            format!(
                "\n\nAt least one of {} must be set: {}",
                g.fields.join(", "),
                g.description
            )
        })
        .collect();
    let build = if spec.top_level {
        let doc = docs::doc(&format!(
            "Checks every documented constraint and returns the request, or every violation found.{groups}"
        ));
        quote! {
            #doc
            pub fn build(self) -> ::core::result::Result<#name, #krate::ValidationError>
            where
                #(#build_bounds,)*
            {
                #krate::__private::finish(self.inner)
            }
        }
    } else {
        let doc = docs::doc(&format!(
            "Finishes the entry. Its constraints are checked by the request's `.build()`.{groups}"
        ));
        quote! {
            #doc
            pub fn build(self) -> #name
            where
                #(#build_bounds,)*
            {
                self.inner
            }
        }
    };

    let validate = validate_impl(spec, krate);
    let serialize = serialize_impl(spec, krate);
    let debug = debug_impl(spec);
    let builder_doc =
        format!("Builder of [`{name}`]; every required field must be set before `.build()`.");
    let builder_fn_doc = format!("Starts a [`{name}`] with no field set.");

    quote! {
        #doc
        #[derive(Clone, PartialEq)]
        pub struct #name {
            #( #members: ::core::option::Option<#member_types>, )*
        }

        impl #name {
            #[doc = #builder_fn_doc]
            pub fn builder() -> #builder {
                #builder {
                    inner: #name { #( #members: ::core::option::Option::None, )* },
                    _state: ::core::marker::PhantomData,
                }
            }
        }

        #[doc(hidden)]
        pub mod #state_mod {
            #state_traits
        }

        #[doc = #builder_doc]
        #[must_use = "a builder does nothing until `.build()` is called"]
        pub struct #builder<S = <#fresh as #krate::__private::Fresh>::State> {
            inner: #name,
            _state: ::core::marker::PhantomData<fn() -> S>,
        }

        impl<S> #builder<S> {
            #setters
            #build
        }

        #validate
        #serialize
        #debug
    }
}

/// The type-level index `i` (`group_api::__private::I{i}`; past the named ones, `Next` around them).
fn index(i: usize, krate: &TokenStream) -> TokenStream {
    const NAMED: usize = 63;
    let last = format_ident!("I{}", i.min(NAMED));
    let mut out = quote!(#krate::__private::#last);
    for _ in NAMED..i {
        out = quote!(#krate::__private::Next<#out>);
    }
    out
}

/// A setter's generics, argument, extra bounds, and the expression that stores the argument.
/// Lists take any iterator of anything that converts into an entry.
fn setter_argument(ty: &Type) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    match ty {
        Type::Array(items) => {
            let items = rust_type(items);
            (
                quote!(<I>),
                quote!(values: I),
                quote!(I: ::core::iter::IntoIterator, I::Item: ::core::convert::Into<#items>,),
                quote!(
                    values
                        .into_iter()
                        .map(::core::convert::Into::into)
                        .collect()
                ),
            )
        }
        other => {
            let ty = rust_type(other);
            (
                quote!(),
                quote!(value: impl ::core::convert::Into<#ty>),
                quote!(),
                quote!(value.into()),
            )
        }
    }
}

fn validate_impl(spec: &StructSpec, krate: &TokenStream) -> TokenStream {
    let name = &spec.name;
    let mut checks = TokenStream::new();
    for (location, field) in &spec.fields {
        if field.const_value.is_some() {
            continue;
        }
        let (wire, m) = (&field.name, member(field));
        if field.required {
            checks.extend(quote!(v.required(#wire, &self.#m);));
        }
        if *location == Location::Path && matches!(field.ty, Type::String) {
            checks.extend(quote!(v.path_segment(#wire, self.#m.as_deref());));
        }
        if field.min_length.is_some() || field.max_length.is_some() {
            let bound = |b: &Option<(u64, _)>| match b {
                Some((n, _)) => {
                    let n = *n as usize;
                    quote!(::core::option::Option::Some(#n))
                }
                None => quote!(::core::option::Option::None),
            };
            let (min, max) = (bound(&field.min_length), bound(&field.max_length));
            let row = field
                .violation_error
                .as_ref()
                .and_then(|(v, _)| spec.errors.iter().find(|r| r.variant == *v));
            let code = match row {
                Some(row) => {
                    let code = code_tokens(&row.code, krate);
                    quote!(::core::option::Option::Some(#code))
                }
                None => quote!(::core::option::Option::None),
            };
            checks.extend(quote!(v.length(#wire, self.#m.as_deref(), #min, #max, #code);));
        }
        match &field.ty {
            Type::Object(_) => checks.extend(quote!(v.nested(#wire, self.#m.as_ref());)),
            Type::Array(items) if matches!(items.as_ref(), Type::Object(_)) => {
                checks.extend(quote!(v.each(#wire, self.#m.as_deref());))
            }
            _ => {}
        }
    }
    for group in spec.groups {
        let wires = &group.fields;
        let present = group.fields.iter().filter_map(|wire| {
            let (_, field) = spec.fields.iter().find(|(_, f)| f.name == *wire)?;
            let m = member(field);
            Some(match field.ty {
                Type::String | Type::Array(_) => quote!(#krate::__private::is_present(&self.#m)),
                _ => quote!(self.#m.is_some()),
            })
        });
        checks.extend(quote!(v.at_least_one_of(&[#(#wires),*], &[#(#present),*]);));
    }
    let v = if checks.is_empty() {
        quote!(_v)
    } else {
        quote!(v)
    };
    quote! {
        impl #krate::__private::Validate for #name {
            fn validate(&self, #v: &mut #krate::__private::Validator) {
                #checks
            }
        }
    }
}

fn serialize_impl(spec: &StructSpec, krate: &TokenStream) -> TokenStream {
    let name = &spec.name;
    let body: Vec<&Field> = spec
        .fields
        .iter()
        .filter(|(l, f)| *l == Location::Body && f.const_value.is_none())
        .map(|(_, f)| *f)
        .collect();
    let wires = body.iter().map(|f| &f.name);
    let members = body.iter().map(|f| member(f));
    quote! {
        impl #krate::__private::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: #krate::__private::serde::Serializer,
            {
                use #krate::__private::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                #(
                    if let ::core::option::Option::Some(value) = &self.#members {
                        map.serialize_entry(#wires, value)?;
                    }
                )*
                map.end()
            }
        }
    }
}

/// `Debug` shows set fields by wire name; a field marked secret shows as `<redacted>`.
fn debug_impl(spec: &StructSpec) -> TokenStream {
    let name = &spec.name;
    let label = name.to_string();
    let entries = spec
        .fields
        .iter()
        .filter(|(_, f)| f.const_value.is_none())
        .map(|(_, field)| {
            let (wire, m) = (&field.name, member(field));
            if field.secret {
                quote! {
                    if self.#m.is_some() {
                        out.field(#wire, &"<redacted>");
                    }
                }
            } else {
                quote! {
                    if let ::core::option::Option::Some(value) = &self.#m {
                        out.field(#wire, value);
                    }
                }
            }
        });
    quote! {
        impl ::core::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut out = f.debug_struct(#label);
                #(#entries)*
                out.finish()
            }
        }
    }
}

fn endpoint_impl(ctx: &EndpointCtx, name: &Ident) -> TokenStream {
    let (krate, pp, endpoint) = (ctx.krate, ctx.platform_path, ctx.endpoint);
    let (response, error) = (ctx.type_name("Response"), ctx.type_name("Error"));
    let api_const = format_ident!("{}_API", ctx.api.name.to_uppercase());
    let (platform, endpoint_name) = (&endpoint.platform, &endpoint.name);
    let doc_url = match &endpoint.doc.url {
        Some(url) => quote!(::core::option::Option::Some(#url)),
        None => quote!(::core::option::Option::None),
    };
    let auth = match &endpoint.auth {
        Some(auth) => super::platform::auth_tokens(auth, krate),
        None => quote!(#pp::#api_const.auth),
    };
    let request = &endpoint.request;
    let (transport, path) = match &endpoint.transport {
        Transport::Http { method, path, .. } => {
            let method = format_ident!("{}", format!("{method:?}"));
            let has_body =
                !request.body.is_empty() || !matches!(endpoint_method(endpoint), Some(Method::Get));
            let transport = quote!(#krate::Transport::Http { method: #krate::Method::#method, path: #path, has_body: #has_body });
            (transport, path_fn(path, &request.path, krate))
        }
        Transport::JsSdk { api } => {
            let short = api.rsplit('.').next().unwrap_or_default();
            (
                quote!(#krate::Transport::JsSdk { api: #short }),
                quote!(::std::string::String::new()),
            )
        }
    };
    let secrets = secrets_fn(request.all().map(|(_, f)| f));
    let response_secrets: Vec<&String> = endpoint
        .response
        .iter()
        .filter(|f| f.secret)
        .map(|f| &f.name)
        .collect();
    let response_secrets = (!response_secrets.is_empty()).then(
        || quote!(const RESPONSE_SECRETS: &'static [&'static str] = &[#(#response_secrets),*];),
    );
    let query = pairs(&request.query);
    let headers = pairs(&request.headers);
    quote! {
        impl #krate::Endpoint for #name {
            type Response = #response;
            type Error = #error;
            type Platform = #pp::Platform;

            #response_secrets

            const INFO: &'static #krate::EndpointInfo = &#krate::EndpointInfo::new(
                #platform,
                #endpoint_name,
                &#pp::#api_const,
                #transport,
                #doc_url,
                #auth,
            );

            fn path(&self) -> ::std::string::String {
                #path
            }

            fn query(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                #query
            }

            fn headers(&self) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                #headers
            }

            #secrets
        }
    }
}

fn endpoint_method(endpoint: &crate::generator::model::EndpointSpec) -> Option<Method> {
    match &endpoint.transport {
        Transport::Http { method, .. } => Some(*method),
        Transport::JsSdk { .. } => None,
    }
}

/// The path with its `:param` segments filled in and percent-encoded.
fn path_fn(template: &str, params: &[Field], krate: &TokenStream) -> TokenStream {
    if params.is_empty() {
        return quote!(::std::string::String::from(#template));
    }
    let mut format = String::new();
    let mut args = Vec::new();
    for segment in template.split('/').skip(1) {
        format.push('/');
        match segment
            .strip_prefix(':')
            .and_then(|p| params.iter().find(|f| f.name == p))
        {
            Some(field) => {
                format.push_str("{}");
                let m = member(field);
                let text = wire_text(&field.ty, quote!(value));
                args.push(quote! {
                    #krate::__private::encode_path_segment(
                        &self.#m.as_ref().map(|value| #text).unwrap_or_default()
                    )
                });
            }
            None => format.push_str(&segment.replace('{', "{{").replace('}', "}}")),
        }
    }
    quote!(::std::format!(#format, #(#args),*))
}

/// Name/value pairs of the set (or fixed) fields, for queries and headers.
fn pairs(fields: &[Field]) -> TokenStream {
    if fields.is_empty() {
        return quote!(::std::vec::Vec::new());
    }
    let pushes = fields.iter().map(|field| {
        let wire = &field.name;
        match &field.const_value {
            Some(value) => quote!(out.push((#wire, ::std::string::String::from(#value)));),
            None => {
                let m = member(field);
                let text = wire_text(&field.ty, quote!(value));
                quote! {
                    if let ::core::option::Option::Some(value) = &self.#m {
                        out.push((#wire, #text));
                    }
                }
            }
        }
    });
    quote! {
        let mut out = ::std::vec::Vec::new();
        #(#pushes)*
        out
    }
}

/// `Endpoint::secrets` for a request with secret string fields (the default returns none).
fn secrets_fn<'f>(fields: impl Iterator<Item = &'f Field>) -> TokenStream {
    let members: Vec<Ident> = fields
        .filter(|f| f.secret && matches!(f.ty, Type::String))
        .map(member)
        .collect();
    if members.is_empty() {
        return TokenStream::new();
    }
    quote! {
        fn secrets(&self) -> ::std::vec::Vec<&str> {
            let mut out = ::std::vec::Vec::new();
            #(
                if let ::core::option::Option::Some(value) = &self.#members {
                    out.push(value.as_str());
                }
            )*
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_past_the_named_ones_nest_next() {
        let krate = quote!(::group_api);
        let text = |i| index(i, &krate).to_string().replace(' ', "");
        assert_eq!(text(0), "::group_api::__private::I0");
        assert_eq!(text(63), "::group_api::__private::I63");
        assert_eq!(
            text(65),
            "::group_api::__private::Next<::group_api::__private::Next<::group_api::__private::I63>>"
        );
    }
}
