//! Value constraints checked by a request builder's `.build()`, before anything is sent.

use std::fmt;
use std::sync::OnceLock;

use crate::api_error::ErrorCode;

/// A request that breaks a documented constraint. Every violation found is listed, not just the
/// first, so one round of fixes is enough.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// The violations, in field order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The first violation (there is always one).
    pub fn first(&self) -> &Violation {
        &self.violations[0]
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut violations = self.violations.iter();
        if let Some(first) = violations.next() {
            write!(f, "invalid request: {first}")?;
        }
        for more in violations {
            write!(f, "; {more}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// One broken constraint: where, which rule, and what the server would have answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: String,
    rule: Rule,
    server_code: Option<ErrorCode>,
}

impl Violation {
    /// The field's path in wire names: `name`, `managementOptions.searchable`,
    /// `corpGroupUserIdsToAdd[1]`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The rule that was broken.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The error code the server would have answered, where the page names one (Feishu answers
    /// `42013` for a group name over 100 characters).
    pub fn server_code(&self) -> Option<&ErrorCode> {
        self.server_code.as_ref()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "request"
        } else {
            &self.path
        };
        match &self.rule {
            Rule::Required => write!(f, "`{path}` is required")?,
            Rule::TooShort { min, actual } => write!(
                f,
                "`{path}` is {actual} characters long; at least {min} are required"
            )?,
            Rule::TooLong { max, actual } => write!(
                f,
                "`{path}` is {actual} characters long; at most {max} are allowed"
            )?,
            Rule::NotAPathSegment => write!(
                f,
                "`{path}` is a path parameter and cannot be empty, `.` or `..`"
            )?,
            Rule::PatternMismatch { pattern } => write!(
                f,
                "`{path}` does not match the documented pattern `{pattern}`"
            )?,
            Rule::TooSmall { minimum, actual } => {
                write!(f, "`{path}` is {actual}; at least {minimum} is allowed")?
            }
            Rule::TooLarge { maximum, actual } => {
                write!(f, "`{path}` is {actual}; at most {maximum} is allowed")?
            }
            Rule::TooFewItems { min, actual } => write!(
                f,
                "`{path}` has {actual} entries; at least {min} are required"
            )?,
            Rule::TooManyItems { max, actual } => write!(
                f,
                "`{path}` has {actual} entries; at most {max} are allowed"
            )?,
            Rule::NotDocumented { value } => {
                write!(f, "`{path}` is {value}, a value the page does not document")?
            }
            Rule::NotOneEntry { separator } => write!(
                f,
                "`{path}` is empty or holds `{separator}`, which joins the list's entries on the wire"
            )?,
            Rule::AtLeastOneOf { fields } => {
                write!(f, "`{path}` needs at least one of ")?;
                for (i, field) in fields.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}`{field}`")?;
                }
                f.write_str(" to be set")?;
            }
            Rule::CrossField { description } => {
                write!(f, "`{path}` breaks a documented rule: {description}")?
            }
        }
        if let Some(code) = &self.server_code {
            write!(f, " (the server would answer {code})")?;
        }
        Ok(())
    }
}

/// The documented constraints a builder checks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A required field is missing (a nested entry given without a required field).
    Required,
    /// Fewer characters than the page allows.
    TooShort {
        /// The documented minimum, in characters.
        min: usize,
        /// The value's length, in characters.
        actual: usize,
    },
    /// More characters than the page allows.
    TooLong {
        /// The documented maximum, in characters.
        max: usize,
        /// The value's length, in characters.
        actual: usize,
    },
    /// A path parameter that is empty, `.` or `..`: in a URL it would not name the resource but
    /// change which endpoint the call reaches.
    NotAPathSegment,
    /// None of a group of fields of which at least one must be set (non-empty).
    AtLeastOneOf {
        /// The group's wire names (a name may be a path: `corpGroupUserIds[].userId`).
        fields: Vec<&'static str>,
    },
    /// A string that does not match the documented pattern.
    PatternMismatch {
        /// The pattern (Rust `regex` syntax).
        pattern: &'static str,
    },
    /// A number below the documented minimum.
    TooSmall {
        /// The documented minimum, as written in the spec.
        minimum: String,
        /// The value.
        actual: String,
    },
    /// A number above the documented maximum.
    TooLarge {
        /// The documented maximum, as written in the spec.
        maximum: String,
        /// The value.
        actual: String,
    },
    /// A list with fewer entries than the page allows.
    TooFewItems {
        /// The documented minimum count.
        min: usize,
        /// The list's count.
        actual: usize,
    },
    /// A list with more entries than the page allows.
    TooManyItems {
        /// The documented maximum count.
        max: usize,
        /// The list's count.
        actual: usize,
    },
    /// An entry of a list sent joined (`"a,b"`) that is empty or holds the separator itself: on
    /// the wire it would be no entry, or several.
    NotOneEntry {
        /// The separator the list is joined with.
        separator: &'static str,
    },
    /// An enum's `Unknown(..)` value in a request: the server only accepts documented values.
    NotDocumented {
        /// The value, as it would be sent.
        value: String,
    },
    /// A rule across fields the page states (`rules` in the spec): a field required, or a value
    /// required, when another field has some value.
    CrossField {
        /// The page's words for the rule.
        description: &'static str,
    },
}

