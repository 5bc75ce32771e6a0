//! "Where the group will meet": the country, the city with its suggested towns (`city.rs`),
//! the place on the map (`point.rs`), the groups that already meet near there (by the pin,
//! else by the town the city names), and how many asked to hear of a group near the town
//! chosen (`interest::count`).

use groups_core::{interest::DEFAULT_RADIUS_KM, validate::Field};
use groups_i18n::{t, Msg};
use leptos::prelude::*;

use super::{
    city::{located, CityField, TOWNS_ASKED},
    point::PointField,
    state::Form,
};
use crate::{
    directory::load::Groups,
    interest::count::InterestCountLine,
    places::suggest::Suggestions,
    request::{fields::CountrySelect, nearby, nearby_list::NearbyGroups},
};

#[component]
pub fn WhereFieldset(form: Form) -> impl IntoView {
    let draft = form.draft;
    // The groups of the map and the nearby check (the form started loading them).
    let groups = Groups::use_context();
    let loaded = Signal::derive(move || groups.0.get().and_then(Result::ok));
    let suggestions = Suggestions::new(TOWNS_ASKED);
    // The city typed, where the search found it in the country chosen: the nearby check's point
    // when there is no pin.
    let located = Memo::new(move |_| {
        draft.with(|d| {
            suggestions.answer.with(|a| a.is_for(&d.city).then(|| located(&a.places, &d.city, &d.country)).flatten())
        })
    });
    let place = Memo::new(move |_| draft.with(|d| (d.country.clone(), d.city.clone(), d.point.or(located.get()))));
    // How many asked to hear of a group near the place chosen, while the draft names it.
    let interested = Memo::new(move |_| {
        form.chosen.with(|c| c.as_ref().filter(|p| draft.with(|d| d.names(p))).map(|p| (p.id.clone(), p.label())))
    });

    view! {
        <fieldset>
            <legend>{t(Msg::RequestWhere)}</legend>
            <CountryField form />
            {move || form.arrived.get().map(|said| view! { <p class="note" role="status">{said}</p> })}
            <CityField form suggestions />
            <PointField form loaded />
        </fieldset>
        <InterestCountLine place=interested radius_km=DEFAULT_RADIUS_KM />
        {move || loaded.get().map(|directory| {
            let groups = directory.clone();
            let near = Signal::derive(move || place.with(|(country, city, point)| nearby::near(&groups.groups, country, city, *point)));
            view! { <NearbyGroups directory near /> }
        })}
    }
}

/// The country, chosen from every country the rules know, sorted by name as people read it
/// (the options are one text: `markup::country_options`).
#[component]
fn CountryField(form: Form) -> impl IntoView {
    let draft = form.draft;
    let value = Signal::derive(move || draft.with(|d| d.country.clone()));
    let on_change = Callback::new(move |code: String| {
        draft.update(|d| d.country = code);
        form.forget_server_error(Field::Country);
    });
    view! { <CountrySelect value on_change error=form.error(Field::Country) /> }
}
