//! Idempotency keys: a random UUID made when a draft starts (the browser's
//! `crypto.randomUUID()`) and sent with every attempt, so the inbox stores a retried request
//! once.

/// Whether `key` is a UUID in its usual text form (any version, either case).
pub fn is_uuid(key: &str) -> bool {
    key.len() == 36
        && key.char_indices().all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_uuids_only() {
        assert!(is_uuid("0F8FAD5B-D9CB-469F-A165-70867728950E"));
        for bad in [
            "",
            "not-a-uuid",
            "0f8fad5b-d9cb-469f-a165-70867728950",
            "0f8fad5bd9cb469fa16570867728950e",
            "0f8fad5b-d9cb-469f-a165-70867728950g",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }
}
