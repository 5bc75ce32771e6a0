//! Managing the listed group: its description, links, city and place on the map, checked by
//! the form's rules as the organiser types and by the server when saved; "Our details are
//! current"; and "Our group has stopped meeting". The name and the country are the staff's.

use std::sync::Arc;

use groups_core::{
    directory::{GroupRecord, RawRecord, Status},
    links::LinkKind,
    organiser::{EditBody, ManagedGroup, OrganiserView},
    routes::group_href,
    site::{STAFF_ADDRESS, STAFF_MAILTO},
    validate::{Field, FieldErrors, DESCRIPTION_MAX},
};
use leptos::prelude::*;

use super::{
    api::Failure,
    confirm::ConfirmAction,
    edit::{field_errors, EditDraft},
    page::{call, Organiser, Shown},
};
use crate::{
    directory::model::Directory,
    map::view::{GroupMap, PointPick},
    request::{draft::link_input_id, fields::TextField},
};

#[component]
pub fn ManageGroup(group: ManagedGroup, page: Organiser) -> impl IntoView {
    let draft = RwSignal::new(EditDraft::from_edit(&group.details));
    // Errors show once the organiser tries to save, then follow each keystroke.
    let tried = RwSignal::new(false);
    let server_errors = RwSignal::new(FieldErrors::default());
    let errors = Memo::new(move |_| {
        let mut errors =
            if tried.get() { draft.with(|d| d.check().err().unwrap_or_default()) } else { FieldErrors::default() };
        server_errors.with(|s| errors.0.extend(s.0.iter().cloned()));
        errors
    });
    let error = move |field: Field| Signal::derive(move || errors.with(|e| e.get(field).map(str::to_owned)));
    let text = move |get: fn(&EditDraft) -> &String, set: fn(&mut EditDraft, String), field: Field| {
        let value = Signal::derive(move || draft.with(|d| get(d).clone()));
        let on_input = Callback::new(move |v: String| {
            draft.update(|d| set(d, v));
            server_errors.update(|s| s.0.retain(|(f, _)| *f != field));
        });
        (value, on_input)
    };
    let (city, on_city) = text(|d| &d.city, |d, v| d.city = v, Field::City);
    let (description, on_description) = text(|d| &d.description, |d, v| d.description = v, Field::Description);

    let links = LinkKind::ALL
        .into_iter()
        .enumerate()
        .map(|(slot, kind)| {
            let value = Signal::derive(move || draft.with(|d| d.links[slot].clone()));
            let on_input = Callback::new(move |v: String| {
                draft.update(|d| d.links[slot] = v);
                server_errors.set(FieldErrors::default());
            });
            let link_error = Signal::derive(move || {
                let field = draft.with(|d| d.link_field(kind))?;
                errors.with(|e| e.get(field).map(str::to_owned))
            });
            let hint = (kind == LinkKind::Calendar)
                .then_some("An iCalendar feed (https) of the group's meetings: the portal shows the next ones on the group's page.".to_owned());
            view! {
                <TextField id=link_input_id(kind) label=kind.label() optional=true hint value on_input error=link_error input_type="url" autocomplete="url" />
            }
        })
        .collect_view();

    let saved = EditDraft::from_edit(&group.details);
    let base = group.details.clone();
    let dirty = {
        let saved = saved.clone();
        move || draft.with_untracked(|d| *d != saved)
    };
    let save = {
        let dirty = dirty.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            tried.set(true);
            if draft.with_untracked(|d| d.check()).is_err() {
                page.said.set(Some("Some fields need attention: see the messages by each.".into()));
                focus_first_invalid();
                return;
            }
            if !dirty() {
                page.said.set(Some("Nothing to save: the details are as they were.".into()));
                return;
            }
            // The details as this page showed them: only what the organiser changed is saved, so
            // a save from another tab (or a co-organiser's) meanwhile is never undone.
            let body = EditBody {
                access: page.access.get_value(),
                group: draft.get_untracked().to_edit(),
                base: Some(base.clone()),
            };
            page.run(
                async move {
                    match call::<OrganiserView>("/group", &body).await {
                        Err(Failure::Refused { message, fields }) if !fields.is_empty() => {
                            server_errors.set(field_errors(&fields));
                            focus_first_invalid();
                            Err(Failure::Refused { message, fields })
                        }
                        other => other.map(|v| Shown::View(Box::new(v))),
                    }
                },
                "Saved: visitors see the new details now.",
            );
        }
    };
    // Confirming draws the page anew from what is saved: changes not saved yet would be lost.
    let confirm = move |_| {
        if dirty() {
            page.said.set(Some(
                "You have changes that are not saved: save them first (they count as checked too), or reload the page to drop them."
                    .into(),
            ));
            return;
        }
        page.act("/confirm", "Thank you: the details are marked as checked this month.");
    };
    let busy = Signal::from(page.busy);
    let checked = group.checked.clone().unwrap_or_else(|| "never".into());

    view! {
        <section class="manage-group" aria-labelledby="manage-title">
            <h2 id="manage-title">"Your group: " <a href=group_href(&group.slug) dir="auto">{group.name.clone()}</a></h2>
            <p>
                "The group’s name and its country (" {group.country.clone()} ") are the staff’s to change: write to "
                <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a> " to ask."
            </p>
            <div class="confirm-checked">
                <p>"Details last checked: " <strong>{checked}</strong> "."</p>
                <button type="button" class="button secondary" disabled=move || busy.get() on:click=confirm>
                    "Our details are current"
                </button>
            </div>
            <form class="request-form manage-form" novalidate on:submit=save>
                <h3>"Change the details"</h3>
                <TextField id="city" label="City" optional=true hint="Leave empty for a group of the whole country.".to_owned()
                    value=city on_input=on_city error=error(Field::City) autocomplete="address-level2" />
                <PlaceField group=group.clone() draft error=error(Field::Point) />
                <TextField id="description" label="Description" value=description on_input=on_description
                    error=error(Field::Description) autocomplete="off" rows=5 max_chars=DESCRIPTION_MAX />
                <fieldset>
                    <legend>"Links"</legend>
                    {links}
                </fieldset>
                <button type="submit" class="button" disabled=move || busy.get()>"Save changes"</button>
            </form>
            <div class="close-group">
                <h3>"If the group has stopped meeting"</h3>
                <p>"Take it off the map and the list. Your details are kept 12 months after, then deleted."</p>
                <ConfirmAction
                    label="Our group has stopped meeting"
                    question="Take the group off the directory now? Visitors will no longer find it, and this link stops working."
                    yes="Yes, take it off"
                    on_confirm=Callback::new(move |()| page.finish("/close"))
                    busy
                    danger=true
                />
            </div>
        </section>
    }
}

