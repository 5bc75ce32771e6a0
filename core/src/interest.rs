//! "Tell me when a group starts near me" (issue #28), as it travels between the app's form and
//! the server: the sign-up's body and its one set of rules, the sentence the visitor consents
//! to, how an address is compared, the answers, and the count of people who asked near a
//! place (never below three).
//!
//! What the server keeps, mails and deletes is its own (`server/src/store/interest.rs` and
//! `server/src/interest.rs`); this module holds what the form must agree with.

use serde::{Deserialize, Serialize};

use crate::{
    consent::Terms,
    limits::{EMAIL_MAX, PERSON_NAME_MAX},
    places::Place,
    problem::{Problem, Subject},
    text,
    validate::is_email,
};

/// The distances a visitor may choose, in kilometres: a town, a region, a small country, a
/// large one. A few fixed steps rather than any number: they read well in the sentence, and
/// counts over them say little about any one person.
pub const RADII_KM: [u16; 4] = [50, 100, 250, 500];

/// The distance the form offers first.
pub const DEFAULT_RADIUS_KM: u16 = 100;

/// Fewer people than this near a place are shown as "a few", never as a number: one or two
/// near a small town may be someone a would-be organiser knows.
pub const FEW_BELOW: u32 = 3;

/// An unconfirmed sign-up is deleted this many days after it was made.
pub const UNCONFIRMED_DAYS: u64 = 7;

/// A sign-up whose owner has not answered (confirmed it, or said "keep it" to the yearly
/// question) for this many years is deleted.
pub const UNANSWERED_YEARS: u64 = 2;

/// Where the pages of the mailed links are (`/interest/confirm/<token>`,
/// `/interest/stop/<token>`): the server's, not the app's.
pub const PAGES_PREFIX: &str = "/interest";

/// `POST /api/interest`: the app's form sends its JSON here.
pub const API_PATH: &str = "/api/interest";

/// `POST /interest/sign-up`: the same sign-up as a plain HTML form
/// (`application/x-www-form-urlencoded`), for pages read without JavaScript; the server
/// answers with a page.
pub const FORM_PATH: &str = "/interest/sign-up";

/// `GET /api/interest/count` for the place `place` (a gazetteer id) and `radius_km`.
pub fn count_href(place: &str, radius_km: u16) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("near", place)
        .append_pair("radius", &radius_km.to_string())
        .finish();
    format!("{API_PATH}/count?{query}")
}

/// The distance the form offers first when the directory was searched within `radius`: the
/// same, when it is one of [`RADII_KM`] (a visitor who looked within 50 km wants news within
/// 50 km), else [`DEFAULT_RADIUS_KM`] ("any distance" is no distance to write about).
pub fn offered_radius(radius: crate::near::Radius) -> u16 {
    radius.km().map(|km| km as u16).filter(|km| RADII_KM.contains(km)).unwrap_or(DEFAULT_RADIUS_KM)
}

/// The page a confirmation link opens (`/interest/confirm/<token>`): it shows what is to be
/// confirmed and a button; only the button's POST confirms (mail scanners open links).
pub fn confirm_href(token: &str) -> String {
    format!("{PAGES_PREFIX}/confirm/{token}")
}

/// The page a link to stop opens (`/interest/stop/<token>`): a button, whose POST deletes the
/// sign-up; the same address takes RFC 8058's one-click POST.
pub fn stop_href(token: &str) -> String {
    format!("{PAGES_PREFIX}/stop/{token}")
}

/// `POST /api/interest`: a visitor asks to hear when a group starts near a place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    /// The gazetteer's id of the place (`/api/places`): `2879139`, `state:US-MA`, `country:HU`.
    pub place: String,
    /// One of [`RADII_KM`].
    pub radius_km: u16,
    /// The visitor's address.
    pub email: String,
    /// Optional: how the mail that tells of a new group greets them.
    #[serde(default)]
    pub name: String,
    /// `None` until the visitor ticks the box: a sign-up without it is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<SignUpConsent>,
    /// The honeypot: hidden from people, so anything in it was typed by a bot.
    #[serde(default)]
    pub website: String,
}

/// What the visitor agreed to: the privacy policy in force and the sentence they were shown,
/// word for word ([`consent_sentence`]). The server checks both and keeps the policy's version
/// with a SHA-256 of the sentence, as it keeps a request's consent; the form sends the words
/// rather than their hash so that the browser needs no hashing code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignUpConsent {
    pub privacy_policy_version: String,
    /// [`consent_sentence`] for the place and distance chosen.
    pub text: String,
}

