//! `/meetings`: every upcoming meeting, by date under a heading for each month, in the region
//! or country chosen and near the place chosen (in the URL, as the directory's filters are:
//! `near=<id>&radius=`, the groups within that distance, each meeting with its group's
//! distance), and the calendar of those meetings to subscribe to or copy.

use std::sync::Arc;

use groups_core::{
    filter::{countries_with_groups, country_options, from_query, region_counts_of, region_options, Filter},
    markup::{meetings_by_month, meetings_calendar, meetings_to_come},
    near::{self, Origin, Radius},
    places::PlaceKind,
    regions::{country, Region},
    routes::{href, route, Page},
};
use groups_i18n::{t, tf, tn, Msg};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_location, use_navigate},
    NavigateOptions,
};
use wasm_bindgen::JsCast;

use super::{
    clock::now_utc,
    failed::MeetingsFailed,
    state::{Known, WithMeetings},
};
use crate::{
    components::{choice::Choice, noscript::ServerNoScript},
    directory::model::Directory,
    places::{
        book::{Book, Known as Looked},
        place_field::PlaceField,
    },
    shell::{focus::focus_element, lazy::lazy_route, title::PageTitle},
};

lazy_route!(
    /// The `/meetings` route: its view comes in a chunk of its own in a split build.
    MeetingsRoute,
    meetings_view,
    __preload_meetings_view,
    MeetingsPage
);

/// How many meetings the list shows before "Show more".
const PAGE: usize = 40;

/// The meetings page.
#[component]
pub fn MeetingsPage() -> impl IntoView {
    view! {
        <PageTitle text=route(Page::Meetings).title() />
        <div class="page meetings-page">
            <h1>{route(Page::Meetings).title()}</h1>
            <p class="lead">{t(Msg::MeetingsLead)}</p>
            <ServerNoScript />
            <WithMeetings render=|directory, known| view! { <MeetingsView directory known /> } />
        </div>
    }
}

