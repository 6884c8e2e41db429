//! Request types: the struct, its typestate builder, validation, the wire body, and the
//! `Endpoint` impl a transport uses.
//!
//! The builder has one type parameter, a type-level list with a `Set` or `Unset` entry per settable
//! field (`Slot` of the runtime's private module). A setter is there only while its field's entry is
//! unset (the runtime's `IsUnset`, one trait for every field: the note under its message names the
//! builder and the setter), and `.build()` only once every required field's entry is set, through
//! a trait per required field whose `#[diagnostic::on_unimplemented]` names the field, so the
//! compiler's message says what to do. A setter names its entry by index, so its signature does
//! not grow with the number of fields (one parameter per field made every setter list them all:
//! O(k²) code per builder).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::errors::code_tokens;
use super::types::{self, field_text, rust_type};
use super::{EndpointCtx, docs, moved};
use crate::model::{
    BodyFormat, Constraints, CrossFieldRule, ErrorRow, Field, FieldPath, Group, Location, Method,
    Transport, Type,
};
use crate::names::{snake_case, upper_camel};

/// What differs between the endpoint's request struct and a nested object's struct.
struct StructSpec<'a> {
    name: Ident,
    doc: TokenStream,
    /// Fields with where they go (nested objects: all body).
    fields: Vec<(Location, &'a Field)>,
    groups: &'a [Group],
    rules: &'a [CrossFieldRule],
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
        rules: &endpoint.request.rules,
        top_level: true,
        errors: &endpoint.errors,
    };
    let mut out = structure(&spec, ctx);
    out.extend(endpoint_impl(ctx, &name));
    let mut named = Vec::new();
    types::named(endpoint.request.all().map(|(_, f)| &f.ty), &mut named);
    for ty in named {
        match ty {
            Type::Enum(e) => out.extend(types::enum_type(e, ctx.rt, false)),
            Type::Union(u) => out.extend(types::union_type(u, ctx.rt, &ctx.serde_path())),
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
                    rules: &o.rules,
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

/// Whether the entries of a list are objects, or lists whose entries (at any depth) are.
fn holds_objects(items: &Type) -> bool {
    match items.resolved() {
        Type::Object(_) => true,
        Type::Array(inner) => holds_objects(inner),
        _ => false,
    }
}

fn member(field: &Field) -> Ident {
    format_ident!("{}", field.member_name())
}

fn structure(spec: &StructSpec, ctx: &EndpointCtx) -> TokenStream {
    let rt = ctx.rt;
    let name = &spec.name;
    let builder = format_ident!("{name}Builder");
    // `__state` for the request, `__<object>_state` for a nested object (whose name is not empty).
    let state_mod = match spec.top_level {
        true => format_ident!("__state"),
        false => format_ident!("__{}_state", snake_case(&name.to_string())),
    };
    let members: Vec<Ident> = spec.fields.iter().map(|(_, f)| member(f)).collect();
    let member_types: Vec<TokenStream> = spec
        .fields
        .iter()
        .map(|(_, f)| rust_type(&f.ty, rt))
        .collect();
    let doc = &spec.doc;

    // The typestate: an entry per settable field in the builder's one state parameter.
    let settable: Vec<&Field> = spec
        .fields
        .iter()
        .map(|(_, f)| *f)
        .filter(|f| f.const_value.is_none())
        .collect();
    // The state traits live in a child module, which sees the endpoint module's `__p` import
    // through `super`.
    let set = quote!(super::#rt::Set);
    let slot = quote!(#rt::Slot);
    let fresh = index(settable.len(), rt);

    let mut state_traits = TokenStream::new();
    let mut setters = TokenStream::new();
    let mut build_bounds = Vec::new();
    for (i, field) in settable.iter().enumerate() {
        let setter = member(field);
        let camel = upper_camel(&setter.to_string());
        let at = index(i, rt);
        if field.required {
            let is_set = format_ident!("{camel}Set");
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
            build_bounds.push(quote!(S: #slot<#at, At: #state_mod::#is_set>));
        }
        let field_doc = docs::field(field);
        let (arg, value) = setter_argument(&field.ty, rt);
        setters.extend(quote! {
            #field_doc
            pub fn #setter(mut self, #arg) -> #builder<#rt::Filled<S, #at>>
            where
                S: #slot<#at, At: #rt::IsUnset>,
            {
                self.inner.#setter = #value;
                self.__cast()
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
            pub fn build(self) -> #rt::Result<#name, #rt::ValidationError>
            where
                #(#build_bounds,)*
            {
                #rt::finish(self.inner)
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

    // A trait per required field; a struct with none has no state module.
    let state_mod = match state_traits.is_empty() {
        true => TokenStream::new(),
        false => quote! {
            #[doc(hidden)]
            pub mod #state_mod {
                #state_traits
            }
        },
    };

    let validate = moved(validate_impl(spec, rt));
    let serialize = moved(serialize_impl(spec, rt));
    let debug = moved(debug_impl(spec, rt));
    let (setters, build, state_mod) = (moved(setters), moved(build), moved(state_mod));
    let builder_doc =
        format!("Builder of [`{name}`]; every required field must be set before `.build()`.");
    let builder_fn_doc = format!("Starts a [`{name}`] with no field set.");

    quote! {
        #doc
        #[derive(Clone, PartialEq)]
        pub struct #name {
            #( #members: #rt::Option<#member_types>, )*
        }

        impl #name {
            #[doc = #builder_fn_doc]
            #[inline]
            pub fn builder() -> #builder {
                #builder {
                    inner: #name { #( #members: #rt::None, )* },
                    _state: #rt::PhantomData,
                }
            }
        }

        #state_mod

        #[doc = #builder_doc]
        #[must_use = "a builder does nothing until `.build()` is called"]
        pub struct #builder<S = <#fresh as #rt::Fresh>::State> {
            inner: #name,
            _state: #rt::PhantomData<fn() -> S>,
        }

        impl<S> #builder<S> {
            #setters
            #build

            fn __cast<__T>(self) -> #builder<__T> {
                #builder { inner: self.inner, _state: #rt::PhantomData }
            }
        }

        #validate
        #serialize
        #debug
    }
}

/// The type-level index `i` (`__p::I{i}`; past the named ones, `Next` around them).
fn index(i: usize, rt: &TokenStream) -> TokenStream {
    const NAMED: usize = 63;
    let last = format_ident!("I{}", i.min(NAMED));
    let mut out = quote!(#rt::#last);
    for _ in NAMED..i {
        out = quote!(#rt::Next<#out>);
    }
    out
}

/// A setter's argument and the expression that stores it. Lists take any iterator of anything that
/// converts into an entry.
fn setter_argument(ty: &Type, rt: &TokenStream) -> (TokenStream, TokenStream) {
    match ty {
        Type::Array(items) => {
            let items = rust_type(items, rt);
            (
                quote!(values: impl #rt::IntoIterator<Item: #rt::Into<#items>>),
                quote!(#rt::collect(values)),
            )
        }
        other => {
            let ty = rust_type(other, rt);
            (
                quote!(value: impl #rt::Into<#ty>),
                quote!(#rt::Some(value.into())),
            )
        }
    }
}

fn validate_impl(spec: &StructSpec, rt: &TokenStream) -> TokenStream {
    let name = &spec.name;
    let mut checks = TokenStream::new();
    for (location, field) in &spec.fields {
        if field.const_value.is_some() {
            continue;
        }
        let (wire, m) = (&field.name, member(field));
        // The code of the row `violation_error` names for a rule, if any.
        let code = |rule: &str| {
            let row = field
                .violation_error
                .as_ref()
                .and_then(|ve| ve.variant_for(rule))
                .and_then(|v| spec.errors.iter().find(|r| r.variant == v));
            types::option(row.map(|row| code_tokens(&row.code, rt)), rt)
        };
        let ty = field.ty.resolved();
        if field.required {
            let code = code("required");
            checks.extend(quote!(v.required(#wire, &self.#m, #code);));
        }
        if *location == Location::Path && matches!(ty, Type::String) {
            checks.extend(quote!(v.path_segment(#wire, self.#m.as_deref());));
        }
        let access = Access {
            text: quote!(self.#m.as_deref()),
            copy: quote!(self.#m),
            by_ref: quote!(self.#m.as_ref()),
        };
        checks.extend(value_checks(
            quote!(#wire),
            &access,
            &field.ty,
            &field.constraints(),
            &code,
            rt,
        ));
        if let Type::Array(entries) = ty {
            if let (Some((separator, _)), Type::String) = (&field.separator, entries.resolved()) {
                let item_code = code("items");
                checks.extend(quote!(
                    v.joined_entries(#wire, self.#m.as_deref(), #separator, #item_code);
                ));
            }
            if field.min_items.is_some() || field.max_items.is_some() {
                let bound =
                    |b: &Option<(u64, _)>| types::option(b.as_ref().map(|(n, _)| *n as usize), rt);
                let (min, max) = (bound(&field.min_items), bound(&field.max_items));
                let (min_code, max_code) = (code("min_items"), code("max_items"));
                checks.extend(quote!(
                    v.count(#wire, self.#m.as_deref(), #min, #max, #min_code, #max_code);
                ));
            }
            let entry = Access {
                text: quote!(#rt::Some(value.as_str())),
                copy: quote!(#rt::Some(*value)),
                by_ref: quote!(#rt::Some(value)),
            };
            let rules = field.items.clone().unwrap_or_default();
            let item_code = |_: &str| code("items");
            let each = value_checks(quote!(""), &entry, entries, &rules, &item_code, rt);
            if !each.is_empty() {
                checks.extend(quote! {
                    for (i, value) in self.#m.iter().flatten().enumerate() {
                        v.entry(#wire, i, |v| { #each });
                    }
                });
            }
        }
        match ty {
            Type::Object(_) => checks.extend(quote!(v.nested(#wire, self.#m.as_ref());)),
            // A list of objects, or of lists of them at any depth (a list of lists is checked
            // entry by entry too: `Validate` for `Vec`).
            Type::Array(items) if holds_objects(items) => {
                checks.extend(quote!(v.each(#wire, self.#m.as_deref());))
            }
            _ => {}
        }
    }
    let level: Vec<&Field> = spec.fields.iter().map(|(_, f)| *f).collect();
    for group in spec.groups {
        let wires = &group.fields;
        let present = group.fields.iter().filter_map(|wire| {
            if let Some(path) = FieldPath::parse(wire).filter(|p| p.steps.len() > 1) {
                return Some(super::rules::path_present(&path, &level, rt));
            }
            let (_, field) = spec.fields.iter().find(|(_, f)| f.name == *wire)?;
            let m = member(field);
            Some(match field.ty.resolved() {
                Type::String | Type::Array(_) => quote!(#rt::is_present(&self.#m)),
                _ => quote!(self.#m.is_some()),
            })
        });
        checks.extend(quote!(v.at_least_one_of(&[#(#wires),*], &[#(#present),*]);));
    }
    checks.extend(super::rules::rule_checks(
        spec.rules,
        &level,
        spec.errors,
        rt,
    ));
    let v = if checks.is_empty() {
        quote!(_v)
    } else {
        quote!(v)
    };
    quote! {
        impl #rt::Validate for #name {
            #[inline]
            fn validate(&self, #v: &mut #rt::Validator<'_>) {
                #checks
            }
        }
    }
}

/// How the checks reach a value: as `Option<&str>` (strings), `Option<T>` (numbers, copied) or
/// `Option<&T>` (enums).
struct Access {
    text: TokenStream,
    copy: TokenStream,
    by_ref: TokenStream,
}

/// The checks of one value's own rules (lengths, pattern, numeric bounds, a documented enum
/// value), each with the code `code(rule)` of the row that rule's breach is reported with.
fn value_checks(
    wire: TokenStream,
    access: &Access,
    ty: &Type,
    rules: &Constraints,
    code: &dyn Fn(&str) -> TokenStream,
    rt: &TokenStream,
) -> TokenStream {
    let mut out = TokenStream::new();
    let text = &access.text;
    if rules.min_length.is_some() || rules.max_length.is_some() {
        let bound = |b: &Option<(u64, _)>| types::option(b.as_ref().map(|(n, _)| *n as usize), rt);
        let (min, max) = (bound(&rules.min_length), bound(&rules.max_length));
        let (min_code, max_code) = (code("min_length"), code("max_length"));
        out.extend(quote!(v.length(#wire, #text, #min, #max, #min_code, #max_code);));
    }
    if let Some((pattern, _)) = &rules.pattern {
        let code = code("pattern");
        out.extend(quote! {
            v.pattern(#wire, #text, {
                static PATTERN: #rt::Pattern = #rt::Pattern::new(#pattern);
                &PATTERN
            }, #code);
        });
    }
    if rules.minimum.is_some() || rules.maximum.is_some() {
        let bound = |b: &Option<(serde_json::Number, _)>| {
            types::option(
                b.as_ref().map(|(n, _)| number_literal(n, ty.resolved())),
                rt,
            )
        };
        let (min, max) = (bound(&rules.minimum), bound(&rules.maximum));
        let (min_code, max_code) = (code("minimum"), code("maximum"));
        let copy = &access.copy;
        out.extend(quote!(v.range(#wire, #copy, #min, #max, #min_code, #max_code);));
    }
    if crate::check::is_open_enum(ty) {
        let code = code("enum");
        let by_ref = &access.by_ref;
        out.extend(quote!(v.documented(#wire, #by_ref, #code);));
    }
    out
}

/// A bound as a literal of the field's Rust type (`100i32`, `0.5f64`).
fn number_literal(n: &serde_json::Number, ty: &Type) -> proc_macro2::Literal {
    use proc_macro2::Literal;
    match (ty, n.as_i64()) {
        (Type::Int32, Some(n)) => Literal::i32_suffixed(n as i32),
        (Type::Number, _) | (_, None) => Literal::f64_suffixed(n.as_f64().unwrap_or_default()),
        (_, Some(n)) => Literal::i64_suffixed(n),
    }
}

/// `Serialize` writes the set body fields by wire name, in order: a statement per field on the
/// runtime's `MapFields`, which keeps the first error (no `?` per field).
fn serialize_impl(spec: &StructSpec, rt: &TokenStream) -> TokenStream {
    let name = &spec.name;
    let body: Vec<&Field> = spec
        .fields
        .iter()
        .filter(|(l, f)| *l == Location::Body && f.const_value.is_none())
        .map(|(_, f)| *f)
        .collect();
    // A struct with nothing in the body (only path or query parameters) writes an empty map.
    let map = match body.is_empty() {
        true => quote!(map),
        false => quote!(mut map),
    };
    let entries = body.iter().map(|f| {
        let (wire, m) = (&f.name, member(f));
        match &f.separator {
            Some((separator, _)) => quote!(map.joined(#wire, &self.#m, #separator);),
            None => quote!(map.field(#wire, &self.#m);),
        }
    });
    quote! {
        impl #rt::serde::Serialize for #name {
            fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                let #map = #rt::map_fields(serializer)?;
                #( #entries )*
                map.end()
            }
        }
    }
}

/// `Debug` shows set fields by wire name; a field marked secret shows as `<redacted>`.
fn debug_impl(spec: &StructSpec, rt: &TokenStream) -> TokenStream {
    let name = &spec.name;
    let label = name.to_string();
    let entries = spec
        .fields
        .iter()
        .filter(|(_, f)| f.const_value.is_none())
        .map(|(_, field)| {
            let (wire, m) = (&field.name, member(field));
            let show = match field.secret {
                true => quote!(#rt::redacted),
                false => quote!(#rt::shown),
            };
            quote!((#wire, #show(&self.#m)))
        });
    quote! {
        impl #rt::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut #rt::fmt::Formatter<'_>) -> #rt::fmt::Result {
                #rt::debug_fields(f, #label, &[#(#entries),*])
            }
        }
    }
}

fn endpoint_impl(ctx: &EndpointCtx, name: &Ident) -> TokenStream {
    let (rt, pp, endpoint) = (ctx.rt, ctx.platform_path, ctx.endpoint);
    let (response, error) = (ctx.type_name("Response"), ctx.type_name("Error"));
    let api_const = format_ident!("{}_API", ctx.api.name.to_uppercase());
    let (platform, endpoint_name) = (&endpoint.platform, &endpoint.name);
    let doc_url = types::option(endpoint.doc.url.as_ref(), rt);
    let auth = match &endpoint.auth {
        Some(auth) => super::platform::auth_tokens(auth, rt),
        None => quote!(#pp::#api_const.auth),
    };
    let request = &endpoint.request;
    let (transport, path) = match &endpoint.transport {
        Transport::Http {
            method,
            path,
            idempotent,
            body,
            ..
        } => {
            // Idempotent unless the spec says otherwise: GET, PUT and DELETE by HTTP's rules.
            let idempotent =
                idempotent.unwrap_or(matches!(method, Method::Get | Method::Put | Method::Delete));
            let method = format_ident!("{}", format!("{method:?}"));
            // No body fields, no body (and no `Content-Type`), whatever the method.
            let body = match body {
                _ if request.body.is_empty() => quote!(None),
                BodyFormat::Json => quote!(Json),
                BodyFormat::Form => quote!(Form),
            };
            let transport = quote!(#rt::Transport::Http {
                method: #rt::Method::#method,
                path: #path,
                body: #rt::Body::#body,
                idempotent: #idempotent,
            });
            (transport, path_fn(path, &request.path, rt))
        }
        Transport::JsSdk {
            api: call, also, ..
        } => {
            let api = Transport::js_api_name(call);
            (
                quote!(#rt::Transport::JsSdk { call: #call, api: #api, also: &[#(#also),*] }),
                quote!(#rt::String::new()),
            )
        }
    };
    let secrets = secrets_fn(request.all().map(|(_, f)| f), rt);
    let response_secrets: Vec<&String> = endpoint
        .response
        .iter()
        .filter(|f| f.secret)
        .map(|f| &f.name)
        .collect();
    let response_secrets = (!response_secrets.is_empty()).then(
        || quote!(const RESPONSE_SECRETS: &'static [&'static str] = &[#(#response_secrets),*];),
    );
    // `query` and `headers` default to none in the trait.
    let query = (!request.query.is_empty()).then(|| {
        let pairs = pairs(&request.query, rt);
        quote!(#[inline] fn query(&self) -> #rt::Vec<(&'static str, #rt::String)> { #pairs })
    });
    let headers = (!request.headers.is_empty()).then(|| {
        let pairs = pairs(&request.headers, rt);
        quote!(#[inline] fn headers(&self) -> #rt::Vec<(&'static str, #rt::String)> { #pairs })
    });
    // Which client may send it: a platform with both kinds of API (WeCom) has two.
    let transport_marker = match &endpoint.transport {
        Transport::Http { .. } => format_ident!("HttpEndpoint"),
        Transport::JsSdk { .. } => format_ident!("JsSdkEndpoint"),
    };
    let limits = super::rate_limits(&endpoint.rate_limits, rt);
    quote! {
        impl #rt::Endpoint for #name {
            type Response = #response;
            type Error = #error;
            type Platform = #pp::Platform;

            #response_secrets

            const INFO: &'static #rt::EndpointInfo = &#rt::EndpointInfo::new(
                #platform,
                #endpoint_name,
                &#pp::#api_const,
                #transport,
                #doc_url,
                #auth,
            )
            .rate_limits(#limits);

            #[inline]
            fn path(&self) -> #rt::String {
                #path
            }

            #query
            #headers

            #secrets
        }

        impl #rt::#transport_marker for #name {}
    }
}

/// The path with its `:param` segments filled in and percent-encoded.
fn path_fn(template: &str, params: &[Field], rt: &TokenStream) -> TokenStream {
    if params.is_empty() {
        return quote!(#rt::String::from(#template));
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
                let text = field_text(field, quote!(value), rt);
                args.push(quote! {
                    #rt::encode_path_segment(
                        &self.#m.as_ref().map(|value| #text).unwrap_or_default()
                    )
                });
            }
            None => format.push_str(&segment.replace('{', "{{").replace('}', "}}")),
        }
    }
    quote!(#rt::format!(#format, #(#args),*))
}

/// Name/value pairs of the set (or fixed) fields, for queries and headers.
fn pairs(fields: &[Field], rt: &TokenStream) -> TokenStream {
    let pushes = fields.iter().map(|field| {
        let wire = &field.name;
        match &field.const_value {
            Some(value) => quote!(out.push((#wire, #rt::String::from(#value)));),
            None => {
                let m = member(field);
                let text = field_text(field, quote!(value), rt);
                quote! {
                    if let #rt::Some(value) = &self.#m {
                        out.push((#wire, #text));
                    }
                }
            }
        }
    });
    quote! {
        let mut out = #rt::Vec::new();
        #(#pushes)*
        out
    }
}

/// `Endpoint::secrets` for a request with secret string fields (the default returns none).
fn secrets_fn<'f>(fields: impl Iterator<Item = &'f Field>, rt: &TokenStream) -> TokenStream {
    let members: Vec<Ident> = fields
        .filter(|f| f.secret && matches!(f.ty, Type::String))
        .map(member)
        .collect();
    if members.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[inline]
        fn secrets(&self) -> #rt::Vec<&str> {
            let mut out = #rt::Vec::new();
            #(
                if let #rt::Some(value) = &self.#members {
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
        let rt = quote!(__p);
        let text = |i| index(i, &rt).to_string().replace(' ', "");
        assert_eq!(text(0), "__p::I0");
        assert_eq!(text(63), "__p::I63");
        assert_eq!(text(65), "__p::Next<__p::Next<__p::I63>>");
    }
}
