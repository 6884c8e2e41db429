//! The page's examples: kept as JSON values, checked against the fields by the checker.

use jsonc_parser::ast::Value as Node;

use super::json::{Reader, to_value};
use super::keys;
use crate::diag::Loc;
use crate::model::{Deviation, Example};

impl Reader<'_> {
    pub(super) fn example(&mut self, node: &Node, path: String) -> Option<Example> {
        let obj = self.object(node, path, keys::EXAMPLE)?;
        self.opt_string(&obj, "name");
        let (mut path, mut query, mut body) = (None, None, None);
        let mut value_locs = Vec::new();
        if let Some(request) = obj.get("request")
            && let Some(r) = self.object(request, obj.path("request"), keys::EXAMPLE_REQUEST)
        {
            for (key, slot) in [
                ("path", &mut path),
                ("query", &mut query),
                ("body", &mut body),
            ] {
                if let Some(node) = r.get(key) {
                    self.value_locs(node, r.path(key), &mut value_locs);
                    *slot = Some(to_value(node));
                }
            }
        }
        let response = obj.get("response").map(|node| {
            self.value_locs(node, obj.path("response"), &mut value_locs);
            to_value(node)
        });
        self.opt_string(&obj, "source");
        let mut deviations = Vec::new();
        for (node, path) in self.array(&obj, "deviations") {
            let Some(d) = self.object(node, path, keys::DEVIATION) else {
                continue;
            };
            let (Some(pointer), Some(note)) = (self.required(&d, "at"), self.required(&d, "note"))
            else {
                continue;
            };
            deviations.push(Deviation {
                at: d.loc("at"),
                pointer,
                note,
            });
        }
        Some(Example {
            at: obj.at.clone(),
            path,
            query,
            body,
            response,
            value_locs,
            deviations,
        })
    }

    /// The place of `node` and of every value inside it, by the path the checker names them with
    /// (`….body.managementOptions.searchable`, `….userIds[1]`).
    fn value_locs(&self, node: &Node, path: String, out: &mut Vec<Loc>) {
        match node {
            Node::Object(o) => {
                for p in &o.properties {
                    self.value_locs(&p.value, format!("{path}.{}", p.name.as_str()), out);
                }
            }
            Node::Array(a) => {
                for (i, e) in a.elements.iter().enumerate() {
                    self.value_locs(e, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
        out.push(self.node_loc(node, path));
    }
}
