//! "The group": its name, a short description and where people find it already (one
//! optional address per kind of link).

use groups_core::{
    links::LinkKind,
    problem::Problem,
    validate::{Field, DESCRIPTION_MAX},
};
use leptos::prelude::*;

use super::state::Form;
use crate::request::{
    draft::{link_input_id, CALENDAR_HINT},
    fields::TextField,
};

#[component]
pub fn GroupFieldset(form: Form) -> impl IntoView {
    let draft = form.draft;
    let (name, on_name) = form.text(Field::Name, |d| d.name.clone(), |d, v| d.name = v);
    let (description, on_description) =
        form.text(Field::Description, |d| d.description.clone(), |d, v| d.description = v);
    let links = LinkKind::ALL
        .into_iter()
        .enumerate()
        .map(|(slot, kind)| {
            let index = Memo::new(move |_| draft.with(|d| d.sent_link_index(kind)));
            let field = move || index.get().map(Field::LinkUrl);
            let value = Memo::new(move |_| draft.with(|d| d.links.get(slot).cloned().unwrap_or_default()));
            let on_input = Callback::new(move |text: String| {
                if let Some(f) = field() {
                    form.forget_server_error(f);
                }
                draft.update(|d| {
                    if let Some(link) = d.links.get_mut(slot) {
                        *link = text;
                    }
                });
            });
            let error = Signal::derive(move || {
                let i = index.get()?;
                form.errors.with(|e| e.get(Field::LinkUrl(i)).or(e.get(Field::LinkKind(i))).map(Problem::text))
            });
            // The calendar feed is fetched by the portal: say what it is for.
            let hint = (kind == LinkKind::Calendar).then_some(CALENDAR_HINT);
            view! {
                <TextField
                    id=link_input_id(kind)
                    label=kind.label()
                    optional=true
                    hint=hint.map(str::to_owned)
                    value
                    on_input
                    error
                    input_type="url"
                    autocomplete="url"
                />
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>"The group"</legend>
            <TextField
                id="group-name"
                label="Group name"
                hint="For example “OpenStack Leipzig”."
                value=name
                on_input=on_name
                error=form.error(Field::Name)
                autocomplete="off"
            />
            <TextField
                id="description"
                label="Short description"
                hint="Who the group is for and what it will do, in a sentence or two."
                value=description
                on_input=on_description
                error=form.error(Field::Description)
                autocomplete="off"
                rows=4
                max_chars=DESCRIPTION_MAX
            />
            <fieldset class="links">
                <legend>"Links"</legend>
                <p class="hint">"Where people can find the group already, if anywhere. Full addresses, starting with https:// (or http://)."</p>
                {links}
            </fieldset>
        </fieldset>
    }
}