impl Rule {
    /// The rule's name in the spec format (`"max_length"`, `"pattern"`, ...), as
    /// `violation_error` keys it.
    pub fn key(&self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::TooShort { .. } => "min_length",
            Rule::TooLong { .. } => "max_length",
            Rule::NotAPathSegment => "path_segment",
            Rule::AtLeastOneOf { .. } => "at_least_one_of",
            Rule::PatternMismatch { .. } => "pattern",
            Rule::TooSmall { .. } => "minimum",
            Rule::TooLarge { .. } => "maximum",
            Rule::TooFewItems { .. } => "min_items",
            Rule::TooManyItems { .. } => "max_items",
            Rule::NotDocumented { .. } => "enum",
            Rule::NotOneEntry { .. } => "items",
            Rule::CrossField { .. } => "rules",
        }
    }
}

/// A documented regular expression, compiled on first use.
#[doc(hidden)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether `text` matches. The generator compiled the pattern with the same crate, so it
    /// compiles here; if it ever did not, the value is let through (the server still checks it).
    fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(self.source).ok())
            .as_ref()
            .is_none_or(|re| re.is_match(text))
    }
}

/// An enum that may hold a value the page does not document (`Unknown(..)`).
#[doc(hidden)]
pub trait Documented: fmt::Debug {
    fn is_documented(&self) -> bool;
}

/// Checks a value's documented constraints; implemented by generated request and object types.
#[doc(hidden)]
pub trait Validate {
    /// Records every violation of `self` in `v`.
    fn validate(&self, v: &mut Validator<'_>);
}

/// A list of lists of objects: every entry of every inner list is checked, with its index on the
/// path.
impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, v: &mut Validator<'_>) {
        for (index, value) in self.iter().enumerate() {
            v.within("", Some(index), |v| value.validate(v));
        }
    }
}

/// One step of the path from the request to the value being checked: a field, or an entry of a
/// list field.
struct Step<'a> {
    field: &'static str,
    index: Option<usize>,
    up: Option<&'a Step<'a>>,
}

/// Collects violations with the path of the value they were found in.
///
/// The path is a chain of [`Step`]s on the stack, one per nested object or list entry being
/// checked, and is only written out as text when a violation is recorded: checking a valid request
/// allocates nothing.
#[doc(hidden)]
pub struct Validator<'a> {
    at: Option<&'a Step<'a>>,
    violations: &'a mut Vec<Violation>,
}

