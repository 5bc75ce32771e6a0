//! A private key: 256 bits from the operating system's secure generator, written as base64url
//! (43 characters) for the link; only its SHA-256 is stored, and stored hashes are compared in
//! constant time.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use groups_core::hex::hex;
use sha2::{Digest, Sha256};

/// A key as issued: the text for the link (shown once) and the hash the database keeps.
pub struct NewKey {
    pub key: String,
    pub hash: String,
}

/// Makes a new key.
pub fn new_key() -> NewKey {
    let mut bytes = [0u8; 32];
    // Without the OS's generator no key can be safe: there is nothing better to fall back on.
    getrandom::fill(&mut bytes).expect("the operating system's random number generator");
    let key = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&key);
    NewKey { key, hash }
}

/// The hash stored for `key`.
pub fn hash(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes()))
}

/// Whether two hashes are equal, taking the same time wherever they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_long_distinct_and_stored_as_hashes() {
        let (a, b) = (new_key(), new_key());
        assert_eq!(a.key.len(), 43);
        assert_ne!(a.key, b.key);
        assert_eq!(a.hash, hash(&a.key));
        assert!(groups_core::organiser::Access::parse(&format!("GR-AAAA-AAAA.{}", a.key)).is_some());
        assert!(same(&a.hash, &hash(&a.key)));
        assert!(!same(&a.hash, &b.hash) && !same(&a.hash, ""));
    }
}
