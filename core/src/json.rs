//! A minimal JSON value, read and written by hand: `groups.json` records, the new-group request
//! body, and the form's saved draft.
//!
//! In the browser the text is parsed by the browser's own `JSON.parse` and converted to
//! [`Json`] (see the app's `data.rs`): this keeps a JSON parser and serde's generated code out
//! of the wasm, about 20 KB brotli. Natively (the server, tests, benchmarks) serde_json parses
//! it. Writing is [`Json`]'s `Display`: compact, members in the order they were built, so the
//! same request always gives the same bytes.

use std::fmt::{self, Write};

/// A parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An object from `(key, value)` pairs, keeping their order.
    pub fn object<const N: usize>(members: [(&str, Json); N]) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    pub fn string(s: impl Into<String>) -> Json {
        Json::String(s.into())
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            // JSON has no NaN or infinity; Rust's `Display` for a finite f64 never uses an
            // exponent and round-trips exactly.
            Json::Number(n) if n.is_finite() => write!(f, "{n}"),
            Json::Number(_) => f.write_str("null"),
            Json::String(s) => write_string(f, s),
            Json::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Json::Object(members) => {
                f.write_char('{')?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_char('}')
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            // Other controls, and the two separators that break JavaScript string literals.
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// Parses JSON text natively (the server, tests, benchmarks, tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str(text: &str) -> Result<Json, String> {
    serde_json::from_str(text).map(from_serde).map_err(|e| e.to_string())
}

/// serde_json's value as a [`Json`] (members keep their order).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_serde(value: serde_json::Value) -> Json {
    match value {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(b),
        serde_json::Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Json::String(s),
        serde_json::Value::Array(items) => Json::Array(items.into_iter().map(from_serde).collect()),
        serde_json::Value::Object(map) => Json::Object(map.into_iter().map(|(k, v)| (k, from_serde(v))).collect()),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn reads_members_and_types() {
        let json = from_str(r#"{"a": "x", "n": 1.5, "list": [null, true], "o": {"k": "v"}}"#).unwrap();
        assert_eq!(json.get("a").and_then(Json::as_str), Some("x"));
        assert_eq!(json.get("n").and_then(Json::as_f64), Some(1.5));
        assert_eq!(json.get("list").and_then(Json::as_array).map(<[Json]>::len), Some(2));
        assert_eq!(json.get("o").and_then(|o| o.get("k")).and_then(Json::as_str), Some("v"));
        assert_eq!(json.get("missing"), None);
        assert_eq!(Json::Null.get("a"), None);
        assert!(from_str("{").is_err());
    }

    #[test]
    fn writes_compact_json_in_member_order() {
        let json = Json::object([
            ("b", Json::Number(52.5)),
            ("a", Json::Array(vec![Json::Null, Json::Bool(false), Json::Number(13.0)])),
            ("s", Json::string("quote \" slash \\ line\n tab\t bell\u{7} sep\u{2028} é")),
            ("nan", Json::Number(f64::NAN)),
        ]);
        assert_eq!(
            json.to_string(),
            r#"{"b":52.5,"a":[null,false,13],"s":"quote \" slash \\ line\n tab\t bell\u0007 sep\u2028 é","nan":null}"#
        );
    }

    proptest::proptest! {
        /// Whatever is written, serde_json (the server's parser) reads back the same value.
        #[test]
        fn written_text_reads_back(s in "\\PC*|[\\x00-\\x1f\"\\\\\u{2028}]{0,8}", n in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
            let json = Json::object([("s", Json::string(s.clone())), ("n", Json::Number(n)), ("list", Json::Array(vec![Json::string(s)]))]);
            proptest::prop_assert_eq!(from_str(&json.to_string()).unwrap(), json);
        }
    }
}
