//! "Where the group will meet": the country, the city, the place on the map (`point.rs`),
//! and the groups that already meet near there.

use groups_core::{markup::country_options, validate::Field};
use leptos::{html, prelude::*};

use super::{point::PointField, state::Form};
use crate::{
    directory::load::Groups,
    request::{
        fields::{described_by, error_line, TextField},
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
    let place = Memo::new(move |_| draft.with(|d| (d.country.clone(), d.city.clone(), d.point)));
    let (city, on_city) = form.text(Field::City, |d| d.city.clone(), |d, v| d.city = v);

    view! {
        <fieldset>
            <legend>"Where the group will meet"</legend>
            <CountryField form />
            <TextField id="city" label="City" optional=true hint="Leave empty for a group of the whole country.".to_owned()
                value=city on_input=on_city error=form.error(Field::City) autocomplete="address-level2" />
            <PointField form loaded />
        </fieldset>
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
