//! The directory's filter controls. They write the filter into the URL; the page reads it
//! back from there, so a shared link or the back button restores exactly the same view.

use std::sync::Arc;

use groups_core::regions::{country, Country, Region};
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

use crate::shell::focus::focus_by_id;

use groups_core::filter::{countries_with_groups, region_counts, Filter};

use super::model::{Directory, Status};

/// Region, country, search and status controls for `filter`.
#[component]
pub fn Filters(directory: Arc<Directory>, #[prop(into)] filter: Signal<Filter>) -> impl IntoView {
    let navigate = use_navigate();
    // Every choice is a step Back returns to. A search is one step however many keys it
    // took: its first keystroke adds an entry and the next ones replace that entry, not the
    // step before the search.
    let typing = StoredValue::new(false);
    let go = move |next: Filter, typed: bool| {
        let replace = typed && typing.get_value();
        typing.set_value(typed);
        navigate(&next.href(), NavigateOptions { replace, scroll: false, ..Default::default() });
    };
    let go = StoredValue::new(go);
    let update = move |change: &dyn Fn(&mut Filter), typed: bool| {
        let mut next = filter.get_untracked();
        change(&mut next);
        go.with_value(|go| go(next, typed));
    };
    let update = StoredValue::new_local(update);
    let clear = move |_| {
        go.with_value(|go| go(Filter::default(), false));
        // The button goes once nothing is filtered: focus the search, where a new one starts.
        request_animation_frame(|| {
            focus_by_id(SEARCH_ID, false);
        });
    };

    let regions = region_counts(&directory.groups);
    let total = directory.groups.len();
    let countries = countries_with_groups(&directory.groups);

    view! {
        <form class="filters" role="search" aria-label="Filter the groups" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for=SEARCH_ID>"Search"</label>
                <input
                    id=SEARCH_ID
                    dir="auto"
                    type="search"
                    placeholder="Name, city or country"
                    autocomplete="off"
                    prop:value=move || filter.get().query
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        update.with_value(|u| u(&|f: &mut Filter| f.query = text.clone(), true));
                    }
                    // Leaving the field ends the search: typing again later is a new step.
                    on:change=move |_| typing.set_value(false)
                />
            </div>
            <Choice
                id="filter-region"
                label="Region"
                options=Signal::stored(
                    std::iter::once((String::new(), format!("All regions ({total})")))
                        .chain(regions.into_iter().map(|(r, n)| (r.slug().to_string(), format!("{} ({n})", r.name()))))
                        .collect(),
                )
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
                label="Country"
                options=Signal::derive(move || {
                    let (region, chosen) = filter.with(|f| (f.region, f.country));
                    country_options(&countries, region, chosen)
                })
                value=Signal::derive(move || filter.with(|f| f.country.unwrap_or_default().to_string()))
                on_change=move |code: String| {
                    let country = country(&code).map(|c| c.code);
                    update.with_value(|u| u(&|f: &mut Filter| f.country = country, false));
                }
            />
            <Choice
                id="filter-status"
                label="Status"
                options=Signal::stored(
                    std::iter::once((String::new(), "Any status".to_string()))
                        .chain(Status::ALL.map(|s| (s.slug().to_string(), s.label().to_string())))
                        .collect(),
                )
                value=Signal::derive(move || filter.with(|f| f.status.map(Status::slug).unwrap_or_default().to_string()))
                on_change=move |slug: String| {
                    let status = Status::from_slug(&slug);
                    update.with_value(|u| u(&|f: &mut Filter| f.status = status, false));
                }
            />
            <Show when=move || !filter.get().is_empty()>
                <button type="button" class="button secondary" on:click=clear>"Clear filters"</button>
            </Show>
        </form>
    }
}

/// The id of the search field: focus goes there when the filters are cleared.
pub const SEARCH_ID: &str = "filter-q";

/// The country select's options: "All countries", then those of `region` (every region when
/// none) that have groups, by name with their counts; and the one `chosen`, even without a
/// group, so that a link to it shows what it filters by.
fn country_options(
    countries: &[(&'static Country, usize)],
    region: Option<Region>,
    chosen: Option<&'static str>,
) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = std::iter::once((String::new(), "All countries".to_string()))
        .chain(
            countries
                .iter()
                .filter(|(c, _)| region.is_none_or(|r| c.region == r))
                .map(|(c, n)| (c.code.to_string(), format!("{} ({n})", c.name))),
        )
        .collect();
    if let Some(country) = chosen.and_then(country).filter(|c| !options.iter().any(|(code, _)| code == c.code)) {
        options.push((country.code.to_string(), format!("{} (0)", country.name)));
    }
    options
}

/// A labelled select: `options` are (value, text) pairs, the first meaning "any".
#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    // Rebuild the options only when they change, and set the choice on the select itself once
    // per change (not a reactive `selected` on every option): any other filter change leaves
    // this select untouched.
    let options = Memo::new(move |_| options.get());
    let value = Memo::new(move |_| value.get());
    let select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        options.track();
        let chosen = value.get();
        if let Some(select) = select.get() {
            select.set_value(&chosen);
        }
    });
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id node_ref=select on:change=move |ev| on_change(event_target_value(&ev))>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| view! { <option value=v>{text}</option> })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
