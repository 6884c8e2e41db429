//! The page's examples: kept as JSON values, checked against the fields by the checker.

use jsonc_parser::ast::Value as Node;

use super::json::{Reader, to_value};
use super::keys;
use crate::model::Example;

impl Reader<'_> {
    pub(super) fn example(&mut self, node: &Node, path: String) -> Option<Example> {
        let obj = self.object(node, path, keys::EXAMPLE)?;
        self.opt_string(&obj, "name");
        let (mut path, mut query, mut body) = (None, None, None);
        if let Some(request) = obj.get("request")
            && let Some(r) = self.object(request, obj.path("request"), keys::EXAMPLE_REQUEST)
        {
            path = r.get("path").map(to_value);
            query = r.get("query").map(to_value);
            body = r.get("body").map(to_value);
        }
        let response = obj.get("response").map(to_value);
        self.opt_string(&obj, "source");
        Some(Example {
            at: obj.at.clone(),
            path,
            query,
            body,
            response,
        })
    }
}
