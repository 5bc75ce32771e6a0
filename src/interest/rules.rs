//! The sign-up as the form builds and checks it: the body sent (`groups_core::interest::SignUp`,
//! its consent the sentence shown with the privacy policy's version, as the new-group form
//! records it), the errors to show, and which control each belongs to. Pure, tested natively.

use groups_core::{
    interest::{consent_sentence, validate_sign_up, SignUp, SignUpConsent, SignUpField},
    places::Place,
    problem::Problem,
};

use crate::request::TERMS;

/// What the visitor typed, apart from the boxes.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Typed {
    pub email: String,
    pub name: String,
}

/// The body for `place`, as the form stands: the consent only when the box is ticked, with the
/// words its label shows.
pub fn body(place: &Place, radius_km: u16, typed: &Typed, consented: bool, trap: &str) -> SignUp {
    SignUp {
        place: place.id.clone(),
        radius_km,
        email: typed.email.clone(),
        name: typed.name.clone(),
        consent: consented.then(|| SignUpConsent {
            privacy_policy_version: TERMS.policy_version.to_owned(),
            text: consent_sentence(radius_km, &place.label()),
        }),
        website: trap.to_owned(),
    }
}

/// What the server's rules say of `body` for `place`, in the form's order.
pub fn errors(body: &SignUp, place: &Place) -> Vec<(SignUpField, Problem)> {
    let mut errors = validate_sign_up(&body.normalized(), TERMS, Some(place)).err().unwrap_or_default();
    errors.sort_by_key(|(field, _)| *field);
    errors
}

/// The id of the element an error about `field` belongs to (the place is shown, not edited:
/// its line takes the focus).
pub fn input_id(field: SignUpField) -> &'static str {
    match field {
        SignUpField::Place => "interest-place",
        SignUpField::Radius => "interest-radius",
        SignUpField::Email => "interest-email",
        SignUpField::Name => "interest-name",
        SignUpField::Consent => "interest-consent",
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    use groups_core::fixtures::leipzig;

    #[test]
    fn the_body_carries_the_sentence_shown_and_the_policys_version() {
        let typed = Typed { email: " ada@example.org ".into(), name: String::new() };
        let body = body(&leipzig(), 250, &typed, true, "");
        let consent = body.consent.clone().unwrap();
        assert_eq!(consent.text, consent_sentence(250, "Leipzig, Germany"));
        assert_eq!(consent.privacy_policy_version, TERMS.policy_version);
        assert_eq!((body.place.as_str(), body.radius_km), ("2879139", 250));
        assert_eq!(errors(&body, &leipzig()), [], "trimmed as the server trims");
    }

    #[test]
    fn errors_come_in_the_forms_order_each_with_its_control() {
        let body = body(&leipzig(), 100, &Typed { email: "ada".into(), name: "\u{202e}".into() }, false, "");
        let errors = errors(&body, &leipzig());
        let fields: Vec<SignUpField> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [SignUpField::Email, SignUpField::Name, SignUpField::Consent]);
        assert_eq!(errors[0].1.english(), "Enter an email address like name@example.org.");
        let ids: Vec<&str> = fields.into_iter().map(input_id).collect();
        assert_eq!(ids, ["interest-email", "interest-name", "interest-consent"]);
    }
}