impl Validator<'_> {
    #[cold]
    fn push(&mut self, field: &str, rule: Rule, server_code: Option<ErrorCode>) {
        let mut steps = Vec::new();
        let mut at = self.at;
        while let Some(step) = at {
            steps.push(step);
            at = step.up;
        }
        let mut path = String::new();
        for step in steps.iter().rev() {
            // An entry of a list of lists is a step without a field: `content[0][1]`.
            if !path.is_empty() && !step.field.is_empty() {
                path.push('.');
            }
            path.push_str(step.field);
            if let Some(index) = step.index {
                path.push_str(&format!("[{index}]"));
            }
        }
        if !field.is_empty() {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field);
        }
        self.violations.push(Violation {
            path,
            rule,
            server_code,
        });
    }

    fn within(
        &mut self,
        field: &'static str,
        index: Option<usize>,
        check: impl FnOnce(&mut Validator<'_>),
    ) {
        let step = Step {
            field,
            index,
            up: self.at,
        };
        check(&mut Validator {
            at: Some(&step),
            violations: self.violations,
        });
    }

    /// A required field must be set.
    pub fn required<T>(
        &mut self,
        field: &'static str,
        value: &Option<T>,
        server_code: Option<ErrorCode>,
    ) {
        if value.is_none() {
            self.push(field, Rule::Required, server_code);
        }
    }

    /// A path parameter must not be empty, `.` or `..` (it would name another endpoint).
    #[inline]
    pub fn path_segment(&mut self, field: &'static str, value: Option<&str>) {
        if matches!(value, Some("" | "." | "..")) {
            self.push(field, Rule::NotAPathSegment, None);
        }
    }

    /// A set string's length in characters must be within the bounds.
    #[inline]
    pub fn length(
        &mut self,
        field: &'static str,
        value: Option<&str>,
        min: Option<usize>,
        max: Option<usize>,
        min_code: Option<ErrorCode>,
        max_code: Option<ErrorCode>,
    ) {
        let Some(value) = value else { return };
        let actual = value.chars().count();
        if let Some(min) = min.filter(|min| actual < *min) {
            self.push(field, Rule::TooShort { min, actual }, min_code);
        }
        if let Some(max) = max.filter(|max| actual > *max) {
            self.push(field, Rule::TooLong { max, actual }, max_code);
        }
    }

    /// A set string must match the documented pattern.
    #[inline]
    pub fn pattern(
        &mut self,
        field: &'static str,
        value: Option<&str>,
        pattern: &'static Pattern,
        server_code: Option<ErrorCode>,
    ) {
        if let Some(value) = value
            && !pattern.is_match(value)
        {
            let rule = Rule::PatternMismatch {
                pattern: pattern.source,
            };
            self.push(field, rule, server_code);
        }
    }

    /// A set number must be within the inclusive bounds.
    #[inline]
    pub fn range<T: PartialOrd + fmt::Display + Copy>(
        &mut self,
        field: &'static str,
        value: Option<T>,
        min: Option<T>,
        max: Option<T>,
        min_code: Option<ErrorCode>,
        max_code: Option<ErrorCode>,
    ) {
        let Some(value) = value else { return };
        if let Some(min) = min.filter(|min| value < *min) {
            let rule = Rule::TooSmall {
                minimum: min.to_string(),
                actual: value.to_string(),
            };
            self.push(field, rule, min_code);
        }
        if let Some(max) = max.filter(|max| value > *max) {
            let rule = Rule::TooLarge {
                maximum: max.to_string(),
                actual: value.to_string(),
            };
            self.push(field, rule, max_code);
        }
    }

    /// A set list's entry count must be within the bounds.
    #[inline]
    pub fn count<T>(
        &mut self,
        field: &'static str,
        values: Option<&[T]>,
        min: Option<usize>,
        max: Option<usize>,
        min_code: Option<ErrorCode>,
        max_code: Option<ErrorCode>,
    ) {
        let Some(values) = values else { return };
        let actual = values.len();
        if let Some(min) = min.filter(|min| actual < *min) {
            self.push(field, Rule::TooFewItems { min, actual }, min_code);
        }
        if let Some(max) = max.filter(|max| actual > *max) {
            self.push(field, Rule::TooManyItems { max, actual }, max_code);
        }
    }

    /// Each text entry of a list sent joined must be one entry on the wire: not empty, and without
    /// the separator.
    pub fn joined_entries(
        &mut self,
        field: &'static str,
        values: Option<&[String]>,
        separator: &'static str,
        server_code: Option<ErrorCode>,
    ) {
        for (index, value) in values.unwrap_or_default().iter().enumerate() {
            if value.is_empty() || value.contains(separator) {
                let code = server_code.clone();
                self.within(field, Some(index), |v| {
                    v.push("", Rule::NotOneEntry { separator }, code)
                });
            }
        }
    }

    /// A set enum value must be one the page documents, not `Unknown(..)`.
    #[inline]
    pub fn documented<T: Documented>(
        &mut self,
        field: &'static str,
        value: Option<&T>,
        server_code: Option<ErrorCode>,
    ) {
        if let Some(value) = value
            && !value.is_documented()
        {
            let rule = Rule::NotDocumented {
                value: format!("{value:?}"),
            };
            self.push(field, rule, server_code);
        }
    }

    /// Checks one entry of a list, with `field[index]` on the path.
    pub fn entry(
        &mut self,
        field: &'static str,
        index: usize,
        check: impl FnOnce(&mut Validator<'_>),
    ) {
        self.within(field, Some(index), check);
    }

    /// At least one field of a group must be present.
    #[inline]
    pub fn at_least_one_of(&mut self, fields: &[&'static str], present: &[bool]) {
        if !present.iter().any(|p| *p) {
            self.push(
                "",
                Rule::AtLeastOneOf {
                    fields: fields.to_vec(),
                },
                None,
            );
        }
    }

    /// A rule across fields that does not hold: `field` is the field the rule requires something
    /// of (its path from this level).
    #[inline]
    pub fn cross_field(
        &mut self,
        holds: bool,
        field: &'static str,
        description: &'static str,
        server_code: Option<ErrorCode>,
    ) {
        if !holds {
            self.push(field, Rule::CrossField { description }, server_code);
        }
    }

    /// Checks a set nested object, with its field name on the path.
    pub fn nested<T: Validate>(&mut self, field: &'static str, value: Option<&T>) {
        if let Some(value) = value {
            self.within(field, None, |v| value.validate(v));
        }
    }

    /// Checks every entry of a set list of objects, with `field[index]` on the path.
    pub fn each<T: Validate>(&mut self, field: &'static str, values: Option<&[T]>) {
        for (index, value) in values.unwrap_or_default().iter().enumerate() {
            self.within(field, Some(index), |v| value.validate(v));
        }
    }
}

/// Validates a built value: the value itself, or every violation found.
#[doc(hidden)]
pub fn finish<T: Validate>(value: T) -> Result<T, ValidationError> {
    let mut violations = Vec::new();
    value.validate(&mut Validator {
        at: None,
        violations: &mut violations,
    });
    if violations.is_empty() {
        Ok(value)
    } else {
        Err(ValidationError { violations })
    }
}

/// Whether a field counts as set for an at-least-one-of group: present, and not an empty string or
/// list.
#[doc(hidden)]
pub trait Presence {
    fn is_present(&self) -> bool;
}

impl Presence for String {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

impl<T> Presence for Vec<T> {
    fn is_present(&self) -> bool {
        !self.is_empty()
    }
}

macro_rules! always_present {
    ($($t:ty),*) => { $(impl Presence for $t { fn is_present(&self) -> bool { true } })* };
}
always_present!(i64, i32, f64, bool);

#[doc(hidden)]
pub fn is_present<T: Presence>(value: &Option<T>) -> bool {
    value.as_ref().is_some_and(Presence::is_present)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Entry {
        name: Option<String>,
    }

    impl Validate for Entry {
        fn validate(&self, v: &mut Validator<'_>) {
            v.required("name", &self.name, None);
            v.length("name", self.name.as_deref(), None, Some(3), None, None);
        }
    }

    struct Object {
        entries: Option<Vec<Entry>>,
    }

    impl Validate for Object {
        fn validate(&self, v: &mut Validator<'_>) {
            v.each("entries", self.entries.as_deref());
            v.at_least_one_of(&["entries"], &[self.entries.is_some()]);
        }
    }

    struct Request {
        id: Option<String>,
        object: Option<Object>,
    }

    impl Validate for Request {
        fn validate(&self, v: &mut Validator<'_>) {
            v.required("id", &self.id, None);
            v.nested("object", self.object.as_ref());
        }
    }

    fn entry(name: Option<&str>) -> Entry {
        Entry {
            name: name.map(str::to_owned),
        }
    }

    #[test]
    fn violations_deep_inside_carry_their_whole_path() {
        let request = Request {
            id: None,
            object: Some(Object {
                entries: Some(vec![entry(Some("ok")), entry(Some("long")), entry(None)]),
            }),
        };
        let error = finish(request).err().expect("three violations");
        let paths: Vec<&str> = error.violations().iter().map(Violation::path).collect();
        assert_eq!(
            paths,
            ["id", "object.entries[1].name", "object.entries[2].name"]
        );
        assert_eq!(
            error.violations()[1].rule(),
            &Rule::TooLong { max: 3, actual: 4 }
        );
    }

    #[test]
    fn a_group_on_a_nested_object_names_the_object() {
        let request = Request {
            id: Some("c".into()),
            object: Some(Object { entries: None }),
        };
        let error = finish(request).err().expect("one violation");
        assert_eq!(error.first().path(), "object");
        assert!(
            finish(Request {
                id: Some("c".into()),
                object: None
            })
            .is_ok()
        );
    }
}
