//! What a consent record is checked against: the privacy policy's version and the exact
//! consent text, both fixed at build time (see `build.rs`), and the record itself.

use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/consent.rs"));

/// What the visitor agreed to: which policy, and a fingerprint of the words they were shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub privacy_policy_version: String,
    pub text_sha256: String,
}

impl Consent {
    /// The record of agreeing to the text this build shows.
    pub fn current() -> Consent {
        Consent {
            privacy_policy_version: PRIVACY_POLICY_VERSION.to_owned(),
            text_sha256: CONSENT_TEXT_SHA256.to_owned(),
        }
    }

    /// Whether this is consent to the text and policy in force now.
    pub fn is_current(&self) -> bool {
        self.privacy_policy_version == PRIVACY_POLICY_VERSION && self.text_sha256 == CONSENT_TEXT_SHA256
    }
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    #[test]
    fn the_hash_is_the_sha256_of_the_text() {
        let hex: String = Sha256::digest(CONSENT_TEXT.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(CONSENT_TEXT_SHA256, hex);
        assert_eq!(CONSENT_TEXT_SHA256.len(), 64);
    }

    #[test]
    fn the_text_says_who_what_for_how_long_and_how_to_withdraw() {
        for words in [
            "staff who run this portal",
            "to review this request",
            "12 months",
            "withdraw this consent",
            "community@openinfra.dev",
        ] {
            assert!(CONSENT_TEXT.contains(words), "the consent text should say {words:?}");
        }
        assert!(!CONSENT_TEXT.contains('\n') && !CONSENT_TEXT.contains("  "), "one line, single spaces");
    }

    #[test]
    fn the_version_is_the_privacy_pages() {
        let page = include_str!("../../src/content/privacy.md");
        assert!(page.contains(&format!("\nversion: {PRIVACY_POLICY_VERSION}\n")));
        assert!(Consent::current().is_current());
        assert!(!Consent { privacy_policy_version: "2020-01-01".into(), ..Consent::current() }.is_current());
    }
}
