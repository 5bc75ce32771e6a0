//! The directory's filter controls. They write the filter into the URL; the page reads it
//! back from there, so a shared link or the back button restores exactly the same view.

use std::sync::Arc;

use groups_core::regions::Region;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

use super::{
    filter::{countries_with_groups, region_counts, Filter},
    model::{Directory, Status},
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
    // The country list depends on the region only: a keystroke in the search leaves it alone.
    let region = Memo::new(move |_| filter.with(|f| f.region));

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
                    let region = region.get();
                    std::iter::once((String::new(), "All countries".to_string()))
                        .chain(
                            countries
                                .iter()
                                .filter(|(c, _)| region.is_none_or(|r| c.region == r))
                                .map(|(c, n)| (c.code.to_string(), format!("{} ({n})", c.name))),
                        )
                        .collect()
                })
                value=Signal::derive(move || filter.with(|f| f.country.unwrap_or_default().to_string()))
                on_change=move |code: String| {
                    let country = crate::regions::country(&code).map(|c| c.code);
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
                <button type="button" class="button secondary" on:click=move |_| go.with_value(|go| go(Filter::default(), false))>
                    "Clear filters"
                </button>
            </Show>
        </form>
    }
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
