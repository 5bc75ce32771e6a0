//! A minimal JSON value for reading `groups.json` record by record.
//!
//! In the browser the text is parsed by the browser's own `JSON.parse` and converted to
//! [`Json`] (see `data.rs`): this keeps a JSON parser and serde's generated code out of the
//! wasm, about 20 KB brotli. Natively (tests, benchmarks) serde_json parses it.

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
}

/// Parses JSON text natively (tests, benchmarks, tools).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str(text: &str) -> Result<Json, String> {
    fn convert(value: serde_json::Value) -> Json {
        match value {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(b),
            serde_json::Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Json::String(s),
            serde_json::Value::Array(items) => Json::Array(items.into_iter().map(convert).collect()),
            serde_json::Value::Object(map) => Json::Object(map.into_iter().map(|(k, v)| (k, convert(v))).collect()),
        }
    }
    serde_json::from_str(text).map(convert).map_err(|e| e.to_string())
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
}
