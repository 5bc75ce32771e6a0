//! The sign-up form's view: the place (shown, not edited), the distance, the address, a name,
//! the consent (its label the very sentence recorded) and the honeypot, then the send button
//! with its status; once taken, the page's words for it, which take focus. Labelled controls,
//! hints and errors are the new-group form's (`request::fields`).

use groups_core::{
    interest::{consent_sentence, SignUpField, RADII_KM},
    places::Place,
    routes::at,
};
use groups_i18n::{around, catalogue::fill, t, tn, Msg};
use leptos::{ev, prelude::*};

use super::{
    count::InterestCountLine,
    state::{Phase, SignUpState, DONE_ID},
};
use crate::{
    components::sentence::Sentence,
    pages::lookup::named::PRIVACY,
    request::{
        fields::{described_by, error_line, CheckField, Honeypot, TextField},
        TERMS,
    },
};

#[component]
pub fn SignUpForm(place: Place, radius_km: u16) -> impl IntoView {
    let (id, label) = (place.id.clone(), place.label());
    let form = SignUpState::new(place, radius_km);
    let counted = Signal::stored(Some((id, label.clone())));
    let done = move || match form.phase.get() {
        Phase::Done(message) => Some(message),
        _ => None,
    };
    view! {
        <section class="interest" aria-labelledby="interest-title">
            <h2 id="interest-title">{t(Msg::InterestHeading)}</h2>
            <InterestCountLine place=counted radius_km=form.radius_km />
            {move || match done() {
                Some(message) => view! { <p class="interest-done" id=DONE_ID tabindex="-1" role="status">{message}</p> }.into_any(),
                None => view! { <Fields form label=label.clone() /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Fields(form: SignUpState, label: String) -> impl IntoView {
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        form.submit();
    };
    let typed = form.typed;
    let email = Signal::derive(move || typed.with(|t| t.email.clone()));
    let name = Signal::derive(move || typed.with(|t| t.name.clone()));
    let sentence = {
        let label = label.clone();
        move || consent_sentence(form.radius_km.get(), &label)
    };
    let place_error = form.error(SignUpField::Place);
    view! {
        <form class="interest-form" novalidate=true on:submit=on_submit>
            <p>{t(Msg::InterestLead)}</p>
            <div class="field" class:invalid=move || place_error.with(Option::is_some)>
                {error_line("interest-place", place_error)}
                <p id="interest-place" tabindex="-1">
                    <Sentence msg=Msg::InterestPlace placeholder="place"><strong>{label}</strong></Sentence>
                </p>
            </div>
            <RadiusField form />
            <TextField id="interest-email" label=t(Msg::RequestEmail) input_type="email" autocomplete="email"
                hint=t(Msg::InterestEmailHint)
                value=email on_input=Callback::new(move |v| form.edit(|t| t.email = v)) error=form.error(SignUpField::Email) />
            <TextField id="interest-name" label=t(Msg::InterestName) optional=true autocomplete="name"
                hint=t(Msg::InterestNameHint)
                value=name on_input=Callback::new(move |v| form.edit(|t| t.name = v)) error=form.error(SignUpField::Name) />
            <CheckField id="interest-consent" checked=form.consent error=form.error(SignUpField::Consent)>
                {sentence}
            </CheckField>
            <p class="hint">
                {
                    let (before, after) = around(t(Msg::RequestPolicy), "link");
                    let version = [("version", TERMS.policy_version)];
                    view! { {fill(before, &version)} <a href=at(PRIVACY.href)>{t(Msg::RequestPolicyLink)}</a> {fill(after, &version)} }
                }
            </p>
            <Honeypot id="interest-website" trap=form.trap />
            <SendLine form />
        </form>
    }
}

/// The distance, one of the four the server offers.
#[component]
fn RadiusField(form: SignUpState) -> impl IntoView {
    let error = form.error(SignUpField::Radius);
    let chosen = form.radius_km.get_untracked();
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for="interest-radius">{t(Msg::InterestWithin)}</label>
            {error_line("interest-radius", error)}
            <select id="interest-radius" name="radius_km"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by("interest-radius", false, error)
                on:change=move |ev| form.set_radius(event_target_value(&ev).parse().unwrap_or(chosen))>
                {RADII_KM.iter().map(|km| view! { <option value=km.to_string() selected=*km == chosen>{tn(Msg::PlaceKm, u64::from(*km), &[])}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// The button, and under it what sending is doing or why it failed (a live region).
#[component]
fn SendLine(form: SignUpState) -> impl IntoView {
    let busy = Memo::new(move |_| form.phase.with(Phase::is_busy));
    let status = move || match form.phase.get() {
        Phase::Editing | Phase::Done(_) => String::new(),
        Phase::Sending { .. } => t(Msg::RequestSendingShort).to_owned(),
        Phase::Waiting { reason, wait_ms, .. } => {
            tn(Msg::InterestWaiting, wait_ms.div_ceil(1000).into(), &[("reason", &reason)])
        }
        Phase::Failed(message) => message,
    };
    let failed = move || form.phase.with(|p| matches!(p, Phase::Failed(_)));
    view! {
        <div class="send">
            <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true")>{t(Msg::InterestTellMe)}</button>
            <p class="send-status" class:failed=failed role="status">{status}</p>
        </div>
    }
}
