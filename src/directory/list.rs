//! The list of groups: the complete keyboard and screen-reader alternative to the map.

use std::sync::Arc;

use groups_i18n::{tn, Msg};
use leptos::{ev, prelude::*};

use groups_core::{markup::list_item_at, meetings::MeetingsFile};

use super::model::Directory;
use crate::components::dom::{index_at, mark_index};

/// How many groups the list shows before "Show more": enough for any region of the sample
/// (Europe has 34), few enough that a filter change with thousands of groups is painted within
/// a frame. Rendering the list is most of that frame: 100 items cost about 4 ms more than 36
/// (`cargo xtask bench`; headless Chromium on the 2-core machine).
pub const PAGE: usize = 36;

/// One item per shown group (up to the current page), each a link to the group's page.
#[component]
pub fn GroupList(
    directory: Arc<Directory>,
    /// For each group's next meeting.
    meetings: Arc<MeetingsFile>,
    #[prop(into)] shown: Signal<Vec<usize>>,
    /// The group highlighted here and on the map.
    highlight: RwSignal<Option<usize>>,
    /// How many of them the list shows ([`PAGE`] at first, more on request).
    limit: RwSignal<usize>,
    /// Each shown group's distance from the place chosen, in `shown`'s order ("85 km away").
    #[prop(optional, into)]
    distances: Option<Signal<Option<Arc<Vec<String>>>>>,
) -> impl IntoView {
    let hidden = move || shown.with(Vec::len).saturating_sub(limit.get());
    let list = NodeRef::<leptos::html::Ul>::new();
    // One set of listeners on the list rather than four on every item.
    let hover = move |target: Option<web_sys::EventTarget>| {
        if let Some(index) = index_at(target, "li[data-index]") {
            highlight.set(Some(index));
        }
    };
    // The highlighted item is marked directly in the DOM: one update per change instead of
    // a reactive class on every item.
    Effect::new(move |previous: Option<Option<usize>>| {
        let current = highlight.get();
        if let Some(ul) = list.get_untracked() {
            for (i, on) in [(previous.flatten(), false), (current, true)] {
                if let Some(i) = i {
                    mark_index(&ul, i, "highlight", on);
                }
            }
        }
        current
    });
    // The page of items is written as one HTML string: creating a hundred items node by
    // node took most of a frame. The markup is groups-core's, escaped, the server's too.
    let html = move || {
        let distances = distances.and_then(|d| d.get());
        shown.with(|s| {
            s.iter()
                .take(limit.get())
                .enumerate()
                .map(|(at, &i)| {
                    let group = &directory.groups[i];
                    let distance = distances.as_ref().and_then(|d| d.get(at)).map(String::as_str);
                    list_item_at(i, group, meetings.next_date(&group.slug), distance)
                })
                .collect::<String>()
        })
    };
    view! {
        <ul
            class="group-list"
            node_ref=list
            inner_html=html
            on:mouseover=move |ev: ev::MouseEvent| hover(ev.target())
            on:mouseout=move |_| highlight.set(None)
            on:focusin=move |ev: ev::FocusEvent| hover(ev.target())
            on:focusout=move |_| highlight.set(None)
        ></ul>
        <Show when=move || { hidden() > 0 }>
            <button type="button" class="button secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                {move || tn(Msg::MeetingsShowMore, hidden().min(PAGE) as u64, &[])}
            </button>
        </Show>
    }
}
