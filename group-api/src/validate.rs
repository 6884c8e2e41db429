//! Value constraints checked by a request builder's `.build()`, before anything is sent.

use std::fmt;

use crate::error::ErrorCode;

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
            Rule::AtLeastOneOf { fields } => {
                write!(f, "`{path}` needs at least one of ")?;
                for (i, field) in fields.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}`{field}`")?;
                }
                f.write_str(" to be set")?;
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
        /// The group's wire names.
        fields: Vec<&'static str>,
    },
}

/// Checks a value's documented constraints; implemented by generated request and object types.
#[doc(hidden)]
pub trait Validate {
    fn validate(&self, v: &mut Validator);
}

/// Collects violations while walking a request.
#[doc(hidden)]
#[derive(Default)]
pub struct Validator {
    path: String,
    violations: Vec<Violation>,
}

impl Validator {
    fn push(&mut self, field: &str, rule: Rule, server_code: Option<ErrorCode>) {
        let path = self.join(field);
        self.violations.push(Violation {
            path,
            rule,
            server_code,
        });
    }

    fn join(&self, field: &str) -> String {
        match (self.path.is_empty(), field.is_empty()) {
            (_, true) => self.path.clone(),
            (true, false) => field.to_owned(),
            (false, false) => format!("{}.{field}", self.path),
        }
    }

    fn within(&mut self, segment: String, check: impl FnOnce(&mut Self)) {
        let saved = std::mem::replace(&mut self.path, segment);
        check(self);
        self.path = saved;
    }

    /// A required field must be present.
    pub fn required<T>(&mut self, field: &'static str, value: &Option<T>) {
        if value.is_none() {
            self.push(field, Rule::Required, None);
        }
    }

    /// A path parameter must name something: not empty, `.` or `..` (which URL parsing would
    /// resolve to another path, even percent-encoded).
    pub fn path_segment(&mut self, field: &'static str, value: Option<&str>) {
        if matches!(value, Some("" | "." | "..")) {
            self.push(field, Rule::NotAPathSegment, None);
        }
    }

    /// Length bounds in characters (a CJK character is one).
    pub fn length(
        &mut self,
        field: &'static str,
        value: Option<&str>,
        min: Option<usize>,
        max: Option<usize>,
        server_code: Option<ErrorCode>,
    ) {
        let Some(value) = value else { return };
        let actual = value.chars().count();
        if let Some(min) = min.filter(|min| actual < *min) {
            self.push(field, Rule::TooShort { min, actual }, server_code.clone());
        }
        if let Some(max) = max.filter(|max| actual > *max) {
            self.push(field, Rule::TooLong { max, actual }, server_code);
        }
    }

    /// At least one of the fields is set and not empty.
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

    /// A nested object's own constraints.
    pub fn nested<T: Validate>(&mut self, field: &'static str, value: Option<&T>) {
        if let Some(value) = value {
            let path = self.join(field);
            self.within(path, |v| value.validate(v));
        }
    }

    /// Each entry of a list of objects.
    pub fn each<T: Validate>(&mut self, field: &'static str, values: Option<&[T]>) {
        for (index, value) in values.unwrap_or_default().iter().enumerate() {
            let path = format!("{}[{index}]", self.join(field));
            self.within(path, |v| value.validate(v));
        }
    }
}

/// Runs every check; the value comes back only when none failed.
#[doc(hidden)]
pub fn finish<T: Validate>(value: T) -> Result<T, ValidationError> {
    let mut validator = Validator::default();
    value.validate(&mut validator);
    if validator.violations.is_empty() {
        Ok(value)
    } else {
        Err(ValidationError {
            violations: validator.violations,
        })
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
always_present!(i64, bool);

#[doc(hidden)]
pub fn is_present<T: Presence>(value: &Option<T>) -> bool {
    value.as_ref().is_some_and(Presence::is_present)
}
