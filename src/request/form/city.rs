//! The City field: the places search's towns suggested as the visitor types (those of the
//! country chosen first). Choosing one sets the city, the country and the point on the map
//! (the pin can still be moved); a city typed and not chosen is still located, when the search
//! knows a town of that name in the chosen country, for the nearby check (`located`).

use groups_core::{
    places::{Place, PlaceKind},
    validate::Field,
};
use groups_i18n::{t, tn, Msg};
use leptos::prelude::*;

use super::state::Form;
use crate::{
    places::{
        combobox_view::{Choice, Combobox},
        suggest::{worth_asking, Suggestions},
    },
    request::fields::{described_by, error_line},
};

/// How many towns the server is asked for (the popup shows those, the country's first). The
/// search is not narrowed by the country chosen: a visitor who chose another country first
/// still finds their town, and choosing it sets its country.
pub const TOWNS_ASKED: usize = 10;

/// The towns among `places`, those of the country `code` first.
pub fn towns(places: &[Place], code: &str) -> Vec<Place> {
    let towns = places.iter().filter(|p| p.kind == PlaceKind::City);
    towns.clone().filter(|p| p.country == code).chain(towns.filter(|p| p.country != code)).cloned().collect()
}

/// Where the city typed is, when the search found a town of that name in the country chosen.
pub fn located(places: &[Place], city: &str, code: &str) -> Option<(f64, f64)> {
    places
        .iter()
        .find(|p| p.kind == PlaceKind::City && p.country == code && p.is_named_by(city))
        .map(|p| (p.lat, p.lon))
}

/// The City field; `suggestions` are its places (the nearby check reads them too).
#[component]
pub fn CityField(form: Form, suggestions: Suggestions) -> impl IntoView {
    let draft = form.draft;
    let (city, on_city) = form.text(Field::City, |d| d.city.clone(), |d, v| d.city = v);
    let code = Memo::new(move |_| draft.with(|d| d.country.clone()));
    let asked = Memo::new(move |_| city.get().trim().to_owned());
    let options = Memo::new(move |_| {
        let asked = asked.get();
        suggestions.answer.with(|a| if a.is_for(&asked) { towns(&a.places, &code.get()) } else { Vec::new() })
    });
    let choices = Signal::derive(move || {
        options.with(|o| {
            o.iter()
                .map(|p| Choice { text: p.name.clone(), detail: p.beyond_name(), section: t(Msg::RequestTowns) })
                .collect::<Vec<_>>()
        })
    });
    let announce = Signal::derive(move || {
        let asked = asked.get();
        if !worth_asking(&city.get()) || !suggestions.answer.with(|a| a.is_for(&asked)) {
            return String::new();
        }
        match options.with(Vec::len) {
            0 => t(Msg::PlaceNoSuggestions).to_owned(),
            n => tn(Msg::RequestTownsSuggested, n as u64, &[]),
        }
    });
    // Asked as typed, and at once for a city already in a restored draft (for the nearby check).
    Effect::new(move |_| suggestions.ask(&asked.get()));
    let on_input = Callback::new(move |text: String| on_city.run(text));
    let choose = move |place: &Place| {
        draft.update(|d| d.choose_place(place));
        form.chosen.set(Some(place.clone()));
        for field in [Field::City, Field::Country, Field::Point] {
            form.forget_server_error(field);
        }
    };
    let on_choose = Callback::new(move |i: usize| {
        if let Some(place) = options.with_untracked(|o| o.get(i).cloned()) {
            choose(&place);
        }
    });
    // Enter on a town's whole name chooses it; it never sends the form from here.
    let on_enter = Callback::new(move |()| {
        let typed = city.get_untracked();
        if let Some(place) = options.with_untracked(|o| o.iter().find(|p| p.is_named_by(&typed)).cloned()) {
            choose(&place);
        }
    });
    let error = form.error(Field::City);
    let described = described_by("city", true, error);
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for="city">{t(Msg::GroupCity)} <span class="optional">{t(Msg::RequestOptional)}</span></label>
            <p class="hint" id="city-hint">{t(Msg::RequestCityHint)}</p>
            {error_line("city", error)}
            <Combobox
                id="city"
                value=city
                on_input
                choices
                on_choose
                on_enter
                announce
                autocomplete="address-level2"
                described_by=Signal::derive(described)
                invalid=Signal::derive(move || error.with(Option::is_some).then_some("true"))
            />
            <Show when=move || suggestions.answer.with(|a| a.failed && a.is_for(&asked.get()))>
                <p class="hint">{t(Msg::RequestTownsUnavailable)}</p>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn town(id: &str, name: &str, country: &str, lat: f64) -> Place {
        Place {
            id: id.into(),
            kind: PlaceKind::City,
            name: name.into(),
            matched: None,
            state: None,
            state_code: None,
            country: country.into(),
            country_name: String::new(),
            lat,
            lon: 0.0,
            population: 100_000,
        }
    }

    #[test]
    fn the_country_chosen_comes_first() {
        let places = [
            town("1", "Cambridge", "GB", 52.2),
            Place { kind: PlaceKind::Country, ..town("2", "Cambodia", "KH", 12.0) },
            town("3", "Cambridge", "US", 42.37),
        ];
        let ids: Vec<String> = towns(&places, "US").into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["3", "1"], "towns only, the country's first");
        assert_eq!(located(&places, "cambridge", "US"), Some((42.37, 0.0)));
        assert_eq!(located(&places, "Camb", "US"), None, "a name begun is not located");
        assert_eq!(located(&places, "Cambridge", "FR"), None, "nor one of another country");
    }
}
