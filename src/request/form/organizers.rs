//! "Organisers": one to five people, each with a name and an email address; focus follows
//! an organiser added or removed. Each organiser's fields are keyed by their id: adding one
//! leaves the others' fields (and what is being typed in them) alone.

use groups_core::validate::Field;
use groups_i18n::{t, tf, Msg};
use leptos::prelude::*;

use super::state::Form;
use crate::{
    request::{
        draft::{of_organiser, organizer_input_id, Draft},
        fields::TextField,
    },
    shell::focus::focus_by_id,
};

#[component]
pub fn OrganizersFieldset(form: Form) -> impl IntoView {
    let draft = form.draft;
    let ids = Memo::new(move |_| draft.with(|d| d.organizers.iter().map(|p| p.id).collect::<Vec<_>>()));
    let can_add = Memo::new(move |_| draft.with(Draft::can_add_organizer));
    let add = move |_| {
        let mut id = 0;
        draft.update(|d| id = d.add_organizer());
        request_animation_frame(move || {
            focus_by_id(&organizer_input_id(id, "name"), false);
        });
    };
    view! {
        <fieldset>
            <legend>{t(Msg::RequestOrganisers)}</legend>
            <p class="hint">{t(Msg::RequestOrganisersHint)}</p>
            <For each=move || ids.get() key=|id| *id children=move |id| view! { <Organizer form id /> } />
            {move || if can_add.get() {
                view! { <button type="button" class="button secondary" on:click=add>{t(Msg::RequestAddOrganiser)}</button> }.into_any()
            } else {
                view! { <p class="hint">{t(Msg::RequestFiveOrganisers)}</p> }.into_any()
            }}
        </fieldset>
    }
}

/// The organiser with `id`: their number in the form follows their place in it.
#[component]
fn Organizer(form: Form, id: u32) -> impl IntoView {
    let draft = form.draft;
    let index = Memo::new(move |_| draft.with(|d| d.organizer_index(id)).unwrap_or(0));
    let number = move || index.get() + 1;
    let context = Signal::derive(move || of_organiser(number(), ""));
    let person = move |d: &Draft| d.organizer_index(id).map(|i| d.organizers[i].clone()).unwrap_or_default();
    let (name, on_name) = form.text_of(
        move || Field::OrganizerName(index.get_untracked()),
        move |d| person(d).name,
        move |d, v| {
            if let Some(i) = d.organizer_index(id) {
                d.organizers[i].name = v;
            }
        },
    );
    let (email, on_email) = form.text_of(
        move || Field::OrganizerEmail(index.get_untracked()),
        move |d| person(d).email,
        move |d, v| {
            if let Some(i) = d.organizer_index(id) {
                d.organizers[i].email = v;
            }
        },
    );
    let remove = move |_| {
        let i = index.get_untracked();
        draft.update(|d| {
            d.organizers.remove(i);
        });
        // Messages about organisers would now point at the wrong person.
        form.server_errors
            .update(|e| e.0.retain(|(f, _)| !matches!(f, Field::OrganizerName(_) | Field::OrganizerEmail(_))));
        let before = draft.with_untracked(|d| d.organizers[i.saturating_sub(1).min(d.organizers.len() - 1)].id);
        request_animation_frame(move || {
            focus_by_id(&organizer_input_id(before, "name"), false);
        });
    };
    // Only the first organiser is likely to be the person filling in the form.
    let (name_token, email_token) = if id == 0 { ("name", "email") } else { ("off", "off") };
    view! {
        <fieldset class="organizer">
            <legend>{move || tf(Msg::RequestOrganiser, &[("n", &number().to_string())])}</legend>
            <TextField
                id=organizer_input_id(id, "name")
                label=t(Msg::RequestPersonName)
                context
                value=name
                on_input=on_name
                error=form.error_of(move || Field::OrganizerName(index.get()))
                autocomplete=name_token
            />
            <TextField
                id=organizer_input_id(id, "email")
                label=t(Msg::RequestEmail)
                context
                hint=t(Msg::RequestEmailHint)
                value=email
                on_input=on_email
                error=form.error_of(move || Field::OrganizerEmail(index.get()))
                input_type="email"
                autocomplete=email_token
            />
            <Show when=move || { index.get() > 0 }>
                <button type="button" class="button secondary" on:click=remove>
                    {move || tf(Msg::RequestRemoveOrganiser, &[("n", &number().to_string())])}
                </button>
            </Show>
        </fieldset>
    }
}
