//! `/groups`: the directory of user groups, filtered by the URL's query.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::{
    filter::{apply, from_query, Filter},
    filters::Filters,
    list::GroupList,
    model::Directory,
    state::WithDirectory,
};
use crate::{
    components::noscript::ServerNoScript,
    map::view::GroupMap,
    shell::{lazy::lazy_route, title::PageTitle},
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
        <PageTitle text="Groups" />
        <div class="page directory">
            <h1>"User groups"</h1>
            <p class="lead">
                "User groups meet in cities around the world. If none meets near you yet, "
                <a href="/new-group">"ask to start one"</a> "."
            </p>
            <ServerNoScript />
            <WithDirectory render={|directory| view! { <DirectoryView directory /> }} />
        </div>
    }
}

#[component]
fn DirectoryView(directory: Arc<Directory>) -> impl IntoView {
    let location = use_location();
    let filter = Memo::new(move |_| from_query(&location.search.get()));
    let shown = {
        let directory = directory.clone();
        Memo::new(move |_| filter.with(|f| apply(f, &directory.groups, &directory.keys)))
    };
    let total = directory.groups.len();
    let highlight = RwSignal::new(None::<usize>);
    // Choosing a region fits the map to it; typing a search leaves the map where it is.
    let region = Signal::derive(move || filter.with(|f| f.region.map(|r| r.slug()).unwrap_or_default().to_string()));
    let navigate = use_navigate();
    let clear = move |_| navigate(&Filter::default().href(), Default::default());

    view! {
        <Filters directory=directory.clone() filter />
        <p class="result-count" role="status" aria-live="polite">
            {move || match shown.with(Vec::len) {
                n if n == total => format!("Showing all {total} groups"),
                1 => format!("Showing 1 of {total} groups"),
                n => format!("Showing {n} of {total} groups"),
            }}
        </p>
        <div class="directory-body">
            <GroupMap directory=directory.clone() shown highlight fit_on=region />
            <div class="directory-list">
                <Show
                    when=move || shown.with(|s| !s.is_empty())
                    fallback=move || {
                        let clear = clear.clone();
                        view! {
                            <div class="no-match">
                                <p>"No group matches these filters."</p>
                                <button type="button" class="button" on:click=clear>"Clear the filters"</button>
                            </div>
                        }
                    }
                >
                    <GroupList directory=directory.clone() shown highlight />
                </Show>
            </div>
        </div>
    }
}
