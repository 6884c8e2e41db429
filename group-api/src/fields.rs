//! How generated request structs handle their fields: writing the set ones into the wire body,
//! filling a list setter, showing a field (or hiding a secret one) in `Debug`, and putting a path
//! parameter into the URL.
//!
//! A generated `Serialize` or `Debug` is one call with a table of the struct's fields, each an
//! entry made by a small generic function ([`wire`], [`shown`]) that hands the value on as a trait
//! object. The loop over the table is compiled once here, not once per struct: a generated impl
//! costs the compiler a line per field and no control flow (BENCHMARKS.md, "Issue 18").

use core::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;

/// A request body field's value as [`serialize_fields`] writes it.
pub enum WireField<'a> {
    /// Not set: left out of the wire body.
    Unset,
    /// Written as itself.
    Value(&'a dyn erased_serde::Serialize),
    /// A list written as one string, its entries joined by the separator (`"a;b;c"`).
    Joined(&'a dyn JoinPieces, &'static str),
}

/// A set field is written as itself; an unset one is left out.
#[inline]
pub fn wire<T: Serialize>(value: &Option<T>) -> WireField<'_> {
    match value {
        Some(value) => WireField::Value(value),
        None => WireField::Unset,
    }
}

/// A set list is written as one string, its entries joined by `separator`; an unset one is left
/// out.
#[inline]
pub fn wire_joined<'a, T: fmt::Display>(
    value: &'a Option<Vec<T>>,
    separator: &'static str,
) -> WireField<'a> {
    match value {
        Some(values) => WireField::Joined(values, separator),
        None => WireField::Unset,
    }
}

/// A list that can be written as one string ([`WireField::Joined`]).
pub trait JoinPieces {
    /// The entries joined by `separator`.
    fn join_pieces(&self, separator: &str) -> String;
}

impl<T: fmt::Display> JoinPieces for Vec<T> {
    fn join_pieces(&self, separator: &str) -> String {
        join(self, separator)
    }
}

/// Writes a struct as a map of its set fields, by wire name, in order.
pub fn serialize_fields<S: serde::Serializer>(
    serializer: S,
    fields: &[(&'static str, WireField<'_>)],
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    for (key, value) in fields {
        match value {
            WireField::Unset => {}
            WireField::Value(value) => map.serialize_entry(key, value)?,
            WireField::Joined(values, separator) => {
                map.serialize_entry(key, &values.join_pieces(separator))?
            }
        }
    }
    map.end()
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
            serialize_fields(
                serializer,
                &[
                    ("shown", wire(&self.shown)),
                    ("secret", wire(&self.secret)),
                    ("unset", wire(&self.unset)),
                ],
            )
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
    fn joined_lists_are_one_string_and_split_back() {
        struct Joined(Option<Vec<i64>>);
        impl Serialize for Joined {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_fields(serializer, &[("ids", wire_joined(&self.0, ";"))])
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
