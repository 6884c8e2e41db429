//! Rust names from wire names: snake_case setters, UpperCamelCase types.

/// `userIdsToAdd` → `user_ids_to_add`, `add_useridlist` stays, `Content-Type` → `content_type`,
/// `X-Tt-Logid` → `x_tt_logid`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// `update_group` → `UpdateGroup`.
pub fn upper_camel(name: &str) -> String {
    snake_case(name)
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Whether `name` is a valid snake_case identifier: lower-case ASCII letters, digits and
/// underscores, starting with a letter.
pub fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `name` is an UpperCamelCase identifier.
pub fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// What is wrong with `name` as an enum, union or error variant, and the help: not UpperCamelCase,
/// or `Self` (a keyword, though it looks like a type name).
pub fn variant_problem(name: &str) -> Option<(&'static str, String)> {
    if !is_upper_camel(name) {
        Some((
            "must be UpperCamelCase",
            format!("try `{}`", upper_camel(name)),
        ))
    } else if name == "Self" {
        Some((
            "is a Rust keyword",
            "name the variant after what it means (`Myself`, `Own`)".to_owned(),
        ))
    } else {
        None
    }
}

/// Rust's keywords (strict and reserved, all editions), which cannot name a setter or a module.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try",
    "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield",
];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_are_the_snake_case_of_wire_names() {
        let cases = [
            ("chatid", "chatid"),
            ("ownerType", "owner_type"),
            ("add_useridlist", "add_useridlist"),
            ("managementOptions", "management_options"),
            ("group_nick", "group_nick"),
            ("user_id_type", "user_id_type"),
            ("chatId", "chat_id"),
            ("corpGroupUserIdsToAdd", "corp_group_user_ids_to_add"),
            ("openUserId", "open_user_id"),
            ("Content-Type", "content_type"),
            ("X-Tt-Logid", "x_tt_logid"),
            ("errMsg", "err_msg"),
            ("HTTPStatus", "http_status"),
            ("userID2", "user_id2"),
        ];
        for (wire, rust) in cases {
            assert_eq!(snake_case(wire), rust, "{wire}");
        }
    }

    #[test]
    fn type_names_are_upper_camel() {
        assert_eq!(upper_camel("update_group_nick"), "UpdateGroupNick");
        assert_eq!(upper_camel("v1"), "V1");
        assert_eq!(upper_camel("open_api"), "OpenApi");
        assert_eq!(upper_camel("updateCorpGroupChat"), "UpdateCorpGroupChat");
    }

    #[test]
    fn recognises_identifier_shapes_and_keywords() {
        assert!(is_snake_case("update_group"));
        assert!(!is_snake_case("UpdateGroup"));
        assert!(!is_snake_case("1group"));
        assert!(is_upper_camel("OwnerType"));
        assert!(!is_upper_camel("owner_type"));
        assert!(is_keyword("type"));
        assert!(!is_keyword("kind"));
    }
}
