//! `/groups`: the directory of user groups, filtered by the URL's query, and near a place
//! (the address's `near`, or the visitor's own position): every group by distance from it,
//! within the distance chosen, the map centred on it, and when no group is near, that said
//! with the nearest few and a way to start a group there.

use std::sync::Arc;

use groups_core::{
    filter::{apply, Filter},
    interest::offered_radius,
    near::{self, Origin},
    routes::{href, route, Page},
    viewport::View,
};
use groups_i18n::{t, tf, tn, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{
    chosen::Chosen,
    filters::{Filters, SEARCH_ID},
    list::{GroupList, PAGE},
    model::Directory,
    near::{here_name, origin},
    place::{Place, Places},
};
use crate::{
    components::{in_turn::InTurn, noscript::ServerNoScript, sentence::Sentence},
    interest::form::SignUpForm,
    map::view::{GroupMap, Mark},
    meetings::{
        clock,
        failed::MeetingsFailed,
        state::{Known, WithMeetings},
    },
    places::{
        book::{Book, Known as Looked},
        location::Here,
    },
    shell::{focus::focus_by_id, history::History, lazy::lazy_route, title::PageTitle},
};

lazy_route!(
    /// The `/groups` route: its view comes in a chunk of its own in a split build.
    GroupsRoute,
    groups_view,
    __preload_groups_view,
    GroupsPage
);

/// The groups directory.
#[component]
pub fn GroupsPage() -> impl IntoView {
    view! {
        <PageTitle text=route(Page::Groups).title() />
        <div class="page directory">
            <h1>{t(Msg::DirectoryHeading)}</h1>
            <p class="lead">
                <Sentence msg=Msg::DirectoryLead>
                    <a href=href(Page::NewGroup)>{t(Msg::DirectoryLeadLink)}</a>
                </Sentence>
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
    let book = Book::use_context();
    let here = Here::use_context();
    // The groups that meet in the next 30 days, as the visitor's clock has it.
    let soon = Arc::new(known.file.soon(clock::now()));
    let matched = {
        let (directory, soon) = (directory.clone(), soon.clone());
        Memo::new(move |_| filter.with(|f| apply(f, &directory.groups, &directory.keys, &soon)))
    };
    // The address's place, read from the server the first time it is seen; a place there
    // comes before the visitor's position, which is then forgotten.
    let place = Memo::new(move |_| filter.with(|f| f.near.clone()).map(|id| book.get(&id)));
    Effect::new(move |_| {
        if place.with(Option::is_some) && here.0.with_untracked(Option::is_some) {
            here.0.set(None);
        }
    });
    let origin = Memo::new(move |_| place.with(|p| origin(p.as_ref(), here.0.get())));
    // Distances only when there is somewhere to measure from: a region change without a place
    // costs no more than before (`cargo xtask bench`).
    let listed = {
        let directory = directory.clone();
        Memo::new(move |_| {
            origin.with(|o| {
                o.as_ref().map(|o| {
                    let radius = filter.with(|f| f.radius);
                    matched.with(|m| near::listed(near::order(&directory.groups, m, o), radius))
                })
            })
        })
    };
    let shown = Memo::new(move |_| {
        listed.with(|l| match l {
            Some(l) => l.groups.iter().map(|(i, _)| *i).collect(),
            None => matched.get(),
        })
    });
    let distances = {
        let directory = directory.clone();
        Memo::new(move |_| {
            listed.with(|l| {
                l.as_ref().map(|l| Arc::new(l.groups.iter().map(|(i, d)| d.text(&directory.groups[*i])).collect()))
            })
        })
    };
    let total = directory.groups.len();
    let highlight = RwSignal::new(None::<usize>);
    // Choosing a region, a place or the visitor's position fits the map to it; typing a search
    // leaves the map where it is.
    let fit = Signal::derive(move || {
        let region = filter.with(|f| f.region.map(|r| r.slug()).unwrap_or_default());
        let from = origin.with(|o| o.as_ref().map(|o| format!("{},{}", o.lat, o.lon)).unwrap_or_default());
        format!("{region}|{from}")
    });
    let around = Signal::derive(move || origin.with(|o| o.as_ref().map(|o| (o.lat, o.lon))));
    let mark = Signal::derive(move || {
        origin.with(|o| {
            o.as_ref().map(|o| {
                let label =
                    if o.name == here_name() { t(Msg::DirectoryYourLocationMark).to_owned() } else { o.name.clone() };
                Mark { lat: o.lat, lon: o.lon, label }
            })
        })
    });

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
    let count = move || {
        let scope = filter.with(Filter::scope);
        match (listed.get(), origin.get()) {
            (Some(listed), Some(origin)) => {
                near::summary(&listed, total, scope, filter.with(|f| f.radius), &origin.name)
            }
            _ => match shown.with(Vec::len) {
                n if n == total => tn(Msg::DirectoryShowingAll, total as u64, &[]),
                n => {
                    let shown = groups_i18n::catalogue::number_as(Msg::DirectoryShowingSome, n as u64);
                    tn(Msg::DirectoryShowingSome, total as u64, &[("shown", &shown)])
                }
            },
        }
    };
    // What the answer where no group is near is made of, drawn again only when it changes (the
    // sign-up form in it keeps what is typed while other filters change the list).
    let none_near = {
        let directory = directory.clone();
        Memo::new(move |_| {
            let origin = origin.get()?;
            let scope = filter.with(Filter::scope);
            let radius = filter.with(|f| f.radius);
            let line = listed.with(|l| {
                l.as_ref().and_then(|l| near::wanting_line(l, &directory.groups, radius, scope, &origin.name))
            })?;
            let found = place.with(|p| match p {
                Some(Looked::Found(place)) => Some(place.clone()),
                _ => None,
            });
            Some((origin, line, filter.with(|f| f.near.clone()), found, radius))
        })
    };
    let none_near = move || {
        none_near.get().map(|(origin, line, id, place, radius)| view! { <NoneNear origin line id place radius /> })
    };
    let unknown_place = move || {
        place.with(|p| matches!(p, Some(Looked::Missing | Looked::Failed))).then(|| {
            view! {
                <p class="note">{t(Msg::DirectoryPlaceGone)}</p>
            }
        })
    };

    let asking = move || place.with(|p| matches!(p, Some(Looked::Asking))).then_some("true");
    let turn = InTurn::new(3);
    let (map_directory, list_directory, meetings) = (directory.clone(), directory.clone(), known.file.clone());
    view! {
        <MeetingsFailed known=known.clone() />
        <Filters
            directory=directory.clone()
            chosen
            soon
            calendars=!known.file.groups.is_empty()
            matched
            shown
            place
            by_distance=Signal::derive(move || origin.with(Option::is_some))
        />
        {unknown_place}
        <p class="result-count" role="status" aria-live="polite">{count}</p>
        {none_near}
        // While the address's place is read, the page is not drawn yet (a pre-rendered page is
        // kept until it is: `shell::takeover`), so the list is never seen in another order first.
        // Nor while its parts are built, each in a task of its own (see `InTurn`): the filters
        // and count, then the map, then the list, so that a phone keeps answering.
        <div class="directory-body" aria-busy=move || asking().or(turn.busy()())>
            <div class="directory-map">
                // Thirty markers are thirty Tab stops: keyboard users may pass them by.
                <a class="skip-map" href=format!("#{LIST_HEADING_ID}") on:click=skip_map>{t(Msg::DirectorySkipMap)}</a>
                <Show when=turn.part(1)>
                    <GroupMap
                        directory=map_directory.clone()
                        shown
                        highlight
                        fit_on=fit
                        max_fit_zoom=FIT_ZOOM
                        view
                        fit_first=restored.is_none()
                        around
                        mark
                    />
                </Show>
            </div>
            <div class="directory-list">
                <h2 class="visually-hidden" id=LIST_HEADING_ID tabindex="-1">{t(Msg::DirectoryListHeading)}</h2>
                <Show when=turn.part(2)>
                    <ListPart directory=list_directory.clone() meetings=meetings.clone() shown highlight limit distances chosen />
                </Show>
            </div>
        </div>
    }
}

/// The list of the groups shown, or what to do when none is.
#[component]
fn ListPart(
    directory: Arc<Directory>,
    meetings: Arc<groups_core::meetings::MeetingsFile>,
    shown: Memo<Vec<usize>>,
    highlight: RwSignal<Option<usize>>,
    limit: RwSignal<usize>,
    distances: Memo<Option<Arc<Vec<String>>>>,
    chosen: Chosen,
) -> impl IntoView {
    view! {
        <Show when=move || shown.with(|s| !s.is_empty()) fallback=move || view! { <NoMatch chosen /> }>
            <GroupList directory=directory.clone() meetings=meetings.clone() shown highlight limit distances />
        </Show>
    }
}

/// No group within the distance of the place (or the visitor), or only the whole country's:
/// said plainly, with a way to start one there. The form opens with the place filled in (never over a draft's own place);
/// the visitor's position is never handed to it (the form keeps its draft in storage). For a
/// place of the address, how many asked to hear of a group near it, and the form to join them;
/// never for the visitor's position, which stays in the browser.
#[component]
fn NoneNear(
    origin: Origin,
    /// What is wanting: no group near, or only the whole country's (`near::wanting_line`).
    line: String,
    /// The place's id, when it is a place of the address.
    id: Option<String>,
    /// The place itself, once read.
    place: Option<groups_core::places::Place>,
    radius: groups_core::near::Radius,
) -> impl IntoView {
    let start = match id {
        Some(id) => view! {
            <Sentence msg=Msg::DirectoryStartInApp>
                <a href=near::start_href(&id)>{tf(Msg::DirectoryStartIn, &[("place", &origin.name)])}</a>
            </Sentence>
        }
        .into_any(),
        None => view! {
            <Sentence msg=Msg::DirectoryIfYouWouldLike>
                <a href=href(Page::NewGroup)>{t(Msg::DirectoryAskToStart)}</a>
            </Sentence>
        }
        .into_any(),
    };
    view! {
        <div class="none-near">
            <p>{line}</p>
            <p>{start}</p>
            {place.map(|place| view! { <SignUpForm place radius_km=offered_radius(radius) /> })}
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
            <p>{t(Msg::DirectoryNoMatch)}</p>
            <p>
                <Sentence msg=Msg::DirectoryNoneWhereYouAre>
                    <a href=start>{t(Msg::DirectoryAskToStart)}</a>
                </Sentence>
            </p>
            <button type="button" class="button" on:click=clear>{t(Msg::DirectoryClearTheFilters)}</button>
        </div>
    }
}