impl SignUp {
    /// The sign-up as the rules read it: texts trimmed.
    pub fn normalized(&self) -> SignUp {
        SignUp {
            place: self.place.trim().to_owned(),
            radius_km: self.radius_km,
            email: self.email.trim().to_owned(),
            name: self.name.trim().to_owned(),
            consent: self.consent.clone(),
            website: self.website.clone(),
        }
    }
}

/// The purpose, in the one sentence the visitor agrees to. `place` is the place's label as
/// the gazetteer writes it (`groups_core::places::Place::label`: "Leipzig, Germany").
/// In the page's language: the form shows it, and the server accepts it in any language
/// ([`consent_language`]).
pub fn consent_sentence(radius_km: u16, place: &str) -> String {
    groups_i18n::tf(groups_i18n::Msg::InterestConsent, &[("km", &radius_km.to_string()), ("place", place)])
}

/// Whether `text` is the sentence the visitor agrees to for `place`: in the page's language
/// in the browser, in any language on the server.
fn is_consent_sentence(radius_km: u16, place: &Place, text: &str) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return consent_language(radius_km, place, text).is_some();
    #[cfg(target_arch = "wasm32")]
    return text == consent_sentence(radius_km, &place.label());
}

/// The language whose [`consent_sentence`] for `place` (its label in that language) `text`
/// is, word for word: the language the visitor signed up in. `None` for any other text.
#[cfg(not(target_arch = "wasm32"))]
pub fn consent_language(radius_km: u16, place: &Place, text: &str) -> Option<groups_i18n::Lang> {
    groups_i18n::Lang::ALL.iter().copied().find(|&lang| {
        let _speaking = groups_i18n::catalogue::Speaking::page(lang, false);
        consent_sentence(radius_km, &place.label()) == text
    })
}

/// A member of the body a rule is about, for the form to show the message beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignUpField {
    Place,
    Radius,
    Email,
    Name,
    Consent,
}

impl SignUpField {
    /// The member's name in the body, as the server's 422 answers key their messages.
    pub fn path(self) -> &'static str {
        match self {
            SignUpField::Place => "place",
            SignUpField::Radius => "radius_km",
            SignUpField::Email => "email",
            SignUpField::Name => "name",
            SignUpField::Consent => "consent",
        }
    }

    /// The field a path names; `None` for one this version does not know.
    pub fn from_path(path: &str) -> Option<SignUpField> {
        [SignUpField::Place, SignUpField::Radius, SignUpField::Email, SignUpField::Name, SignUpField::Consent]
            .into_iter()
            .find(|f| f.path() == path)
    }
}

/// Checks a sign-up (normalise it first) against the rules and the `terms` in force. `place`
/// is the place its id names, `None` when the gazetteer has no such place.
pub fn validate_sign_up(
    sign_up: &SignUp,
    terms: Terms,
    place: Option<&Place>,
) -> Result<(), Vec<(SignUpField, Problem)>> {
    let mut errors = Vec::new();
    if place.is_none() {
        errors.push((SignUpField::Place, Problem::UnknownPlace));
    }
    if !RADII_KM.contains(&sign_up.radius_km) {
        errors.push((SignUpField::Radius, Problem::NotADistance));
    }
    if sign_up.email.is_empty() {
        errors.push((SignUpField::Email, Problem::Empty { subject: Subject::YourEmail }));
    } else if sign_up.email.len() > EMAIL_MAX || !is_email(&sign_up.email) {
        errors.push((SignUpField::Email, Problem::NotEmail));
    }
    if !sign_up.name.is_empty() {
        if let Err(error) = text::check(&sign_up.name, 1, PERSON_NAME_MAX, false) {
            errors.push((SignUpField::Name, error.problem(Subject::YourName)));
        }
    }
    let agreed = match (&sign_up.consent, place) {
        (None, _) => Err(Problem::NoSignUpConsent),
        (Some(consent), Some(place)) => {
            let same_words = is_consent_sentence(sign_up.radius_km, place, &consent.text);
            if consent.privacy_policy_version == terms.policy_version && same_words {
                Ok(())
            } else {
                Err(Problem::SignUpConsentChanged)
            }
        }
        // The place is refused above; the sentence cannot be checked without it.
        (Some(_), None) => Ok(()),
    };
    if let Err(problem) = agreed {
        errors.push((SignUpField::Consent, problem));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// An address as mail is sent to it: trimmed, its domain in lowercase (domains are not case
/// sensitive). The local part is kept as typed: a few mail servers still tell `Ada` from
/// `ada`, and delivering to what the visitor typed always reaches them.
pub fn mail_address(email: &str) -> String {
    let email = email.trim();
    match email.rsplit_once('@') {
        Some((local, domain)) => format!("{local}@{}", crate::case::lowercase(domain)),
        None => email.to_owned(),
    }
}

/// An address as sign-ups are compared (the same address for the same place is one sign-up;
/// erasure takes every sign-up of an address): wholly in lowercase. Nearly every mailbox
/// ignores the case of its local part, and people type it both ways; treating `Ada@` and `ada@`
/// as two people would keep one of them after an erasure. Nothing else is folded: dots and
/// `+tags` mean something at some providers and nothing at others.
pub fn address_key(email: &str) -> String {
    crate::case::lowercase(email.trim())
}

/// `202 Accepted`, whatever the address's state: new, waiting for its confirmation, already
/// signed up, or mailed too often today (then no mail goes). The answer never tells whether an
/// address is known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUpAccepted {
    /// A sentence for the visitor.
    pub message: String,
}

/// The one answer to every sign-up that keeps the rules, in the page's language.
pub fn accepted_message() -> &'static str {
    groups_i18n::t(groups_i18n::Msg::InterestAccepted)
}

