//! What a consent record is checked against: the consent text (the catalogues' message
//! `request.consent`, in the language the form was shown in, each language's hashed at build
//! time: `Lang::consent_sha256`) and the privacy policy's version. The version belongs to the
//! privacy page (its `version` front matter): the app and the server each read it there at
//! build time with the content compiler and pass it in as [`Terms`], so this crate reads no
//! page of the site.

use groups_i18n::{catalogue, Lang, Msg};
use serde::{Deserialize, Serialize};

/// What the visitor agreed to: which policy, and a fingerprint of the words they were shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub privacy_policy_version: String,
    pub text_sha256: String,
}

impl Consent {
    /// The language whose consent text this record names (`None`: no text of this build).
    pub fn lang(&self) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| l.consent_sha256() == Some(self.text_sha256.as_str()))
    }
}

/// The consent text in the language of the page being drawn (English's while the form is
/// shown in English).
pub fn consent_text() -> &'static str {
    groups_i18n::t(Msg::RequestConsent)
}

/// The hash of [`consent_text`]: of the language it is said in.
fn shown_sha256() -> &'static str {
    let lang = catalogue::speaking(Msg::RequestConsent).lang_of(Msg::RequestConsent);
    lang.consent_sha256().or(Lang::En.consent_sha256()).expect("English has every message")
}

/// Every language's consent text's hash, English's first: what a record may name.
pub fn every_sha256() -> impl Iterator<Item = &'static str> {
    Lang::ALL.iter().filter_map(|l| l.consent_sha256())
}

/// The terms in force: the privacy policy's version, with the consent texts of this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    pub policy_version: &'static str,
}

impl Terms {
    /// The record of agreeing to these terms in the words the page shows now.
    pub fn consent(self) -> Consent {
        Consent { privacy_policy_version: self.policy_version.to_owned(), text_sha256: shown_sha256().to_owned() }
    }

    /// Whether `consent` is consent to these terms, in any language's words.
    pub fn accepts(self, consent: &Consent) -> bool {
        consent.privacy_policy_version == self.policy_version && consent.lang().is_some()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use groups_i18n::catalogue::{Catalogue, Speaking};
    use sha2::{Digest, Sha256};

    use super::*;

    #[test]
    fn each_hash_is_the_sha256_of_its_languages_text() {
        for &lang in Lang::ALL {
            let text = Catalogue::of(lang).text(Msg::RequestConsent);
            let hash = crate::hex::hex(&Sha256::digest(text.as_bytes()));
            if Catalogue::of(lang).lang_of(Msg::RequestConsent) == lang {
                assert_eq!(lang.consent_sha256(), Some(hash.as_str()), "{lang:?}");
            }
        }
        assert_eq!(Lang::En.consent_sha256().map(str::len), Some(64));
    }

    #[test]
    fn the_text_says_who_what_for_how_long_and_how_to_withdraw() {
        let text = Catalogue::english().text(Msg::RequestConsent);
        for words in [
            "staff who run this portal",
            "to review this request",
            "12 months",
            "withdraw this consent",
            "community@openinfra.dev",
        ] {
            assert!(text.contains(words), "the consent text should say {words:?}");
        }
        for &lang in Lang::ALL {
            let text = Catalogue::of(lang).text(Msg::RequestConsent);
            assert!(text.contains("12") && text.contains("community@openinfra.dev"), "{lang:?}: {text}");
        }
    }

    #[test]
    fn consent_is_to_one_version_of_the_terms_in_the_words_shown() {
        let terms = Terms { policy_version: "2026-11-01" };
        assert!(terms.accepts(&terms.consent()));
        assert_eq!(terms.consent().lang(), Some(Lang::En));
        assert!(!Terms { policy_version: "2027-01-01" }.accepts(&terms.consent()));
        let other_text = Consent { text_sha256: "00".repeat(32), ..terms.consent() };
        assert!(!terms.accepts(&other_text));
        let japanese = {
            let _shown = Speaking::page(Lang::Ja, false);
            terms.consent()
        };
        assert!(terms.accepts(&japanese));
        if Lang::Ja.consent_sha256().is_some() {
            assert_eq!(japanese.lang(), Some(Lang::Ja));
            assert_ne!(japanese, terms.consent());
        }
        // A page shown in English in a Japanese frame agrees to English's words.
        let english_page = {
            let _shown = Speaking::page(Lang::Ja, true);
            terms.consent()
        };
        assert_eq!(english_page.lang(), Some(Lang::En));
    }
}