/// The place on the map, picked as on the new-group form (the group's listed place is its
/// marker; a press anywhere, or Enter under the cross, moves the pin).
#[component]
fn PlaceField(group: ManagedGroup, draft: RwSignal<EditDraft>, error: Signal<Option<String>>) -> impl IntoView {
    let here = GroupRecord::check(RawRecord {
        slug: group.slug.clone(),
        name: group.name.clone(),
        city: None,
        country: group.country_code.clone(),
        lat: group.details.lat,
        lon: group.details.lon,
        status: Status::Official,
        links: Vec::new(),
        description: None,
        checked: None,
    });
    let directory = Arc::new(Directory::new(here.into_iter().collect()));
    let shown = Signal::derive({
        let count = directory.groups.len();
        move || (0..count).collect::<Vec<_>>()
    });
    let picked = Signal::derive(move || Some(draft.with(|d| d.point)));
    let on_pick = Callback::new(move |(lat, lon): (f64, f64)| {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        draft.update(|d| d.point = (round(lat), round(lon)));
    });
    view! {
        <div class="field point-field">
            <p class="label" id="point-label">"Place on the map"</p>
            <p class="hint" id="point-hint">
                "Click the map where the group meets. With a keyboard: focus the map, move it with the "
                "arrow keys, zoom with + and −, and press Enter to put the pin under the cross."
            </p>
            {crate::request::fields::error_line("point", error)}
            <GroupMap directory shown max_fit_zoom=8.0 label="Map: pick the place where the group meets"
                pick=PointPick { picked, on_pick } quiet_markers=true />
            <p class="point" aria-live="polite">
                {move || draft.with(|d| format!("The pin is at {:.2}, {:.2}.", d.point.0, d.point.1))}
            </p>
        </div>
    }
}

/// Moves focus to the first field the rules refused, once it is drawn, so its message (above
/// it) is in sight on a small screen and read out.
fn focus_first_invalid() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let first = document().query_selector(".manage-form [aria-invalid=true]").ok().flatten();
        if let Some(field) = first.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = field.focus();
        }
    });
}