/// `GET /api/interest/count`: how many people asked to hear of a group near a place, as a
/// number from [`FEW_BELOW`] up, else only that they are few (none, one or two). Never who.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InterestCount {
    /// The number of people (addresses), when it is 3 or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// `true` when fewer than 3 asked, which may be none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub few: Option<bool>,
}

impl InterestCount {
    /// The answer for `people`: the number from [`FEW_BELOW`] up, else "few".
    pub fn of(people: u32) -> InterestCount {
        if people >= FEW_BELOW {
            InterestCount { count: Some(people), few: None }
        } else {
            InterestCount { count: None, few: Some(true) }
        }
    }

    /// What the directory and the form say: "12 people within 100 km of Leipzig asked to
    /// hear when a group starts", or "A few people …".
    pub fn sentence(&self, radius_km: u16, place: &str) -> String {
        let km = radius_km.to_string();
        let values = [("km", km.as_str()), ("place", place)];
        match self.count {
            Some(n) => groups_i18n::tn(groups_i18n::Msg::InterestCount, u64::from(n), &values),
            None => groups_i18n::tf(groups_i18n::Msg::InterestCountFew, &values),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::fixtures::{leipzig, TERMS};

    const LEIPZIG: &str = "Leipzig, Germany";

    fn sign_up() -> SignUp {
        SignUp {
            place: "2879139".into(),
            radius_km: 100,
            email: "ada@example.org".into(),
            name: String::new(),
            consent: Some(SignUpConsent {
                privacy_policy_version: TERMS.policy_version.into(),
                text: consent_sentence(100, LEIPZIG),
            }),
            website: String::new(),
        }
    }

    fn fields(sign_up: &SignUp, place: Option<&Place>) -> Vec<SignUpField> {
        validate_sign_up(sign_up, TERMS, place).err().unwrap_or_default().into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn the_sentence_is_agreed_to_in_any_language_and_says_which() {
        use groups_i18n::{catalogue::Speaking, Lang};
        let english = consent_sentence(100, LEIPZIG);
        assert!(english.starts_with("We write to you when a group starts within 100 km of Leipzig, Germany"));
        assert_eq!(consent_language(100, &leipzig(), &english), Some(Lang::En));
        let german = {
            let _german = Speaking::page(Lang::De, false);
            consent_sentence(100, &leipzig().label())
        };
        assert!(german.contains("Leipzig, Deutschland"), "the place named in the language: {german}");
        assert_ne!(german, english);
        assert_eq!(consent_language(100, &leipzig(), &german), Some(Lang::De));
        assert_eq!(consent_language(250, &leipzig(), &german), None, "another distance's words");
        assert_eq!(consent_language(100, &leipzig(), "I agree."), None);
    }

    #[test]
    fn the_sentence_names_the_purpose_the_distance_and_the_place() {
        assert_eq!(
            consent_sentence(100, LEIPZIG),
            "We write to you when a group starts within 100 km of Leipzig, Germany, and at most once a year to ask \
             whether you still want this."
        );
    }

    #[test]
    fn a_sign_up_keeps_the_rules_or_names_what_breaks_them() {
        assert_eq!(validate_sign_up(&sign_up(), TERMS, Some(&leipzig())), Ok(()));
        let named = SignUp { name: "Ada Lovelace".into(), ..sign_up() };
        assert_eq!(validate_sign_up(&named, TERMS, Some(&leipzig())), Ok(()));
        assert_eq!(fields(&sign_up(), None), [SignUpField::Place]);
        for radius in [0, 1, 99, 101, 1000] {
            assert!(fields(&SignUp { radius_km: radius, ..sign_up() }, Some(&leipzig())).contains(&SignUpField::Radius));
        }
        for email in ["", "ada", "ada@", "@example.org", "ada@example", "a da@example.org"] {
            assert_eq!(fields(&SignUp { email: email.into(), ..sign_up() }, Some(&leipzig())), [SignUpField::Email]);
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(fields(&SignUp { email: long, ..sign_up() }, Some(&leipzig())), [SignUpField::Email]);
        for name in ["a\u{202e}b", "\u{200b}", &"n".repeat(101)] {
            assert_eq!(fields(&SignUp { name: name.into(), ..sign_up() }, Some(&leipzig())), [SignUpField::Name]);
        }
        assert_eq!(fields(&SignUp { consent: None, ..sign_up() }, Some(&leipzig())), [SignUpField::Consent]);
    }

    #[test]
    fn consent_is_to_this_policy_and_these_words() {
        let older = SignUpConsent { privacy_policy_version: "2000-01-01".into(), text: consent_sentence(100, LEIPZIG) };
        assert_eq!(fields(&SignUp { consent: Some(older), ..sign_up() }, Some(&leipzig())), [SignUpField::Consent]);
        // The words shown were for another distance or place than the one sent.
        assert_eq!(fields(&SignUp { radius_km: 250, ..sign_up() }, Some(&leipzig())), [SignUpField::Consent]);
        let halle = Place { name: "Halle".into(), ..leipzig() };
        assert_eq!(fields(&sign_up(), Some(&halle)), [SignUpField::Consent]);
    }

    #[test]
    fn addresses_are_sent_to_as_typed_and_compared_in_lowercase() {
        assert_eq!(mail_address("  Ada.L@Example.ORG "), "Ada.L@example.org");
        assert_eq!(address_key("  Ada.L@Example.ORG "), "ada.l@example.org");
        assert_eq!(address_key("ada+groups@example.org"), "ada+groups@example.org", "tags are kept");
        assert_eq!(address_key("ÄDA@BÜCHER.example"), "äda@bücher.example");
    }

    #[test]
    fn fewer_than_three_are_a_few_and_never_a_number() {
        for n in 0..3 {
            let few = InterestCount::of(n);
            assert_eq!(serde_json::to_string(&few).unwrap(), r#"{"few":true}"#);
            assert_eq!(
                few.sentence(100, "Leipzig"),
                "A few people within 100 km of Leipzig asked to hear when a group starts."
            );
        }
        let many = InterestCount::of(12);
        assert_eq!(serde_json::to_string(&many).unwrap(), r#"{"count":12}"#);
        assert_eq!(
            many.sentence(100, "Leipzig"),
            "12 people within 100 km of Leipzig asked to hear when a group starts."
        );
    }

    #[test]
    fn the_form_offers_the_directorys_distance_when_it_can() {
        use crate::near::Radius;
        assert_eq!(offered_radius(Radius::Km50), 50);
        assert_eq!(offered_radius(Radius::Km250), 250);
        assert_eq!(offered_radius(Radius::Any), DEFAULT_RADIUS_KM);
        assert_eq!(count_href("state:US-MA", 250), "/api/interest/count?near=state%3AUS-MA&radius=250");
    }

    #[test]
    fn fields_are_named_as_the_body_names_them() {
        for field in
            [SignUpField::Place, SignUpField::Radius, SignUpField::Email, SignUpField::Name, SignUpField::Consent]
        {
            assert_eq!(SignUpField::from_path(field.path()), Some(field));
        }
        assert_eq!(SignUpField::from_path("website"), None);
        let body: SignUp =
            serde_json::from_str(r#"{"place": "2879139", "radius_km": 100, "email": "ada@example.org"}"#).unwrap();
        assert_eq!((body.name.as_str(), body.consent.is_none()), ("", true));
        assert!(serde_json::from_str::<SignUp>(r#"{"place": "1", "radius_km": 100, "email": "a", "x": 1}"#).is_err());
    }
}
