//! How generated request structs handle their fields: writing the set ones into the wire body,
//! filling a list setter, showing a field (or hiding a secret one) in `Debug`, and putting a path
//! parameter into the URL.
//!
//! A generated `Serialize` is a statement per field on a [`MapFields`]; a generated `Debug` is one
//! call with a table of the fields, each handed on as a `&dyn Debug` by [`shown`] or [`redacted`]
//! (as `derive(Debug)` does), so its loop is compiled once here. Either way a generated impl is a
//! line per field with no control flow of its own (BENCHMARKS.md, "Issue 18").

use core::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;

/// A map being written from a struct's fields, for a generated `Serialize`: [`MapFields::field`]
/// writes a set field and leaves an unset one out. The first error the serializer returns is kept
/// and returned by [`MapFields::end`]; the fields after it are not written. So a generated impl is
/// a plain statement per field, with no `?` (one per field was most of what those impls cost the
/// compiler: BENCHMARKS.md, "Issue 18").
pub struct MapFields<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

/// Starts writing a struct's fields as a map.
#[inline]
pub fn map_fields<S: serde::Serializer>(
    serializer: S,
) -> Result<MapFields<S::SerializeMap>, S::Error> {
    Ok(MapFields {
        map: serializer.serialize_map(None)?,
        error: None,
    })
}

impl<M: SerializeMap> MapFields<M> {
    /// Writes `key: value` when the field is set; an unset field is left out of the wire body.
    #[inline]
    pub fn field<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let (None, Some(value)) = (&self.error, value) {
            self.keep(|map| map.serialize_entry(key, value));
        }
    }

    /// Writes a set list as one string, its entries joined by `separator` (`"a;b;c"`).
    #[inline]
    pub fn joined<T: fmt::Display>(
        &mut self,
        key: &'static str,
        value: &Option<Vec<T>>,
        separator: &str,
    ) {
        if let (None, Some(values)) = (&self.error, value) {
            self.keep(|map| map.serialize_entry(key, &join(values, separator)));
        }
    }

    fn keep(&mut self, write: impl FnOnce(&mut M) -> Result<(), M::Error>) {
        if let Err(error) = write(&mut self.map) {
            self.error = Some(error);
        }
    }

    /// Ends the map, or returns the first error.
    #[inline]
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

/// A list's entries joined by `separator`.
pub fn join<T: fmt::Display>(values: &[T], separator: &str) -> String {
    let mut out = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&value.to_string());
    }
    out
}

/// An entry of a separator-joined list, read back from its text.
pub trait FromPiece: Sized {
    /// The entry written as `piece`, or `None` when it is not one.
    fn from_piece(piece: &str) -> Option<Self>;
}

impl FromPiece for String {
    fn from_piece(piece: &str) -> Option<Self> {
        Some(piece.to_owned())
    }
}

macro_rules! parsed_piece {
    ($($t:ty),*) => { $(impl FromPiece for $t {
        fn from_piece(piece: &str) -> Option<Self> { piece.trim().parse().ok() }
    })* };
}
parsed_piece!(i64, i32);

/// Reads a separator-joined string (`"a;b;c"`) back into its entries; an empty string is no
/// entry.
pub fn split<'de, D: serde::Deserializer<'de>, T: FromPiece>(
    deserializer: D,
    separator: &str,
) -> Result<Vec<T>, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
    if text.is_empty() {
        return Ok(Vec::new());
    }
    text.split(separator)
        .map(|piece| {
            T::from_piece(piece).ok_or_else(|| {
                <D::Error as serde::de::Error>::custom(format!(
                    "`{piece}` in a `{separator}`-joined list is not of the entries' type"
                ))
            })
        })
        .collect()
}

/// A list setter's value: every entry converted.
pub fn collect<T>(values: impl IntoIterator<Item: Into<T>>) -> Option<Vec<T>> {
    Some(values.into_iter().map(Into::into).collect())
}

/// A set field is shown as itself; an unset one is left out.
#[inline]
pub fn shown<T: fmt::Debug>(value: &Option<T>) -> Option<&dyn fmt::Debug> {
    match value {
        Some(value) => Some(value),
        None => None,
    }
}

