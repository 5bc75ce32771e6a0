//! "Where the group will meet": the country, the city with its suggested towns (`city.rs`),
//! the place on the map (`point.rs`), the groups that already meet near there (by the pin,
//! else by the town the city names), and how many asked to hear of a group near the town
//! chosen (`interest::count`).

use groups_core::{interest::DEFAULT_RADIUS_KM, markup::country_options, validate::Field};
use leptos::{html, prelude::*};

use super::{
    city::{located, CityField, TOWNS_ASKED},
    point::PointField,
    state::Form,
};
use crate::{
    directory::load::Groups,
    interest::count::InterestCountLine,
    places::suggest::Suggestions,
    request::{
        fields::{described_by, error_line},
        nearby,
        nearby_list::NearbyGroups,
    },
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
            <legend>"Where the group will meet"</legend>
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
    let country = Memo::new(move |_| draft.with(|d| d.country.clone()));
    let select = NodeRef::<html::Select>::new();
    // Options exist only once the select is in the page: set its value from the draft then.
    Effect::new(move |_| {
        let code = country.get();
        if let Some(select) = select.get() {
            select.set_value(&code);
        }
    });
    let country_error = form.error(Field::Country);
    view! {
        <div class="field" class:invalid=move || country_error.with(Option::is_some)>
            <label for="country">"Country"</label>
            {error_line("country", country_error)}
            <select
                id="country"
                name="country"
                autocomplete="country"
                required=true
                node_ref=select
                aria-invalid=move || country_error.with(Option::is_some).then_some("true")
                aria-describedby=described_by("country", false, country_error)
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    draft.update(|d| d.country = code);
                    form.forget_server_error(Field::Country);
                }
                inner_html=country_options()
            ></select>
        </div>
    }
}
