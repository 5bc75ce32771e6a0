//! The directory's search: a combobox that suggests, as the visitor types, the groups the
//! words find and the places the server knows by that name, together. Choosing a group opens
//! its page; choosing a place (or pressing Enter on words that name one) lists every group by
//! distance from it, and the address says which place by its id (`near=`). The words typed
//! filter the list as before, at every keystroke.

use std::sync::Arc;

use groups_core::filter::{finds_any, Filter};
use groups_i18n::{t, Msg};
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

use super::{
    chosen::Chosen,
    filters::SEARCH_ID,
    model::Directory,
    near::{announcement, entered, field_text, suggested, with_place, Suggested, PLACES_SUGGESTED},
};
use crate::places::{
    book::{Book, Known},
    combobox_view::{Choice, Combobox},
    location::Here,
    suggest::{worth_asking, Suggestions},
};

/// The search field with its suggestions; `matched` are the groups the filters show now (the
/// first of them are suggested), `place` what is known of the address's place.
#[component]
pub fn SearchBox(
    directory: Arc<Directory>,
    chosen: Chosen,
    matched: Memo<Vec<usize>>,
    place: Memo<Option<Known>>,
) -> impl IntoView {
    let filter = chosen.get();
    let book = Book::use_context();
    let here = Here::use_context();
    let suggestions = Suggestions::new(PLACES_SUGGESTED);
    let navigate = StoredValue::new_local(use_navigate());
    let options = Memo::new(move |_| {
        let text = filter.with(|f| f.query.clone());
        if text.trim().is_empty() {
            return Vec::new();
        }
        matched.with(|matched| {
            suggestions.answer.with(|a| suggested(matched, if a.is_for(&text) { &a.places } else { &[] }))
        })
    });
    let choices = {
        let directory = directory.clone();
        Signal::derive(move || options.with(|o| o.iter().map(|s| s.choice(&directory)).collect::<Vec<Choice>>()))
    };
    let announce = Signal::derive(move || {
        let text = filter.with(|f| f.query.trim().to_owned());
        let ready = !worth_asking(&text) || suggestions.answer.with(|a| a.is_for(&text));
        if text.is_empty() || !ready {
            return String::new();
        }
        let groups = options.with(|o| o.iter().filter(|s| matches!(s, Suggested::Group(_))).count());
        let places = options.with(Vec::len) - groups;
        announcement(groups, places)
    });
    let failed = Signal::derive(move || {
        let text = filter.with(|f| f.query.clone());
        suggestions.answer.with(|a| a.failed && a.is_for(&text))
    });

    let choose_place = move |place: &groups_core::places::Place| {
        book.keep(place);
        if here.0.with_untracked(Option::is_some) {
            here.0.set(None);
        }
        chosen.choose(with_place(&filter.get_untracked(), place), false);
        chosen.end_typing();
    };
    let on_input = Callback::new(move |text: String| {
        if here.0.with_untracked(Option::is_some) {
            here.0.set(None);
        }
        let next = Filter { query: text.clone(), near: None, ..filter.get_untracked() };
        chosen.choose(next, true);
        suggestions.ask(&text);
    });
    // Whether the words find any group at all (the whole directory, not the filters' part).
    let whole = StoredValue::new(directory.clone());
    let on_choose = Callback::new(move |i: usize| match options.with_untracked(|o| o.get(i).cloned()) {
        Some(Suggested::Group(g)) => {
            // The search reaches the address first, so Back from the group returns to it.
            chosen.write_now();
            let path = whole.with_value(|d| d.groups[g].path());
            // Whole, in the visitor's language: not resolved against the router's base.
            navigate.with_value(|navigate| navigate(&path, NavigateOptions { resolve: false, ..Default::default() }));
        }
        Some(Suggested::Place(place)) => choose_place(&place),
        None => {}
    });
    // Enter on words: the place they name, once the server has said which places they may be.
    let entering = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let Some(text) = entering.get() else { return };
        let answer = suggestions.answer.get();
        if !answer.is_for(&text) {
            return;
        }
        entering.set(None);
        let finds_groups = whole.with_value(|d| finds_any(&text, &d.groups, &d.keys));
        if let Some(place) = entered(&text, &answer.places, finds_groups) {
            choose_place(&place.clone());
        }
    });
    let on_enter = Callback::new(move |()| {
        chosen.end_typing();
        let text = filter.with_untracked(|f| f.query.trim().to_owned());
        if worth_asking(&text) {
            suggestions.now(&text);
            entering.set(Some(text));
        }
    });

    view! {
        <div class="field search-field">
            <label for=SEARCH_ID>{t(Msg::DirectorySearch)}</label>
            <p class="hint" id="filter-q-hint">{t(Msg::DirectorySearchHint)}</p>
            <Combobox
                id=SEARCH_ID
                value=Signal::derive(move || filter.with(|f| place.with(|p| field_text(f, p.as_ref()))))
                on_input
                choices
                on_choose
                on_enter
                announce
                described_by=Signal::derive(move || {
                    Some(if failed.get() { "filter-q-hint filter-q-note".to_owned() } else { "filter-q-hint".to_owned() })
                })
                on_change=Callback::new(move |()| chosen.end_typing())
            />
            <Show when=move || failed.get()>
                <p class="hint" id="filter-q-note">{t(Msg::DirectoryPlacesUnavailable)}</p>
            </Show>
        </div>
    }
}
