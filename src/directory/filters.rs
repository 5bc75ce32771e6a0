//! The directory's filter controls: the search (groups and places, `search_box.rs`), the
//! visitor's own location (`my_location.rs`), the distance from the place, region, country,
//! status and "meets soon". Each choice shows at once and goes into the URL (`chosen.rs`), so a
//! shared link or the back button restores exactly the same view (the visitor's position
//! excepted: it stays out of the address).

use std::{collections::HashSet, sync::Arc};

use groups_core::{
    near::Radius,
    regions::{country, Region},
};
use groups_i18n::{t, tf, Msg};
use leptos::prelude::*;

use crate::{components::choice::Choice, shell::focus::focus_by_id};

use groups_core::filter::{
    countries_with_groups, country_options, region_counts_of, region_options, soon_count, Filter, SOON_DAYS,
};

use super::{
    chosen::Chosen,
    model::{Directory, Status},
    my_location::MyLocation,
    search_box::SearchBox,
};
use crate::places::{book::Known, location::Here};

/// Region, country, search, status and "meets soon" controls for the `chosen` filter.
#[component]
pub fn Filters(
    directory: Arc<Directory>,
    chosen: Chosen,
    /// The groups that meet in the next 30 days.
    soon: Arc<HashSet<String>>,
    /// Whether any group has a calendar: without one, "meets soon" would always be empty.
    calendars: bool,
    /// The groups the filters show (the search suggests the first of them).
    matched: Memo<Vec<usize>>,
    /// The groups listed (those the filters show, within the distance from a place): "meets
    /// soon" counts those of them that meet soon.
    shown: Memo<Vec<usize>>,
    /// What is known of the address's place.
    place: Memo<Option<Known>>,
    /// Whether the groups are ordered by distance (from a place or the visitor): the distance
    /// is offered then.
    by_distance: Signal<bool>,
) -> impl IntoView {
    let here = Here::use_context();
    let filter = chosen.get();
    let update = move |change: &dyn Fn(&mut Filter), typed: bool| {
        let mut next = filter.get_untracked();
        change(&mut next);
        chosen.choose(next, typed);
    };
    let update = StoredValue::new_local(update);
    let clear = move |_| {
        here.0.set(None);
        chosen.choose(Filter::default(), false);
        // The button goes once nothing is filtered: focus the search, where a new one starts.
        request_animation_frame(|| {
            focus_by_id(SEARCH_ID, false);
        });
    };

    // The counts of the places follow "meets soon": they say what choosing one would show.
    // They hang on that one switch, not on the whole filter: counting 10,000 groups again at
    // every region change or keystroke cost the directory its frame (`cargo xtask bench`).
    let only_soon = Memo::new(move |_| filter.with(|f| f.soon));
    let counts = {
        let (directory, soon) = (directory.clone(), soon.clone());
        move |only_soon: bool| {
            let groups = directory.groups.iter().filter(|g| !only_soon || soon.contains(&g.slug));
            let total = groups.clone().count();
            (region_options(&region_counts_of(groups.clone()), total), countries_with_groups(groups))
        }
    };
    let places = Memo::new(move |_| counts(only_soon.get()));
    // What ticking it would show with the other filters as they are (the server's page says
    // the same): a count of every group that meets soon said 5 with Europe showing 1 (#31).
    let soon_label = {
        let (directory, soon) = (directory.clone(), soon.clone());
        move || {
            let n = shown.with(|shown| soon_count(shown, &directory.groups, &soon));
            tf(Msg::DirectorySoon, &[("days", &SOON_DAYS.to_string()), ("n", &n.to_string())])
        }
    };
    let soon_label = StoredValue::new(soon_label);

    view! {
        <form class="filters" role="search" aria-label=t(Msg::DirectoryFilters) on:submit=|ev| ev.prevent_default()>
            <SearchBox directory=directory.clone() chosen matched place />
            <MyLocation directory=directory.clone() chosen />
            <Show when=move || by_distance.get()>
                <Choice
                    id="filter-radius"
                    label=t(Msg::PlaceDistance)
                    options=Signal::stored(Radius::ALL.iter().map(|r| (r.slug().to_string(), r.name())).collect())
                    value=Signal::derive(move || filter.with(|f| f.radius.slug().to_string()))
                    on_change=move |slug: String| {
                        let radius = Radius::from_slug(&slug).unwrap_or_default();
                        update.with_value(|u| u(&|f: &mut Filter| f.radius = radius, false));
                    }
                />
            </Show>
            <Choice
                id="filter-region"
                label=t(Msg::PlaceRegion)
                options=Signal::derive(move || places.with(|(regions, _)| regions.clone()))
                value=Signal::derive(move || filter.with(|f| f.region.map(Region::slug).unwrap_or_default().to_string()))
                on_change=move |slug: String| {
                    let region = Region::from_slug(&slug);
                    update.with_value(|u| u(&|f: &mut Filter| {
                        f.region = region;
                        f.country = None;
                    }, false));
                }
            />
            <Choice
                id="filter-country"
                label=t(Msg::PlaceCountry)
                options=Signal::derive(move || {
                    let (region, chosen) = filter.with(|f| (f.region, f.country));
                    places.with(|(_, countries)| country_options(countries, region, chosen))
                })
                value=Signal::derive(move || filter.with(|f| f.country.unwrap_or_default().to_string()))
                on_change=move |code: String| {
                    let country = country(&code).map(|c| c.code);
                    update.with_value(|u| u(&|f: &mut Filter| f.country = country, false));
                }
            />
            <Choice
                id="filter-status"
                label=t(Msg::GroupStatus)
                options=Signal::stored(
                    std::iter::once((String::new(), t(Msg::DirectoryAnyStatus).to_owned()))
                        .chain(Status::ALL.map(|s| (s.slug().to_string(), s.name().to_owned())))
                        .collect(),
                )
                value=Signal::derive(move || filter.with(|f| f.status.map(Status::slug).unwrap_or_default().to_string()))
                on_change=move |slug: String| {
                    let status = Status::from_slug(&slug);
                    update.with_value(|u| u(&|f: &mut Filter| f.status = status, false));
                }
            />
            <Show when=move || calendars || filter.with(|f| f.soon)>
                <div class="field check">
                    <input
                        id="filter-soon"
                        type="checkbox"
                        prop:checked=move || filter.with(|f| f.soon)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update.with_value(|u| u(&|f: &mut Filter| f.soon = on, false));
                        }
                    />
                    <label for="filter-soon">{move || soon_label.with_value(|l| l())}</label>
                </div>
            </Show>
            <Show when=move || !filter.get().is_empty() || here.0.with(Option::is_some)>
                <button type="button" class="button secondary" on:click=clear>{t(Msg::DirectoryClearFilters)}</button>
            </Show>
        </form>
    }
}

/// The id of the search field: focus goes there when the filters are cleared.
pub const SEARCH_ID: &str = "filter-q";
