//! The card a single group's marker opens: the group's name and place, its next meeting when
//! it has one, and a link to its page.

use std::sync::Arc;

use groups_i18n::{t, tf, Msg};
use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

use crate::{directory::model::Directory, meetings::load::Meetings};

/// The card of `directory.groups[index]`; `open` is the map's open card, `container` the map.
#[component]
pub fn MapCard(
    directory: Arc<Directory>,
    index: usize,
    open: RwSignal<Option<usize>>,
    container: NodeRef<html::Div>,
) -> impl IntoView {
    let group = directory.groups[index].clone();
    let link = NodeRef::<html::A>::new();
    // The meetings are loaded by the pages that show a map with cards (and by the card, on
    // the form's map); a card opened before they come shows the date once they do.
    let meetings = Meetings::use_context();
    let slug = group.slug.clone();
    let next = move || {
        let file = meetings.0.get()?.ok()?;
        let date = file.next_date(&slug)?;
        let line = tf(Msg::MeetingsThen, &[("first", t(Msg::MapNextMeeting)), ("second", &date.to_string())]);
        Some(view! { <p class="map-card-next">{line}</p> })
    };
    // Move focus into the card so keyboard users can follow the link at once.
    Effect::new(move |_| {
        if let Some(a) = link.get() {
            let _ = a.focus();
        }
    });
    let close = move || {
        open.set(None);
        // Return focus to the marker that opened the card.
        let marker = container
            .get_untracked()
            .and_then(|c| c.query_selector(&format!("button.marker[data-index='{index}']")).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(marker) = marker {
            let _ = marker.focus();
        }
    };
    view! {
        <div
            class="map-card"
            role="group"
            aria-label=group.name.clone()
            on:keydown=move |ev: ev::KeyboardEvent| {
                ev.stop_propagation();
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <p class="map-card-title">{group.name.clone()}</p>
            <p>{group.place()}</p>
            {next}
            <a href=group.path() node_ref=link>{t(Msg::MapOpenGroup)}</a>
            <button type="button" class="map-card-close" aria-label=t(Msg::MapClose) on:click=move |_| close()>"×"</button>
        </div>
    }
}
