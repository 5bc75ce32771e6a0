//! "Change what you sent": a pending request's group corrected by its organiser (its name,
//! place, description and links), checked by the form's rules as they type and by the server
//! when saved; only what they changed is saved over what is saved now. The organisers' names
//! and addresses stay as sent (mail goes only to addresses that asked for it).

use groups_core::{
    request::GroupDetails,
    request_edit::RequestEditBody,
    validate::{Field, DESCRIPTION_MAX},
};
use groups_i18n::{t, Msg};
use leptos::prelude::*;

use super::{edit_form::EditForm, page::Organiser, point_field::PointField, request_draft::RequestDraft};
use crate::request::fields::{CountrySelect, TextField};

#[component]
pub fn ChangeRequest(group: GroupDetails, page: Organiser, on_cancel: Callback<()>) -> impl IntoView {
    let form = EditForm::<RequestDraft>::new(&page.subject(), &group);
    let draft = form.draft;
    let (name, on_name) = form.text(|d| &d.name, |d, v| d.name = v, Field::Name);
    let (city, on_city) = form.text(|d| &d.city, |d, v| d.city = v, Field::City);
    let (description, on_description) = form.text(|d| &d.description, |d, v| d.description = v, Field::Description);
    let country = Signal::derive(move || draft.with(|d| d.country.clone()));
    let point = Signal::derive(move || draft.with(|d| d.point));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // With the details the edit began from: a save from another tab meanwhile is never undone.
        let body = move |group, base| RequestEditBody { access: page.access.get_value(), group, base: Some(base) };
        form.save(page, "/request", body, t(Msg::OrganiserSavedRequest));
    };
    let cancel = move |_| {
        form.discard();
        on_cancel.run(());
    };
    let busy = page.busy;
    view! {
        <form class="request-form change-request-form" novalidate on:submit=save>
            <h3>{t(Msg::OrganiserChangeSent)}</h3>
            {form.restored_note()}
            <p class="hint">{t(Msg::OrganiserNamesStay)}</p>
            <TextField id="group-name" label=t(Msg::RequestName) value=name on_input=on_name error=form.error(Field::Name) autocomplete="off" />
            <CountrySelect value=country on_change=form.on_change(|d, v| d.country = v, Field::Country) error=form.error(Field::Country) />
            <TextField id="city" label=t(Msg::GroupCity) optional=true hint=t(Msg::OrganiserCityHint)
                value=city on_input=on_city error=form.error(Field::City) autocomplete="address-level2" />
            <PointField marker=None point on_pick=form.on_change(|d, p| d.point = Some(p), Field::Point)
                on_remove=form.on_change(|d, ()| d.point = None, Field::Point) error=form.error(Field::Point) />
            <TextField id="description" label=t(Msg::OrganiserDescription) value=description on_input=on_description
                error=form.error(Field::Description) autocomplete="off" rows=4 max_chars=DESCRIPTION_MAX />
            {form.links_fieldset()}
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || busy.get()>{t(Msg::OrganiserSave)}</button>
                <button type="button" class="button secondary" on:click=cancel>{t(Msg::OrganiserCancel)}</button>
            </div>
        </form>
    }
}
