//! `rules` of a request or an object: rules across fields, each a `when` condition (optional), the
//! `then` conditions that must hold, the page's words and the error row the server answers.

use jsonc_parser::ast::Value as Node;

use super::json::{Obj, Reader, found, to_value};
use super::keys;
use crate::model::{Condition, CrossFieldRule, FieldPath, Test};

/// The tests a condition may make, one per condition.
const TESTS: &[&str] = &["equals", "one_of", "present", "contains"];

impl Reader<'_> {
    /// `rules` of a request or an object; a rule that cannot be read is left out (and marks the
    /// level incomplete).
    pub(super) fn rules(&mut self, obj: &Obj) -> Vec<CrossFieldRule> {
        self.entries(obj, "rules", Self::rule)
    }

    fn rule(&mut self, node: &Node, path: String) -> Option<CrossFieldRule> {
        let r = self.object(node, path, keys::RULE)?;
        let when = r
            .get("when")
            .map(|node| self.condition(node, r.path("when")));
        let then = match r.get("then") {
            Some(Node::Array(list)) => {
                if list.elements.is_empty() {
                    let at = r.loc("then");
                    self.error(&at, "`then` lists no condition", None);
                }
                let path = r.path("then");
                let read: Vec<Option<Condition>> = list
                    .elements
                    .iter()
                    .enumerate()
                    .map(|(i, node)| self.condition(node, format!("{path}[{i}]")))
                    .collect();
                read.into_iter().collect::<Option<Vec<_>>>()
            }
            Some(node) => self.condition(node, r.path("then")).map(|c| vec![c]),
            None => {
                self.missing(&r, "then");
                None
            }
        };
        let description = self.required(&r, "description");
        if description.as_deref().is_some_and(|d| d.trim().is_empty()) {
            let at = r.loc("description");
            self.error(
                &at,
                "`description` is empty",
                Some("give the page's words for the rule".into()),
            );
        }
        let error = self
            .opt_string(&r, "error")
            .map(|variant| (variant, r.loc("error")));
        let when = match when {
            Some(read) => Some(read?),
            None => None,
        };
        Some(CrossFieldRule {
            at: r.at.clone(),
            when,
            then: then?,
            description: description?,
            error,
        })
    }

    /// `{ "field": <path>, <one test> }`.
    fn condition(&mut self, node: &Node, path: String) -> Option<Condition> {
        let c = self.object(node, path, keys::CONDITION)?;
        let field = self.field_path(&c, "field", true);
        let given: Vec<&str> = TESTS
            .iter()
            .copied()
            .filter(|t| c.get(t).is_some())
            .collect();
        let test = match given.as_slice() {
            [one] => self.test(&c, one),
            [] => {
                let help = Some(format!(
                    "add one of {}",
                    TESTS
                        .iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                self.error(&c.at, "a condition needs a test", help);
                None
            }
            [_, second, ..] => {
                let at = c.loc(second);
                let help = Some("write one condition per test; `then` may list several".into());
                self.error(&at, "a condition makes exactly one test", help);
                None
            }
        };
        Some(Condition {
            at: c.loc("field"),
            field: field?,
            test: test?,
        })
    }

    fn test(&mut self, c: &Obj, key: &str) -> Option<Test> {
        let node = c.get(key)?;
        let at = c.loc(key);
        let not_a_value = |r: &mut Self, node: &Node| {
            let what = found(node);
            r.error(
                &at,
                format!("expected a string, number or boolean, found {what}"),
                None,
            );
        };
        match (key, node) {
            ("present", Node::BooleanLit(b)) => Some(Test::Present(b.value)),
            ("present", other) => {
                self.error(
                    &at,
                    format!("expected true or false, found {}", found(other)),
                    None,
                );
                None
            }
            ("one_of", Node::Array(list)) => {
                if list.elements.is_empty() {
                    self.error(&at, "`one_of` lists no value", None);
                    return None;
                }
                let mut values = Vec::new();
                for element in &list.elements {
                    if !is_scalar(element) {
                        not_a_value(self, element);
                        return None;
                    }
                    values.push(to_value(element));
                }
                Some(Test::OneOf(values))
            }
            ("one_of", other) => {
                self.error(
                    &at,
                    format!("expected an array of values, found {}", found(other)),
                    None,
                );
                None
            }
            ("contains", Node::Object(_)) => {
                let inner = self.object(node, c.path("contains"), keys::CONTAINS_FIELD)?;
                self.field_path(&inner, "field", true)
                    .map(Test::ContainsField)
            }
            (_, node) if is_scalar(node) => Some(match key {
                "equals" => Test::Equals(to_value(node)),
                _ => Test::Contains(to_value(node)),
            }),
            (_, node) => {
                not_a_value(self, node);
                None
            }
        }
    }

    /// A field named by wire name or path (`a`, `a.b`, `a[].b`).
    pub(super) fn field_path(&mut self, obj: &Obj, key: &str, required: bool) -> Option<FieldPath> {
        let text = self.string(obj, key, required)?;
        let path = FieldPath::parse(&text);
        if path.is_none() {
            let at = obj.loc(key);
            self.error(
                &at,
                format!("`{text}` is not a field path"),
                Some("name a field by its wire name; `a.b` for a field of the object `a`, `a[].b` for a field of each entry of the list `a`".into()),
            );
        }
        path
    }
}

fn is_scalar(node: &Node) -> bool {
    matches!(
        node,
        Node::StringLit(_) | Node::NumberLit(_) | Node::BooleanLit(_)
    )
}