#[component]
pub(crate) fn MeetingsView(directory: Arc<Directory>, known: Known) -> impl IntoView {
    let location = use_location();
    let filter = Memo::new(move |_| from_query(&location.search.get()));
    let now = now_utc();
    // Every meeting to come, once: the choices count them.
    let all = known.file.in_places(&directory.groups, &Filter::default(), &now);
    let limit = RwSignal::new(PAGE);
    // The place of the address, read from the server the first time it is seen.
    let book = Book::use_context();
    let place = Memo::new(move |_| {
        filter.with(|f| f.near.clone()).and_then(|id| match book.get(&id) {
            Looked::Found(place) => Some(place),
            _ => None,
        })
    });
    let origin = Memo::new(move |_| place.with(|p| p.as_ref().map(Origin::of)));
    let shown = {
        let (file, directory) = (known.file.clone(), directory.clone());
        Memo::new(move |_| {
            let mut shown = filter.with(|f| file.in_places(&directory.groups, f, &now));
            origin.with(|o| {
                if let (Some(o), Some(km)) = (o, filter.with(|f| f.radius.km())) {
                    shown.retain(|&(_, g)| near::distance(&directory.groups[g], o).key() <= km);
                }
            });
            shown
        })
    };
    // Each choice is a step Back returns to; the list starts again from its first page.
    // The router's navigation, found while the page is built (the place field calls it from
    // its own handlers).
    let navigate = StoredValue::new_local(use_navigate());
    let go = move |next: Filter| {
        limit.set(PAGE);
        // The address is whole, in the visitor's language: not resolved against the router's base.
        let options = NavigateOptions { scroll: false, resolve: false, ..Default::default() };
        navigate.with_value(|navigate| navigate(&next.href_at(&href(Page::Meetings)), options));
    };
    let groups = || all.iter().map(|&(_, g)| &directory.groups[g]);
    let regions = region_options(&region_counts_of(groups()), all.len());
    let countries = countries_with_groups(groups());
    let html = {
        let directory = directory.clone();
        let file = known.file.clone();
        move || {
            origin.with(|o| {
                shown.with(|s| {
                    meetings_by_month(s.iter().take(limit.get()).map(|&(m, g)| {
                        let group = &directory.groups[g];
                        let distance = o.as_ref().map(|o| near::distance(group, o).text(group));
                        (&file.upcoming[m], Some(group), distance)
                    }))
                })
            })
        }
    };
    // Near a place: the place and the distance stay when the region or the country changes.
    let near_of = move |f: &Filter| Filter { near: f.near.clone(), radius: f.radius, ..Filter::default() };
    let on_place = Callback::new(move |chosen: Option<groups_core::places::Place>| {
        let (region, country, radius) = filter.with_untracked(|f| (f.region, f.country, f.radius));
        let next = match chosen {
            Some(p) if p.kind == PlaceKind::Country => {
                let c = groups_core::regions::country(&p.country);
                Filter { region: c.map(|c| c.region), country: c.map(|c| c.code), ..Filter::default() }
            }
            Some(p) => {
                book.keep(&p);
                Filter { region, country, near: Some(p.id), radius, ..Filter::default() }
            }
            None => Filter { region, country, ..Filter::default() },
        };
        go(next);
    });
    let hidden = move || shown.with(Vec::len).saturating_sub(limit.get());
    let site = known.file.origin.clone();
    let calendar = move || filter.with(|f| meetings_calendar(f, &site));
    // The button goes once the last meetings show: focus goes to the first one it revealed,
    // so that Tab goes on through them rather than to the page's end.
    let show_more = move |_| {
        let first = limit.get_untracked();
        limit.update(|l| *l += PAGE);
        request_animation_frame(move || focus_meeting(first));
    };
    view! {
        <MeetingsFailed known=known.clone() />
        <form class="filters" role="search" aria-label=t(Msg::MeetingsFilters) on:submit=|ev| ev.prevent_default()>
            <PlaceField
                id="meetings-near"
                label=t(Msg::MeetingsNear)
                hint=t(Msg::MeetingsNearHint)
                chosen=place
                on_place
            />
            <Show when=move || origin.with(Option::is_some)>
                <Choice
                    id="meetings-radius"
                    label=t(Msg::PlaceDistance)
                    options=Signal::stored(Radius::ALL.iter().map(|r| (r.slug().to_string(), r.name())).collect())
                    value=Signal::derive(move || filter.with(|f| f.radius.slug().to_string()))
                    on_change=move |slug: String| {
                        let radius = Radius::from_slug(&slug).unwrap_or_default();
                        go(Filter { radius, ..filter.get_untracked() });
                    }
                />
            </Show>
            <Choice
                id="meetings-region"
                label=t(Msg::PlaceRegion)
                options=Signal::stored(regions)
                value=Signal::derive(move || filter.with(|f| f.region.map(Region::slug).unwrap_or_default().to_string()))
                on_change=move |slug: String| {
                    go(Filter { region: Region::from_slug(&slug), ..filter.with_untracked(near_of) })
                }
            />
            <Choice
                id="meetings-country"
                label=t(Msg::PlaceCountry)
                options=Signal::derive(move || filter.with(|f| country_options(&countries, f.region, f.country)))
                value=Signal::derive(move || filter.with(|f| f.country.unwrap_or_default().to_string()))
                on_change=move |code: String| {
                    let region = filter.with_untracked(|f| f.region);
                    go(Filter { region, country: country(&code).map(|c| c.code), ..filter.with_untracked(near_of) })
                }
            />
        </form>
        <p class="result-count" role="status" aria-live="polite">
            {move || {
                let within = origin.with(|o| {
                    o.as_ref().map(|o| match filter.with(|f| f.radius.km()) {
                        Some(km) => {
                            tf(Msg::MeetingsWithin, &[("distance", &near::format_km(km)), ("place", &o.name)])
                        }
                        None => tf(Msg::MeetingsDistanceFrom, &[("place", &o.name)]),
                    })
                });
                match within {
                    Some(within) => {
                        tf(Msg::MeetingsThen, &[("first", &meetings_to_come(shown.with(Vec::len))), ("second", &within)])
                    }
                    None => meetings_to_come(shown.with(Vec::len)),
                }
            }}
        </p>
        <div class="meetings-by-month" inner_html=html></div>
        <Show when=move || { hidden() > 0 }>
            <button type="button" class="button secondary" on:click=show_more>
                {move || tn(Msg::MeetingsShowMore, hidden().min(PAGE) as u64, &[])}
            </button>
        </Show>
        <div inner_html=calendar></div>
    }
}

/// Focuses the meeting at `index` in the list (counting from 0), once it is drawn.
fn focus_meeting(index: usize) {
    let items = document().query_selector_all("main .meetings-by-month li.meeting");
    let item = items.ok().and_then(|items| items.item(index as u32));
    if let Some(item) = item.and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok()) {
        focus_element(&item, false);
    }
}
