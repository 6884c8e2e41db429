//! How generated request structs handle their fields: writing a set field into the wire body,
//! filling a list setter, showing a field (or hiding a secret one) in `Debug`, and putting a path
//! parameter into the URL. Small functions, so that each generated impl is a line per field rather
//! than a block per field.

use core::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;

/// Writes `key: value` into the map when the field is set; an unset field is left out of the wire
/// body.
pub fn entry<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Writes a set list as one string, its entries joined by `separator` (`"a;b;c"`).
pub fn entry_joined<M: SerializeMap, T: fmt::Display>(
    map: &mut M,
    key: &'static str,
    value: &Option<Vec<T>>,
    separator: &str,
) -> Result<(), M::Error> {
    match value {
        Some(values) => map.serialize_entry(key, &join(values, separator)),
        None => Ok(()),
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

/// Shows a set field in a `Debug` struct; an unset one is left out.
pub fn debug_field<T: fmt::Debug>(
    out: &mut fmt::DebugStruct<'_, '_>,
    name: &str,
    value: &Option<T>,
) {
    if let Some(value) = value {
        out.field(name, value);
    }
}

/// Shows a set secret field as `<redacted>`; an unset one is left out.
pub fn debug_secret<T>(out: &mut fmt::DebugStruct<'_, '_>, name: &str, value: &Option<T>) {
    if value.is_some() {
        out.field(name, &"<redacted>");
    }
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
            let mut out = f.debug_struct("Sample");
            debug_field(&mut out, "shown", &self.shown);
            debug_secret(&mut out, "secret", &self.secret);
            debug_field(&mut out, "unset", &self.unset);
            out.finish()
        }
    }

    impl Serialize for Sample {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            entry(&mut map, "shown", &self.shown)?;
            entry(&mut map, "secret", &self.secret)?;
            entry(&mut map, "unset", &self.unset)?;
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
    fn joined_lists_are_one_string_and_split_back() {
        struct Joined(Option<Vec<i64>>);
        impl Serialize for Joined {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                entry_joined(&mut map, "ids", &self.0, ";")?;
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
