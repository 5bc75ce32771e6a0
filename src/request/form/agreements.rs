//! The end of the form: the two agreements and the privacy consent (its text is the one whose
//! hash the inbox records).

use groups_core::{routes::at, validate::Field};
use groups_i18n::{around, catalogue::fill, t, Msg};
use leptos::prelude::*;

use super::state::Form;
use crate::{
    components::sentence::Sentence,
    pages::lookup::named::{CODE_OF_CONDUCT, ORGANIZER_TIPS, PRIVACY},
    request::fields::CheckField,
};

/// The section of the tips for organisers that says what non-commercial means.
const SPONSORS_AND_MONEY: &str = "sponsors-and-money";

#[component]
pub fn AgreementsFieldset(form: Form) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{t(Msg::RequestAgreements)}</legend>
            <CheckField id="agree-code-of-conduct" checked=form.code_of_conduct error=form.error(Field::CodeOfConduct)>
                <Sentence msg=Msg::RequestCodeOfConduct>
                    <a href=at(CODE_OF_CONDUCT.href)>{t(Msg::RequestCodeOfConductLink)}</a>
                </Sentence>
            </CheckField>
            <CheckField id="agree-non-commercial" checked=form.non_commercial error=form.error(Field::NonCommercial)>
                <Sentence msg=Msg::RequestNonCommercial>
                    <a href=ORGANIZER_TIPS.section_href(SPONSORS_AND_MONEY)>{t(Msg::RequestNonCommercialLink)}</a>
                </Sentence>
            </CheckField>
        </fieldset>
    }
}

#[component]
pub fn ConsentFieldset(form: Form) -> impl IntoView {
    view! {
        <fieldset class="consent">
            <legend>{t(Msg::RequestConsentLegend)}</legend>
            <CheckField id="consent" checked=form.consent error=form.error(Field::Consent)>
                {t(Msg::RequestConsent)}
            </CheckField>
            <p class="hint">
                {move || {
                    let (before, after) = around(t(Msg::RequestPolicy), "link");
                    let version = [("version", crate::request::TERMS.policy_version)];
                    view! { {fill(before, &version)} <a href=at(PRIVACY.href)>{t(Msg::RequestPolicyLink)}</a> {fill(after, &version)} }
                }}
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
