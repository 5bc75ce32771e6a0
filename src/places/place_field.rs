//! A field to choose a place by name, with the server's places suggested as the visitor types
//! (`/meetings`' "Near"). Choosing one hands it to the page; emptying the field lets go of it.

use groups_core::places::Place;
use leptos::prelude::*;

use groups_i18n::{t, tn, Msg};

use super::{
    combobox_view::{Choice, Combobox},
    suggest::{worth_asking, Suggestions},
};

/// How many places are suggested.
const SUGGESTED: usize = 6;

/// A labelled place field; `chosen` is the place chosen now (its label fills the field).
#[component]
pub fn PlaceField(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    #[prop(into)] chosen: Signal<Option<Place>>,
    on_place: Callback<Option<Place>>,
) -> impl IntoView {
    let suggestions = Suggestions::new(SUGGESTED);
    let text = RwSignal::new(String::new());
    // The place chosen (here, by Back, by a link) is what the field says.
    Effect::new(move |_| text.set(chosen.with(|p| p.as_ref().map(Place::label).unwrap_or_default())));
    let places = Memo::new(move |_| {
        let typed = text.get();
        suggestions.answer.with(|a| if a.is_for(&typed) { a.places.clone() } else { Vec::new() })
    });
    let choices = Signal::derive(move || {
        places.with(|p| {
            p.iter()
                .map(|p| Choice {
                    text: p.name.clone(),
                    detail: crate::directory::near::place_detail(p),
                    section: t(Msg::PlacePlaces),
                })
                .collect::<Vec<_>>()
        })
    });
    let announce = Signal::derive(move || {
        let typed = text.get();
        if !worth_asking(&typed) || !suggestions.answer.with(|a| a.is_for(&typed)) {
            return String::new();
        }
        match places.with(Vec::len) {
            0 => t(Msg::PlaceNoSuggestions).to_owned(),
            n => tn(Msg::PlacePlacesSuggested, n as u64, &[]),
        }
    });
    let on_input = Callback::new(move |typed: String| {
        text.set(typed.clone());
        suggestions.ask(&typed);
        if typed.trim().is_empty() {
            on_place.run(None);
        }
    });
    let on_choose = Callback::new(move |i: usize| {
        if let Some(place) = places.with_untracked(|p| p.get(i).cloned()) {
            on_place.run(Some(place));
        }
    });
    let on_enter = Callback::new(move |()| {
        let typed = text.get_untracked();
        let place = places.with_untracked(|p| crate::directory::near::entered(&typed, p, false).cloned());
        if let Some(place) = place {
            on_place.run(Some(place));
        }
    });
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field search-field">
            <label for=id>{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <Combobox id value=text on_input choices on_choose on_enter announce described_by=hint_id />
            <Show when=move || suggestions.answer.with(|a| a.failed)>
                <p class="hint">{t(Msg::PlaceUnavailable)}</p>
            </Show>
        </div>
    }
}
