//! An endpoint file: who it belongs to, how it travels, its request and response, and the page's
//! error rows and examples.

use jsonc_parser::ast::Value as Node;

use super::json::{Obj, Reader};
use super::keys;
use crate::model::{
    BodyFormat, Doc, EndpointSpec, Group, Location, Method, Pagination, RequestSpec, Transport,
};

const METHODS: &[(&str, Method)] = &[
    ("GET", Method::Get),
    ("POST", Method::Post),
    ("PUT", Method::Put),
    ("PATCH", Method::Patch),
    ("DELETE", Method::Delete),
];

impl Reader<'_> {
    /// An endpoint file; `file_name` is the name part of `<platform>.<name>.json`, suggested when
    /// the `name` key is missing. Nothing is built without its `platform`, `api`, `name`, `title`
    /// and a readable `transport` (and `auth`, when given): every rule about an endpoint needs
    /// them. The rest of the file is still read, so its problems are reported too.
    pub(super) fn endpoint(
        &mut self,
        root: &Node,
        file_name: Option<&str>,
    ) -> Option<EndpointSpec> {
        let obj = self.object(root, String::new(), keys::ENDPOINT_FILE)?;
        let platform = self.required(&obj, "platform");
        let api = self.required(&obj, "api");
        let name = match (obj.get("name"), file_name) {
            (None, Some(from_file)) => {
                let help = format!(
                    "add `\"name\": \"{from_file}\"` (the endpoint's snake_case name, as in the file name)"
                );
                self.error(&obj.at, "missing required key `name`", Some(help));
                None
            }
            _ => self.required(&obj, "name"),
        };
        let title = self.required(&obj, "title");
        let summary = self.opt_string(&obj, "summary").unwrap_or_default();
        let doc = match obj.get("doc") {
            Some(node) => match self.object(node, obj.path("doc"), keys::DOC) {
                Some(d) => Doc {
                    url: self.opt_string(&d, "url"),
                    updated: self.opt_string(&d, "updated"),
                    source: self.opt_string(&d, "source"),
                },
                None => Doc::default(),
            },
            None => Doc::default(),
        };
        let transport = match obj.get("transport") {
            Some(node) => self.transport(node, obj.path("transport")),
            None => {
                self.missing(&obj, "transport");
                None
            }
        };
        let auth = obj
            .get("auth")
            .map(|node| self.auth(node, obj.path("auth")));
        let app_types = self.strings(&obj, "app_types");
        let permissions = self.strings(&obj, "permissions");
        let rate_limit = self.opt_string(&obj, "rate_limit");
        let rate_limits = self.rate_limits(&obj);
        // Whether every entry below is read: the checker looks names up between these parts.
        self.dropped = false;
        let request = match obj.get("request") {
            Some(node) => {
                let request = self.request(node, obj.path("request"));
                self.drop_entry(request)
            }
            None => None,
        };
        let response = match obj.get("response") {
            Some(node) => {
                let response = self.object(node, obj.path("response"), keys::RESPONSE);
                match self.drop_entry(response) {
                    Some(r) => self.fields(&r, "body"),
                    None => Vec::new(),
                }
            }
            None => Vec::new(),
        };
        let errors = self.error_rows(&obj);
        let examples = self.entries(&obj, "examples", Self::example);
        let pagination = obj
            .get("pagination")
            .and_then(|node| self.pagination(node, obj.path("pagination")));
        let notes = self.strings(&obj, "notes");
        let complete = !self.dropped;
        let request_at = obj.loc("request");
        // An `auth` given but unreadable is not the API's auth: the endpoint is not built.
        let auth = match auth {
            Some(read) => Some(read?),
            None => None,
        };
        Some(EndpointSpec {
            at: obj.loc("name"),
            platform_at: obj.loc("platform"),
            platform: platform?,
            api_at: obj.loc("api"),
            api: api?,
            name: name?,
            title: title?,
            summary,
            doc,
            transport_at: obj.loc("transport"),
            transport: transport?,
            auth_at: obj.loc("auth"),
            auth,
            app_types,
            permissions,
            rate_limit,
            rate_limits,
            request: request.unwrap_or_else(|| RequestSpec::empty(request_at)),
            response,
            errors,
            examples,
            pagination,
            notes,
            complete,
        })
    }

    fn transport(&mut self, node: &Node, path: String) -> Option<Transport> {
        let obj = self.object(node, path, keys::TRANSPORT)?;
        match (obj.get("http"), obj.get("js_sdk")) {
            (Some(http), None) => {
                let h = self.object(http, obj.path("http"), keys::HTTP)?;
                let method = self.choice(&h, "method", METHODS);
                let path = self.required(&h, "path");
                let documented_host = self.opt_string(&h, "documented_host");
                let idempotent = h.get("idempotent").map(|_| self.bool(&h, "idempotent"));
                let body = match h.get("body") {
                    Some(_) => self.choice(&h, "body", &BodyFormat::ALL)?,
                    None => BodyFormat::Json,
                };
                Some(Transport::Http {
                    at: h.loc("path"),
                    method: method?,
                    path: path?,
                    documented_host,
                    idempotent,
                    body,
                    body_at: h.loc("body"),
                })
            }
            (None, Some(js)) => {
                let j = self.object(js, obj.path("js_sdk"), keys::JS_SDK)?;
                let api = self.required(&j, "api");
                let also = self.strings(&j, "also");
                Some(Transport::JsSdk {
                    at: j.loc("api"),
                    api: api?,
                    also,
                    also_at: j.loc("also"),
                })
            }
            _ => {
                let help = Some("give `{ \"http\": { \"method\", \"path\" } }` or `{ \"js_sdk\": { \"api\" } }`".into());
                self.error(
                    &obj.at,
                    "`transport` needs exactly one of `http` and `js_sdk`",
                    help,
                );
                None
            }
        }
    }

    /// `pagination`: not built (and reported) unless its three required names are given.
    fn pagination(&mut self, node: &Node, path: String) -> Option<Pagination> {
        let obj = self.object(node, path, keys::PAGINATION)?;
        let request_cursor = self.required(&obj, "request_cursor");
        let response_cursor = self.required(&obj, "response_cursor");
        let items = self.required(&obj, "items");
        let has_more = self.opt_string(&obj, "has_more");
        let dotted = |name: String| name.split('.').map(str::to_owned).collect::<Vec<_>>();
        Some(Pagination {
            at: obj.at.clone(),
            request_cursor: (request_cursor?, obj.loc("request_cursor")),
            response_cursor: (dotted(response_cursor?), obj.loc("response_cursor")),
            has_more: has_more.map(|h| (dotted(h), obj.loc("has_more"))),
            items: (dotted(items?), obj.loc("items")),
        })
    }

    /// `request`: its fields by location and its at-least-one-of groups. An object that is not
    /// one is reported and read as no request.
    fn request(&mut self, node: &Node, path: String) -> Option<RequestSpec> {
        let obj = self.object(node, path, keys::REQUEST)?;
        let mut request = RequestSpec::empty(obj.at.clone());
        for location in Location::ALL {
            *request.fields_mut(location) = self.fields(&obj, location.key());
        }
        request.at_least_one_of = self.groups(&obj);
        request.rules = self.rules(&obj);
        Some(request)
    }

    /// `at_least_one_of` of a request or an object; a group without `fields` is left out.
    pub(super) fn groups(&mut self, obj: &Obj) -> Vec<Group> {
        let mut groups = Vec::new();
        for (node, path) in self.array(obj, "at_least_one_of") {
            let Some(g) = self.object(node, path, keys::GROUP) else {
                self.dropped = true;
                continue;
            };
            if g.get("fields").is_none() {
                self.missing(&g, "fields");
                self.dropped = true;
                continue;
            }
            let fields = self.strings(&g, "fields");
            let description = self.opt_string(&g, "description").unwrap_or_default();
            groups.push(Group {
                at: g.at.clone(),
                fields,
                description,
            });
        }
        groups
    }
}
