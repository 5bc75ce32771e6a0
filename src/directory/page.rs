//! `/groups`: the directory of user groups, filtered by the URL's query.

use std::sync::Arc;

use groups_core::{
    filter::{apply, Filter},
    routes::{href, route, Page},
    viewport::View,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{
    chosen::Chosen,
    filters::{Filters, SEARCH_ID},
    list::{GroupList, PAGE},
    model::Directory,
    place::{Place, Places},
};
use crate::{
    components::noscript::ServerNoScript,
    map::view::GroupMap,
    meetings::{
        clock,
        failed::MeetingsFailed,
        state::{Known, WithMeetings},
    },
    shell::{focus::focus_by_id, history::History, lazy::lazy_route, title::PageTitle},
};

lazy_route!(
    /// The `/groups` route: its view comes in a chunk of its own in a split build.
    GroupsRoute,
    groups_view,
    GroupsPage
);

/// The groups directory.
#[component]
pub fn GroupsPage() -> impl IntoView {
    view! {
        <PageTitle text=route(Page::Groups).title />
        <div class="page directory">
            <h1>"User groups"</h1>
            <p class="lead">
                "User groups meet in cities around the world. If none meets near you yet, "
                <a href=href(Page::NewGroup)>"ask to start one"</a> "."
            </p>
            <ServerNoScript />
            <WithMeetings render={|directory, known| view! { <DirectoryView directory known /> }} />
        </div>
    }
}

#[component]
fn DirectoryView(directory: Arc<Directory>, known: Known) -> impl IntoView {
    let location = use_location();
    let chosen = Chosen::new(Page::Groups);
    let filter = chosen.get();
    // The groups that meet in the next 30 days, as the visitor's clock has it.
    let soon = Arc::new(known.file.soon(clock::now()));
    let shown = {
        let (directory, soon) = (directory.clone(), soon.clone());
        Memo::new(move |_| filter.with(|f| apply(f, &directory.groups, &directory.keys, &soon)))
    };
    let total = directory.groups.len();
    let highlight = RwSignal::new(None::<usize>);
    // Choosing a region fits the map to it; typing a search leaves the map where it is.
    let region = Signal::derive(move || filter.with(|f| f.region.map(|r| r.slug()).unwrap_or_default().to_string()));

    // Back from a group's page finds the list as long as it was and the map where it was.
    let places = Places::use_context();
    // Keyed by the filter shown, which reaches the address a frame later (`chosen.rs`).
    let groups = href(Page::Groups);
    let address = {
        let groups = groups.clone();
        move || filter.with_untracked(|f| f.href_at(&groups))
    };
    let restored = History::use_context().filter(|h| h.traversed()).and_then(|_| places.get(&address()));
    let limit = RwSignal::new(restored.map_or(PAGE, |p| p.limit));
    let view = RwSignal::new(restored.map_or(View::WORLD, |p| p.view));
    Effect::new(move |_| {
        let place = Place { limit: limit.get(), view: view.get() };
        filter.track();
        // Leaving for another page changes the address before this view goes.
        if location.pathname.get_untracked() == groups {
            places.set(address(), place);
        }
    });

    view! {
        <MeetingsFailed known=known.clone() />
        <Filters directory=directory.clone() chosen soon calendars=!known.file.groups.is_empty() />
        <p class="result-count" role="status" aria-live="polite">
            {move || match shown.with(Vec::len) {
                n if n == total => format!("Showing all {total} groups"),
                1 => format!("Showing 1 of {total} groups"),
                n => format!("Showing {n} of {total} groups"),
            }}
        </p>
        <div class="directory-body">
            <div class="directory-map">
                // Thirty markers are thirty Tab stops: keyboard users may pass them by.
                <a class="skip-map" href=format!("#{LIST_HEADING_ID}") on:click=skip_map>"Skip the map"</a>
                <GroupMap
                    directory=directory.clone()
                    shown
                    highlight
                    fit_on=region
                    max_fit_zoom=FIT_ZOOM
                    view
                    fit_first=restored.is_none()
                />
            </div>
            <div class="directory-list">
                <h2 class="visually-hidden" id=LIST_HEADING_ID tabindex="-1">"The groups, as a list"</h2>
                <Show
                    when=move || shown.with(|s| !s.is_empty())
                    fallback=move || view! { <NoMatch chosen /> }
                >
                    <GroupList directory=directory.clone() meetings=known.file.clone() shown highlight limit />
                </Show>
            </div>
        </div>
    }
}

/// The list's heading: where "Skip the map" leads.
const LIST_HEADING_ID: &str = "group-list-heading";
/// How far choosing a region or country may zoom the map in: a country's group is shown
/// within its country, not as a grey blob at street level.
const FIT_ZOOM: f64 = 8.0;

fn skip_map(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_by_id(LIST_HEADING_ID, false);
}

/// Where "ask to start a group" leads from the directory filtered by `filter`: the form, with
/// the chosen country when there is one.
pub(crate) fn start_href(filter: &Filter) -> String {
    let form = href(Page::NewGroup);
    match filter.country {
        Some(code) => format!("{form}?country={}", code.to_ascii_lowercase()),
        None => form,
    }
}

/// What the directory shows when no group matches: a way back to every group, and the
/// suggestion to start one (in the chosen country, when there is one).
#[component]
fn NoMatch(chosen: Chosen) -> impl IntoView {
    let filter = chosen.get();
    let clear = move |_| {
        chosen.choose(Filter::default(), false);
        // This button goes with the message: focus the search, where a new one starts.
        request_animation_frame(|| {
            focus_by_id(SEARCH_ID, false);
        });
    };
    let start = move || filter.with(start_href);
    view! {
        <div class="no-match">
            <p>"No group matches these filters."</p>
            <p>
                "If none meets where you are, " <a href=start>"ask to start a group"</a>
                ". Or see every group again:"
            </p>
            <button type="button" class="button" on:click=clear>"Clear the filters"</button>
        </div>
    }
}
