//! Managing the listed group: its description, links, city and place on the map, checked by
//! the form's rules as the organiser types and by the server when saved; "Our details are
//! current"; and "Our group has stopped meeting". The name and the country are the staff's.

use groups_core::{
    directory::{GroupRecord, RawRecord, Status},
    organiser::{EditBody, ManagedGroup},
    routes::group_href,
    site::{STAFF_ADDRESS, STAFF_MAILTO},
    validate::{Field, DESCRIPTION_MAX},
    when::Day,
};
use groups_i18n::{around, catalogue::fill, t, Msg};
use leptos::prelude::*;

use super::{confirm::ConfirmAction, edit::EditDraft, edit_form::EditForm, page::Organiser, point_field::PointField};
use crate::{components::sentence::Sentence, request::fields::TextField};

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
        form.save(page, "/group", body, t(Msg::OrganiserSavedGroup));
    };
    let dirty = move || form.dirty();
    // Confirming draws the page anew from what is saved: changes not saved yet would be lost.
    let confirm = move |_| {
        if dirty() {
            page.said.set(Some(t(Msg::OrganiserUnsavedFirst).to_owned()));
            return;
        }
        page.act("/confirm", t(Msg::OrganiserCheckedThanks));
    };
    let busy = Signal::from(page.busy);
    let checked = group
        .checked
        .and_then(|m| Day::new(i32::from(m.year), m.month, 1))
        .map_or_else(|| t(Msg::OrganiserNever).to_owned(), Day::month_year);
    let (page_href, name) = (group_href(&group.slug), group.name.clone());
    // The country by its name in the page's language (the server's is English's).
    let country = groups_core::regions::country(&group.country_code)
        .map_or_else(|| group.country.clone(), |c| c.local_name().to_owned());

    view! {
        <section class="manage-group" aria-labelledby="manage-title">
            <h2 id="manage-title">
                <Sentence msg=Msg::OrganiserYourGroup>
                    <a href=page_href dir="auto">{name}</a>
                </Sentence>
            </h2>
            <p>
                {
                    let (before, after) = around(t(Msg::OrganiserStaffsToChange), "address");
                    let country = [("country", country.as_str())];
                    view! { {fill(before, &country)} <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a> {fill(after, &country)} }
                }
            </p>
            <div class="confirm-checked">
                <p>
                    <Sentence msg=Msg::OrganiserLastChecked placeholder="month">
                        <strong>{checked}</strong>
                    </Sentence>
                </p>
                <button type="button" class="button secondary" disabled=move || busy.get() on:click=confirm>
                    {t(Msg::OrganiserDetailsCurrent)}
                </button>
            </div>
            <form class="request-form manage-form" novalidate on:submit=save>
                <h3>{t(Msg::OrganiserChangeDetails)}</h3>
                {form.restored_note()}
                <TextField id="city" label=t(Msg::GroupCity) optional=true hint=t(Msg::OrganiserCityHint)
                    value=city on_input=on_city error=form.error(Field::City) autocomplete="address-level2" />
                <PointField marker=listed(&group) point=Signal::derive(move || Some(draft.with(|d| d.point)))
                    on_pick=form.on_change(|d, p| d.point = p, Field::Point) error=form.error(Field::Point) />
                <TextField id="description" label=t(Msg::OrganiserDescription) value=description on_input=on_description
                    error=form.error(Field::Description) autocomplete="off" rows=5 max_chars=DESCRIPTION_MAX />
                {form.links_fieldset()}
                <button type="submit" class="button" disabled=move || busy.get()>{t(Msg::OrganiserSave)}</button>
            </form>
            <div class="close-group">
                <h3>{t(Msg::OrganiserStopped)}</h3>
                <p>{t(Msg::OrganiserStoppedText)}</p>
                <ConfirmAction
                    label=t(Msg::OrganiserClose)
                    question=t(Msg::OrganiserCloseQuestion)
                    yes=t(Msg::OrganiserCloseYes)
                    on_confirm=Callback::new(move |()| page.finish("/close", t(Msg::OrganiserClosedThanks)))
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
