//! The new-group request form: where, the group, its organisers, the agreements and the
//! privacy consent, each section in a file of its own, built a section per task (`InTurn`),
//! then the send button with its status (`send_button.rs`). The draft is saved as the visitor
//! types (`state.rs`, into `session_store`); the rules are `groups_core::validate`, the same the
//! inbox applies. Pressing send checks, then sends under one idempotency key, retrying passing
//! failures (`send_with_retries.rs`), as `retry_policy` decides, through `inbox_client`.

mod agreements;
mod city;
mod group;
mod organizers;
mod place;
mod point;
mod send_button;
mod send_with_retries;
mod state;

use groups_core::places::is_place_id;
use leptos::{ev, prelude::*};
use leptos_router::hooks::use_query_map;

use self::{
    agreements::{AgreementsFieldset, ConsentFieldset},
    group::GroupFieldset,
    organizers::OrganizersFieldset,
    place::WhereFieldset,
    send_button::SendButton,
    state::{Form, Phase},
};
use super::{draft::summary_line, error_summary::ErrorSummary, fields::Honeypot, received::RequestReceived};
use crate::{
    components::in_turn::InTurn,
    directory::load::Groups,
    shell::focus::{focus_by_id, when_built},
};

/// The whole form, or the reference number once the inbox has the request.
#[component]
pub fn RequestForm() -> impl IntoView {
    let form = Form::new();
    // `/new-group?country=hu`: the directory's "ask to start a group" for a country.
    if let Some(code) = use_query_map().with_untracked(|q| q.get("country")) {
        form.suggest_country(&code);
    }
    // `/new-group?near=2879139`: the directory's "Start a group in Leipzig".
    if let Some(id) = use_query_map().with_untracked(|q| q.get("near")).filter(|id| is_place_id(id)) {
        form.offered_place(id);
    }
    let done = Memo::new(move |_| match form.phase.get() {
        Phase::Done(received) => Some(received),
        _ => None,
    });
    let start_over = Callback::new(move |()| {
        form.start_over();
        // The country comes with the form's first part (`InTurn`), maybe a frame later.
        request_animation_frame(|| {
            when_built(|| {
                focus_by_id("country", false);
            })
        });
    });
    move || match done.get() {
        Some(received) => view! { <RequestReceived received start_over /> }.into_any(),
        None => view! { <FormBody form /> }.into_any(),
    }
}

#[component]
fn FormBody(form: Form) -> impl IntoView {
    let draft = form.draft;
    let summary = Signal::derive(move || {
        form.errors.with(|e| {
            draft.with(|d| {
                e.0.iter()
                    .map(|(field, message)| (d.input_id(*field), summary_line(*field, &message.text())))
                    .collect::<Vec<_>>()
            })
        })
    });
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        form.submit();
    };
    // A section per task (see `InTurn`), the first after the page's text: a phone keeps
    // answering while the form is built. The groups (the map's and the nearby check's) start
    // loading with the text, which is light, rather than with the heavy first section.
    Groups::use_context();
    let turn = InTurn::new(5);
    view! {
        <form class="request-form" novalidate=true on:submit=on_submit aria-busy=turn.busy()>
            <ErrorSummary errors=summary />
            <Show when=turn.part(1)><WhereFieldset form /></Show>
            <Show when=turn.part(2)><GroupFieldset form /></Show>
            <Show when=turn.part(3)><OrganizersFieldset form /></Show>
            <Show when=turn.part(4)>
                <AgreementsFieldset form />
                <ConsentFieldset form />
                <Honeypot trap=form.trap />
                <SendButton form />
            </Show>
        </form>
    }
}
