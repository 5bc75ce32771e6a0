//! "The group": its name, a short description and where people find it already (one
//! optional address per kind of link).

use groups_core::{
    links::LinkKind,
    problem::Problem,
    validate::{Field, DESCRIPTION_MAX},
};
use groups_i18n::{t, Msg};
use leptos::prelude::*;

use super::state::Form;
use crate::request::{draft::link_input_id, fields::TextField};

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
            let hint = (kind == LinkKind::Calendar).then(|| t(Msg::RequestCalendarHint));
            view! {
                <TextField
                    id=link_input_id(kind)
                    label=kind.name()
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
            <legend>{t(Msg::RequestGroup)}</legend>
            <TextField
                id="group-name"
                label=t(Msg::RequestName)
                hint=t(Msg::RequestNameHint)
                value=name
                on_input=on_name
                error=form.error(Field::Name)
                autocomplete="off"
            />
            <TextField
                id="description"
                label=t(Msg::RequestDescription)
                hint=t(Msg::RequestDescriptionHint)
                value=description
                on_input=on_description
                error=form.error(Field::Description)
                autocomplete="off"
                rows=4
                max_chars=DESCRIPTION_MAX
            />
            <fieldset class="links">
                <legend>{t(Msg::GroupLinks)}</legend>
                <p class="hint">{t(Msg::RequestLinksHint)}</p>
                {links}
            </fieldset>
        </fieldset>
    }
}
