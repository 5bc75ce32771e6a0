//! The combobox in the page: a text field (`role="combobox"`) with its popup of options
//! (`role="listbox"`, in named groups), the active option named by `aria-activedescendant`
//! while focus stays in the field, and a status region that says how many options came. The
//! state and the keys are `combobox.rs`'s; what the options are and what choosing one does
//! belong to the field that uses it.

use leptos::{ev, prelude::*};

use super::combobox::{Combobox as State, Key, Outcome};
use crate::components::dom::index_at;

/// One option of the popup.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// What it says: "Leipzig".
    pub text: String,
    /// Beside it, quieter: "Germany", "Maine, United States", "Berlin, Germany".
    pub detail: String,
    /// The name of its group of options ("Groups", "Places").
    pub section: &'static str,
}

/// The id of option `i` of the combobox `id`.
fn option_id(id: &str, i: usize) -> String {
    format!("{id}-option-{i}")
}

/// A text field that suggests `choices` as the visitor types.
#[component]
pub fn Combobox(
    id: &'static str,
    /// What the field shows.
    #[prop(into)]
    value: Signal<String>,
    /// The visitor typed.
    on_input: Callback<String>,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    /// The option at this position was chosen (Enter on it, or a click).
    on_choose: Callback<usize>,
    /// Enter with no option active: the text as typed.
    on_enter: Callback<()>,
    /// What the status region says of the choices ("3 suggestions: …").
    #[prop(into)]
    announce: Signal<String>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] described_by: MaybeProp<String>,
    #[prop(optional, into)] invalid: MaybeProp<&'static str>,
    /// The field was left with its text changed (the browser's `change`).
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let state = RwSignal::new(State::default());
    // The popup opens for choices that answer the visitor's typing, not for choices that
    // change because something was chosen or the field was left.
    let typing = StoredValue::new(false);
    Effect::new(move |_| {
        let len = choices.with(Vec::len);
        state.update(|s| s.options(len, typing.get_value()));
    });
    let list_id = format!("{id}-list");
    let choose = move |i: usize| {
        typing.set_value(false);
        state.update(State::close);
        on_choose.run(i);
    };
    let on_key = move |ev: ev::KeyboardEvent| {
        let Some(key) = Key::of(&ev.key()) else { return };
        let Some(outcome) = state.try_update(|s| s.key(key)) else { return };
        match outcome {
            Outcome::Ignored => {}
            Outcome::Moved => {
                ev.prevent_default();
                if let Some(i) = state.with_untracked(|s| s.active) {
                    scroll_into_view(&option_id(id, i));
                }
            }
            Outcome::Choose(i) => {
                ev.prevent_default();
                choose(i);
            }
            Outcome::EnterText => {
                ev.prevent_default();
                typing.set_value(false);
                on_enter.run(());
            }
            Outcome::Clear => {
                if !value.with_untracked(String::is_empty) {
                    ev.prevent_default();
                    on_input.run(String::new());
                }
            }
        }
    };
    let on_click = move |ev: ev::MouseEvent| {
        if let Some(i) = index_at(ev.target(), "[role=option]") {
            choose(i);
        }
    };
    let options = move || {
        let active = state.with(|s| s.active);
        let choices = choices.get();
        let mut sections: Vec<(&'static str, Vec<AnyView>)> = Vec::new();
        for (i, choice) in choices.into_iter().enumerate() {
            let option = view! {
                <div
                    role="option"
                    id=option_id(id, i)
                    data-index=i.to_string()
                    class="combobox-option"
                    class:active=active == Some(i)
                    aria-selected=if active == Some(i) { "true" } else { "false" }
                >
                    <span class="combobox-text">{choice.text}</span>
                    " "
                    <span class="combobox-detail">{choice.detail}</span>
                </div>
            }
            .into_any();
            match sections.last_mut() {
                Some((section, options)) if *section == choice.section => options.push(option),
                _ => sections.push((choice.section, vec![option])),
            }
        }
        sections
            .into_iter()
            .map(|(section, options)| {
                view! {
                    <div role="group" aria-label=section>
                        <div class="combobox-section" aria-hidden="true">{section}</div>
                        {options}
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <div class="combobox">
            <input
                id=id
                name=id
                // Not `search`: that type's role is `searchbox`, which HTML does not let be a
                // combobox (the Nu Html Checker refuses `type="search" role="combobox"`).
                type="text"
                dir="auto"
                role="combobox"
                aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded=move || if state.with(|s| s.open) { "true" } else { "false" }
                aria-activedescendant=move || state.with(|s| s.active.filter(|_| s.open)).map(|i| option_id(id, i))
                aria-describedby=move || described_by.get()
                aria-invalid=move || invalid.get()
                autocomplete=autocomplete
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| {
                    typing.set_value(true);
                    state.update(State::typed);
                    on_input.run(event_target_value(&ev));
                }
                on:keydown=on_key
                on:blur=move |_| {
                    typing.set_value(false);
                    state.update(State::close);
                }
                on:change=move |_| {
                    if let Some(on_change) = on_change {
                        on_change.run(());
                    }
                }
            />
            <div
                id=list_id
                role="listbox"
                aria-label=groups_i18n::t(groups_i18n::Msg::PlaceSuggestions)
                class="combobox-list"
                hidden=move || !state.with(|s| s.open)
                // A press on an option keeps the focus in the field: the choice is made on click.
                on:mousedown=|ev: ev::MouseEvent| ev.prevent_default()
                on:click=on_click
            >
                {options}
            </div>
            <p class="visually-hidden" role="status">{move || announce.get()}</p>
        </div>
    }
}

/// Brings the option with `id` into the popup's view (the list may scroll).
fn scroll_into_view(id: &str) {
    if let Some(option) = document().get_element_by_id(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        option.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
