//! `/groups/:slug`: one group.

use std::sync::Arc;

use groups_core::links::link_text;
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_params_map},
    NavigateOptions,
};

use super::{
    filter::Filter,
    model::{Directory, Status},
    state::WithDirectory,
};
use crate::{
    components::noscript::ServerNoScript,
    map::view::GroupMap,
    shell::{lazy::lazy_route, title::PageTitle},
};

lazy_route!(
    /// The `/groups/:slug` route: its view comes in a chunk of its own in a split build.
    GroupRoute,
    group_view,
    GroupPage
);

/// The page of the group named by the route's slug.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let render = move |directory: Arc<Directory>| view! { <GroupDetails directory slug /> };
    view! {
        <div class="page group">
            <ServerNoScript />
            <WithDirectory render />
        </div>
    }
}

/// The small map's name: "Map: OpenStack Berlin in Berlin, Germany", or "Map: Hungary" for
/// a group named after its place.
pub fn map_label(name: &str, place: &str) -> String {
    if name.to_lowercase().contains(&place.to_lowercase()) {
        format!("Map: {name}")
    } else {
        format!("Map: {name} in {place}")
    }
}

/// The group's details, or "not found" for a slug no group has.
#[component]
fn GroupDetails(directory: Arc<Directory>, slug: Memo<String>) -> impl IntoView {
    // Addresses typed by hand ("/groups/Hungary") reach the group's own address.
    let navigate = use_navigate();
    let lowercase = {
        let directory = directory.clone();
        move || {
            let slug = slug.get();
            let lower = slug.to_lowercase();
            (lower != slug && directory.index_of(&lower).is_some()).then_some(lower)
        }
    };
    Effect::new(move |_| {
        if let Some(lower) = lowercase() {
            navigate(&format!("/groups/{lower}"), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    move || match directory.index_of(&slug.get()) {
        Some(index) => {
            let group = directory.groups[index].clone();
            let region_href = Filter { region: Some(group.region()), ..Default::default() }.href();
            let country_href = Filter { country: Some(group.country.code), ..Default::default() }.href();
            view! {
                            <PageTitle text=group.name.clone() />
                            <h1>{group.name.clone()}</h1>
                            {group.description.clone().map(|d| view! { <p class="lead">{d}</p> })}
                            <dl class="facts">
                                {group.city.clone().map(|city| view! { <dt>"City"</dt> <dd>{city}</dd> })}
                                <dt>"Country"</dt>
                                <dd><a href=country_href>{group.country.name}</a></dd>
                                <dt>"Region"</dt>
                                <dd><a href=region_href>{group.region().name()}</a></dd>
                                <dt>"Status"</dt>
                                <dd>
                                    {match group.status {
                                        Status::Official => view! { "Official " <a href="/official-group-process">"(what this means)"</a> }.into_any(),
                                        Status::New => view! { "New" }.into_any(),
                                    }}
                                </dd>
                            </dl>
                            {(!group.links.is_empty()).then(|| view! {
                                <h2>"Links"</h2>
                                <ul class="link-list">
                                    {group.links.iter().map(|link| view! {
                                        <li><a href=link.url.clone() rel="noopener noreferrer">{link_text(link.kind, &link.url)}</a></li>
                                    }).collect_view()}
                                </ul>
                            })}
                            {group.checked.map(|month| view! {
                                <p class="checked">{format!("Details last checked {}.", month.label())}</p>
                            })}
                            <h2>"Where it meets"</h2>
                            <div class="small-map">
                                <GroupMap
                                    directory=directory.clone()
                                    shown=Signal::stored(vec![index])
                                    max_fit_zoom=6.0
                                    label=map_label(&group.name, &group.place())
                                />
                            </div>
                            <p><a href="/groups">"All groups"</a></p>
                        }
                        .into_any()
        }
        None => view! {
            <PageTitle text="Group not found" />
            <h1>"Group not found"</h1>
            <p>"There is no group at this address. It may have closed or moved."</p>
            <p><a href="/groups">"Browse all groups"</a></p>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::map_label;

    #[test]
    fn the_map_is_named_without_saying_a_place_twice() {
        assert_eq!(map_label("OpenStack Berlin", "Berlin, Germany"), "Map: OpenStack Berlin in Berlin, Germany");
        assert_eq!(map_label("Hungary", "Hungary"), "Map: Hungary");
        assert_eq!(map_label("OpenStack Hungary", "Hungary"), "Map: OpenStack Hungary");
    }
}