/// A set secret field is shown as `<redacted>`; an unset one is left out.
#[inline]
pub fn redacted<T>(value: &Option<T>) -> Option<&dyn fmt::Debug> {
    match value {
        Some(_) => Some(&"<redacted>"),
        None => None,
    }
}

/// Shows a struct as `Debug` does, with the fields that are set.
pub fn debug_fields(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    fields: &[(&str, Option<&dyn fmt::Debug>)],
) -> fmt::Result {
    let mut out = f.debug_struct(name);
    for (field, value) in fields {
        if let Some(value) = value {
            out.field(field, value);
        }
    }
    out.finish()
}

/// Percent-encodes one path segment (RFC 3986: everything but unreserved characters).
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sample {
        shown: Option<u8>,
        secret: Option<String>,
        unset: Option<u8>,
    }

    impl fmt::Debug for Sample {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_fields(
                f,
                "Sample",
                &[
                    ("shown", shown(&self.shown)),
                    ("secret", redacted(&self.secret)),
                    ("unset", shown(&self.unset)),
                ],
            )
        }
    }

    impl Serialize for Sample {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = map_fields(serializer)?;
            map.field("shown", &self.shown);
            map.field("secret", &self.secret);
            map.field("unset", &self.unset);
            map.end()
        }
    }

    #[test]
    fn a_list_setter_converts_every_entry() {
        assert_eq!(
            collect::<String>(["a", "b"]),
            Some(vec!["a".to_owned(), "b".to_owned()])
        );
        assert_eq!(collect::<String>(Vec::<&str>::new()), Some(Vec::new()));
    }

    #[test]
    fn set_fields_are_written_and_unset_ones_left_out() {
        let sample = Sample {
            shown: Some(1),
            secret: Some("s3cr3t".into()),
            unset: None,
        };
        assert_eq!(
            serde_json::to_string(&sample).unwrap(),
            r#"{"shown":1,"secret":"s3cr3t"}"#
        );
        let debug = format!("{sample:?}");
        assert_eq!(debug, r#"Sample { shown: 1, secret: "<redacted>" }"#);
        assert!(!debug.contains("s3cr3t"));
    }

    #[test]
    fn the_first_error_of_a_field_is_returned_and_nothing_after_it_is_written() {
        struct Refused;
        impl Serialize for Refused {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("refused"))
            }
        }
        struct Body(Option<u8>, Option<Refused>, Option<u8>);
        impl Serialize for Body {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = map_fields(serializer)?;
                map.field("a", &self.0);
                map.field("refused", &self.1);
                map.field("b", &self.2);
                map.end()
            }
        }
        let mut out = Vec::new();
        let error = Body(Some(1), Some(Refused), Some(2))
            .serialize(&mut serde_json::Serializer::new(&mut out))
            .unwrap_err();
        assert_eq!(error.to_string(), "refused");
        // `a` and the key of the refused field were written, `b` was not.
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a":1,"refused":"#);
        // Unset, the refused field is left out and the map ends.
        assert_eq!(
            serde_json::to_string(&Body(Some(1), None, Some(2))).unwrap(),
            r#"{"a":1,"b":2}"#
        );
    }

    #[test]
    fn joined_lists_are_one_string_and_split_back() {
        struct Joined(Option<Vec<i64>>);
        impl Serialize for Joined {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = map_fields(serializer)?;
                map.joined("ids", &self.0, ";");
                map.end()
            }
        }
        assert_eq!(
            serde_json::to_string(&Joined(Some(vec![1, 22, 333]))).unwrap(),
            r#"{"ids":"1;22;333"}"#
        );
        assert_eq!(serde_json::to_string(&Joined(None)).unwrap(), "{}");
        let read = |text: &str| split::<_, i64>(&mut serde_json::Deserializer::from_str(text), ";");
        assert_eq!(read(r#""1;22;333""#).unwrap(), vec![1, 22, 333]);
        assert_eq!(read(r#""""#).unwrap(), Vec::<i64>::new());
        assert!(read(r#""1;x""#).is_err());
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(encode_path_segment("g187131"), "g187131");
        assert_eq!(encode_path_segment("a/b c?"), "a%2Fb%20c%3F");
        assert_eq!(encode_path_segment("组"), "%E7%BB%84");
    }
}
