//! Managing the listed group: its description, links, city and place on the map, checked by
//! the form's rules as the organiser types and by the server when saved; "Our details are
//! current"; and "Our group has stopped meeting". The name and the country are the staff's.

use groups_core::{
    directory::{GroupRecord, RawRecord, Status},
    organiser::{EditBody, ManagedGroup},
    routes::group_href,
    site::{STAFF_ADDRESS, STAFF_MAILTO},
    validate::{Field, DESCRIPTION_MAX},
};
use groups_i18n::{t, Msg};
use leptos::prelude::*;

use super::{confirm::ConfirmAction, edit::EditDraft, edit_form::EditForm, page::Organiser, point_field::PointField};
use crate::request::fields::TextField;

#[component]
pub fn ManageGroup(group: ManagedGroup, page: Organiser) -> impl IntoView {
    let form = EditForm::<EditDraft>::new(&group.slug, &group.details);
    let draft = form.draft;
    let (city, on_city) = form.text(|d| &d.city, |d, v| d.city = v, Field::City);
    let (description, on_description) = form.text(|d| &d.description, |d, v| d.description = v, Field::Description);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // With the details the edit began from: only what the organiser changed is saved, so
        // a save from another tab (or a co-organiser's) meanwhile is never undone.
        let body = move |group, base| EditBody { access: page.access.get_value(), group, base: Some(base) };
        form.save(page, "/group", body, "Saved: visitors see the new details now.");
    };
    let dirty = move || form.dirty();
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
                    {t(Msg::OrganiserDetailsCurrent)}
                </button>
            </div>
            <form class="request-form manage-form" novalidate on:submit=save>
                <h3>"Change the details"</h3>
                {form.restored_note()}
                <TextField id="city" label="City" optional=true hint="Leave empty for a group of the whole country.".to_owned()
                    value=city on_input=on_city error=form.error(Field::City) autocomplete="address-level2" />
                <PointField marker=listed(&group) point=Signal::derive(move || Some(draft.with(|d| d.point)))
                    on_pick=form.on_change(|d, p| d.point = p, Field::Point) error=form.error(Field::Point) />
                <TextField id="description" label="Description" value=description on_input=on_description
                    error=form.error(Field::Description) autocomplete="off" rows=5 max_chars=DESCRIPTION_MAX />
                {form.links_fieldset()}
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

/// The listed group as its own marker on the map where its organiser moves the pin.
fn listed(group: &ManagedGroup) -> Option<GroupRecord> {
    GroupRecord::check(RawRecord {
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
    })
    .ok()
}
