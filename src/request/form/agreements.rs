//! The end of the form: the two agreements and the privacy consent (its text is the one whose
//! hash the inbox records).

use groups_core::{consent::CONSENT_TEXT, routes::at, validate::Field};
use leptos::prelude::*;

use super::state::Form;
use crate::{
    pages::lookup::named::{CODE_OF_CONDUCT, ORGANIZER_TIPS, PRIVACY},
    request::fields::CheckField,
};

/// The section of the tips for organisers that says what non-commercial means.
const SPONSORS_AND_MONEY: &str = "sponsors-and-money";

#[component]
pub fn AgreementsFieldset(form: Form) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Agreements"</legend>
            <CheckField id="agree-code-of-conduct" checked=form.code_of_conduct error=form.error(Field::CodeOfConduct)>
                "The group and its organisers will follow the " <a href=at(CODE_OF_CONDUCT.href)>"code of conduct"</a> "."
            </CheckField>
            <CheckField id="agree-non-commercial" checked=form.non_commercial error=form.error(Field::NonCommercial)>
                "The group will be non-commercial: sponsors are welcome, sales events are not (see "
                <a href=ORGANIZER_TIPS.section_href(SPONSORS_AND_MONEY)>"sponsors and money"</a> ")."
            </CheckField>
        </fieldset>
    }
}

#[component]
pub fn ConsentFieldset(form: Form) -> impl IntoView {
    view! {
        <fieldset class="consent">
            <legend>"Privacy consent"</legend>
            <CheckField id="consent" checked=form.consent error=form.error(Field::Consent)>
                {CONSENT_TEXT}
            </CheckField>
            <p class="hint">
                "The " <a href=at(PRIVACY.href)>"privacy policy"</a> {format!(" (version {}) explains this in full.", crate::request::TERMS.policy_version)}
            </p>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sponsors_section_is_in_the_tips() {
        assert!(ORGANIZER_TIPS.headings.iter().any(|h| h.id == SPONSORS_AND_MONEY));
    }
}
