//! Rules of an endpoint's `pagination`: the names it gives must lead to fields the client can page
//! with, since the generated `Paginated` impl reads and writes exactly those fields.

use crate::diag::{Ctxt, Loc, did_you_mean};
use crate::model::*;

pub fn check_pagination(cx: &mut Ctxt, endpoint: &EndpointSpec, pagination: &Pagination) {
    pagination_is_http(cx, endpoint, pagination);
    if !endpoint.complete {
        return;
    }
    request_cursor_is_a_query_or_body_scalar(cx, endpoint, pagination);
    let response = &endpoint.response;
    let (path, at) = &pagination.response_cursor;
    response_path_leads_to(cx, response, path, at, "the next cursor", is_cursor);
    if let Some((path, at)) = &pagination.has_more {
        response_path_leads_to(cx, response, path, at, "whether more pages follow", |t| {
            matches!(t.resolved(), Type::Boolean)
                .then_some(())
                .ok_or("a boolean")
        });
    }
    let (path, at) = &pagination.items;
    response_path_leads_to(cx, response, path, at, "the page's entries", |t| {
        matches!(t.resolved(), Type::Array(_))
            .then_some(())
            .ok_or("an array")
    });
}

/// The client pages by sending requests; a JS-SDK call has no client to page with.
fn pagination_is_http(cx: &mut Ctxt, endpoint: &EndpointSpec, pagination: &Pagination) {
    if matches!(endpoint.transport, Transport::JsSdk { .. }) {
        cx.error(
            &pagination.at,
            "`pagination` is for HTTP endpoints; a JS-SDK call is not paged by the client",
            None,
        );
    }
}

/// A cursor is text or a number the server handed out; it travels in the query or the body of the
/// next request (a path or header cursor is documented nowhere, and a header is no place for it).
fn is_cursor(ty: &Type) -> Result<(), &'static str> {
    match ty.resolved() {
        Type::String | Type::Integer | Type::Int32 | Type::Int64 => Ok(()),
        _ => Err("a string or an integer"),
    }
}

fn request_cursor_is_a_query_or_body_scalar(
    cx: &mut Ctxt,
    endpoint: &EndpointSpec,
    pagination: &Pagination,
) {
    let (name, at) = &pagination.request_cursor;
    let request = &endpoint.request;
    let found = request.all().find(|(_, f)| &f.name == name);
    match found {
        None => {
            let names = request.all().map(|(_, f)| f.name.as_str());
            let help = did_you_mean(name, names).map(|n| format!("did you mean `{n}`?"));
            cx.error(
                at,
                format!("`request_cursor` names `{name}`, which is not a request field"),
                help,
            );
        }
        Some((location, field)) => {
            if !matches!(location, Location::Query | Location::Body) {
                cx.error(
                    at,
                    format!(
                        "the cursor `{name}` is a {} parameter; a cursor goes in the query or the body",
                        location.key().trim_end_matches('s')
                    ),
                    None,
                );
            } else if let Err(expected) = is_cursor(&field.ty) {
                cx.error(
                    at,
                    format!(
                        "the cursor `{name}` is {}; it must be {expected}",
                        article(field.ty.describe())
                    ),
                    None,
                );
            } else if field.const_value.is_some() {
                cx.error(at, format!("the cursor `{name}` is a `const`"), None);
            }
        }
    }
}

fn response_path_leads_to(
    cx: &mut Ctxt,
    response: &[Field],
    path: &[String],
    at: &Loc,
    what: &str,
    expect: impl Fn(&Type) -> Result<(), &'static str>,
) {
    let dotted = path.join(".");
    match field_path(response, path) {
        Err(index) => {
            let level: &[Field] = match index {
                0 => response,
                _ => field_path(response, &path[..index])
                    .ok()
                    .and_then(|chain| chain.last().and_then(|f| f.ty.object()))
                    .map_or(&[], |o| &o.fields),
            };
            let help = did_you_mean(&path[index], level.iter().map(|f| f.name.as_str()))
                .map(|n| format!("did you mean `{n}`?"));
            cx.error(
                at,
                format!(
                    "`{dotted}` is not a response field: no `{}` there",
                    path[index]
                ),
                help,
            );
        }
        Ok(chain) => {
            if let Some(step) = chain[..chain.len() - 1]
                .iter()
                .find(|f| !matches!(f.ty, Type::Object(_)))
            {
                cx.error(
                    at,
                    format!(
                        "`{dotted}` leads through `{}`, which is not an object",
                        step.name
                    ),
                    None,
                );
            } else if let Err(expected) = expect(&chain[chain.len() - 1].ty) {
                let ty = chain[chain.len() - 1].ty.describe();
                cx.error(
                    at,
                    format!(
                        "`{dotted}` ({what}) is {}; it must be {expected}",
                        article(ty)
                    ),
                    None,
                );
            }
        }
    }
}

fn article(word: &str) -> String {
    match word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        true => format!("an {word}"),
        false => format!("a {word}"),
    }
}
