//! What a consent record is checked against: the consent text (`consent.txt`, core's own,
//! hashed at build time by `build.rs`) and the privacy policy's version. The version belongs
//! to the privacy page (its `version` front matter): the app and the server each read it there
//! at build time with the content compiler and pass it in as [`Terms`], so this crate reads
//! no page of the site.

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

/// The terms in force: the privacy policy's version, with the consent text of this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    pub policy_version: &'static str,
}

impl Terms {
    /// The record of agreeing to these terms.
    pub fn consent(self) -> Consent {
        Consent { privacy_policy_version: self.policy_version.to_owned(), text_sha256: CONSENT_TEXT_SHA256.to_owned() }
    }

    /// Whether `consent` is consent to these terms.
    pub fn accepts(self, consent: &Consent) -> bool {
        consent.privacy_policy_version == self.policy_version && consent.text_sha256 == CONSENT_TEXT_SHA256
    }
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    #[test]
    fn the_hash_is_the_sha256_of_the_text() {
        assert_eq!(CONSENT_TEXT_SHA256, crate::hex::hex(&Sha256::digest(CONSENT_TEXT.as_bytes())));
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
    fn consent_is_to_one_version_of_the_terms() {
        let terms = Terms { policy_version: "2026-11-01" };
        assert!(terms.accepts(&terms.consent()));
        assert!(!Terms { policy_version: "2027-01-01" }.accepts(&terms.consent()));
        let other_text = Consent { text_sha256: "00".repeat(32), ..terms.consent() };
        assert!(!terms.accepts(&other_text));
    }
}
