//! "Organisers": one to five people, each with a name and an email address; focus follows
//! an organiser added or removed.

use groups_core::validate::Field;
use leptos::prelude::*;

use super::state::Form;
use crate::{
    request::{
        draft::{organizer_input_id, Draft, Person},
        fields::TextField,
    },
    shell::focus::focus_by_id,
};

#[component]
pub fn OrganizersFieldset(form: Form) -> impl IntoView {
    let draft = form.draft;
    let count = Memo::new(move |_| draft.with(|d| d.organizers.len()));
    let can_add = Memo::new(move |_| draft.with(Draft::can_add_organizer));
    let add = move |_| {
        draft.update(|d| d.organizers.push(Person::default()));
        let id = organizer_input_id(count.get_untracked() - 1, "name");
        request_animation_frame(move || {
            focus_by_id(&id, false);
        });
    };
    let remove = move |i: usize| {
        draft.update(|d| {
            d.organizers.remove(i);
        });
        // Messages about organisers would now point at the wrong person.
        form.server_errors
            .update(|e| e.0.retain(|(f, _)| !matches!(f, Field::OrganizerName(_) | Field::OrganizerEmail(_))));
        let id = organizer_input_id(i.saturating_sub(1), "name");
        request_animation_frame(move || {
            focus_by_id(&id, false);
        });
    };
    let person = move |i: usize| {
        let context = format!("Organiser {}: ", i + 1);
        let (name, on_name) = form.text(
            Field::OrganizerName(i),
            move |d| d.organizers.get(i).map(|p| p.name.clone()).unwrap_or_default(),
            move |d, v| {
                if let Some(p) = d.organizers.get_mut(i) {
                    p.name = v;
                }
            },
        );
        let (email, on_email) = form.text(
            Field::OrganizerEmail(i),
            move |d| d.organizers.get(i).map(|p| p.email.clone()).unwrap_or_default(),
            move |d, v| {
                if let Some(p) = d.organizers.get_mut(i) {
                    p.email = v;
                }
            },
        );
        // Only the first organiser is likely to be the person filling in the form.
        let (name_token, email_token) = if i == 0 { ("name", "email") } else { ("off", "off") };
        view! {
            <fieldset class="organizer">
                <legend>{format!("Organiser {}", i + 1)}</legend>
                <TextField
                    id=organizer_input_id(i, "name")
                    label="Name"
                    context=context.clone()
                    value=name
                    on_input=on_name
                    error=form.error(Field::OrganizerName(i))
                    autocomplete=name_token
                />
                <TextField
                    id=organizer_input_id(i, "email")
                    label="Email"
                    context=context.clone()
                    hint="We write to this address about the request. It is never published."
                    value=email
                    on_input=on_email
                    error=form.error(Field::OrganizerEmail(i))
                    input_type="email"
                    autocomplete=email_token
                />
                {(i > 0).then(|| view! {
                    <button type="button" class="button secondary" on:click=move |_| remove(i)>
                        {format!("Remove organiser {}", i + 1)}
                    </button>
                })}
            </fieldset>
        }
    };
    view! {
        <fieldset>
            <legend>"Organisers"</legend>
            <p class="hint">"At least one and at most five people who will run the group."</p>
            {move || (0..count.get()).map(person).collect_view()}
            {move || if can_add.get() {
                view! { <button type="button" class="button secondary" on:click=add>"Add another organiser"</button> }.into_any()
            } else {
                view! { <p class="hint">"Five organisers is the most a request can name."</p> }.into_any()
            }}
        </fieldset>
    }
}
