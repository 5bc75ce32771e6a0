//! The directory's filter controls. They write the filter into the URL; the page reads it
//! back from there, so a shared link or the back button restores exactly the same view.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

use crate::{
    filter::{countries_with_groups, region_counts, Filter},
    groups::{Directory, Status},
    regions::Region,
};

/// Region, country, search and status controls for `filter`.
#[component]
pub fn Filters(directory: Arc<Directory>, #[prop(into)] filter: Signal<Filter>) -> impl IntoView {
    let navigate = use_navigate();
    // Choices push a history entry; typing replaces it, so Back skips keystrokes.
    let go = move |next: Filter, replace: bool| {
        navigate(&next.href(), NavigateOptions { replace, scroll: false, ..Default::default() });
    };
    let go = StoredValue::new(go);
    let update = move |change: &dyn Fn(&mut Filter), replace: bool| {
        let mut next = filter.get_untracked();
        change(&mut next);
        go.with_value(|go| go(next, replace));
    };
    let update = StoredValue::new_local(update);

    let regions = region_counts(&directory.groups);
    let total = directory.groups.len();
    let countries = countries_with_groups(&directory.groups);

    view! {
        <form class="filters" role="search" aria-label="Filter the groups" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="filter-q">"Search"</label>
                <input
                    id="filter-q"
                    type="search"
                    placeholder="Name, city or country"
                    autocomplete="off"
                    prop:value=move || filter.get().query
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        update.with_value(|u| u(&|f: &mut Filter| f.query = text.clone(), true));
                    }
                />
            </div>
            <div class="field">
                <label for="filter-region">"Region"</label>
                <select
                    id="filter-region"
                    on:change=move |ev| {
                        let region = Region::from_slug(&event_target_value(&ev));
                        update.with_value(|u| u(&|f: &mut Filter| {
                            f.region = region;
                            f.country = None;
                        }, false));
                    }
                >
                    <option value="" selected=move || filter.get().region.is_none()>{format!("All regions ({total})")}</option>
                    {regions
                        .into_iter()
                        .map(|(region, count)| view! {
                            <option value=region.slug() selected=move || filter.get().region == Some(region)>
                                {format!("{} ({count})", region.name())}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-country">"Country"</label>
                <select
                    id="filter-country"
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        let country = crate::regions::country(&code).map(|c| c.code);
                        update.with_value(|u| u(&|f: &mut Filter| f.country = country, false));
                    }
                >
                    <option value="" selected=move || filter.get().country.is_none()>"All countries"</option>
                    {move || {
                        let region = filter.get().region;
                        countries
                            .iter()
                            .filter(|(c, _)| region.is_none_or(|r| c.region == r))
                            .map(|&(country, count)| view! {
                                <option value=country.code selected=move || filter.get().country == Some(country.code)>
                                    {format!("{} ({count})", country.name)}
                                </option>
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="filter-status">"Status"</label>
                <select
                    id="filter-status"
                    on:change=move |ev| {
                        let status = Status::from_slug(&event_target_value(&ev));
                        update.with_value(|u| u(&|f: &mut Filter| f.status = status, false));
                    }
                >
                    <option value="" selected=move || filter.get().status.is_none()>"Any status"</option>
                    {Status::ALL
                        .map(|status| view! {
                            <option value=status.slug() selected=move || filter.get().status == Some(status)>{status.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || !filter.get().is_empty()>
                <button type="button" class="button secondary" on:click=move |_| go.with_value(|go| go(Filter::default(), false))>
                    "Clear filters"
                </button>
            </Show>
        </form>
    }
}
