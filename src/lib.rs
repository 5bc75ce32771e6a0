//! The groups portal app: the [`App`] component and its router, which follows the route table
//! (`groups_core::routes`).
//!
//! Each folder is one feature, with its pure logic (tested natively) beside its views:
//! [`shell`] (the frame, menu, titles, focus, 404), [`pages`] (the content pages),
//! [`directory`] (the directory feature: `groups.json` loaded, the filters, the list, `/groups`
//! and each group's page), [`map`] (the world map), [`meetings`] (the groups' meetings and
//! `/meetings`), [`request`] (the new-group form), [`organiser`] (`/my-request`, the
//! organiser's private page), [`places`] (places as the visitor types them, and their own
//! location), [`interest`] (news of groups near a place: the sign-up form and the counts) and
//! [`components`] (small shared pieces). [`home`] composes
//! them, and `prerender` (feature `prerender`, native) renders every page at build time. The
//! shared domain is the `groups_core` crate.
//!
//! The shell, the home page's text and the content pages are in the main wasm module. The
//! route table's lazy views (each route's `lazy`) are not: every other app page (`/groups`,
//! `/groups/<slug>`, `/meetings`, `/new-group`, `/my-request`), and the home page's map with
//! its counts by region and its next meetings (one split point for both). In the release build
//! (`--features split`, see `tools/split-wasm.sh`) each comes in a chunk of its own, fetched
//! when first shown; `groups.json` is fetched only by the parts that show groups. Without the
//! feature every route is compiled in eagerly.

// Rendering the views to HTML natively (feature `prerender`) nests their types deeper than the
// default limit; the wasm build erases them (`--cfg erase_components`).
#![recursion_limit = "256"]

pub use groups_core::regions;

pub mod components;
pub mod directory;
pub mod home;
pub mod interest;
pub mod map;
pub mod meetings;
pub mod organiser;
pub mod pages;
pub mod places;
#[cfg(feature = "prerender")]
pub mod prerender;
pub mod request;
pub mod shell;

use groups_core::routes::{param, route, Matched, Page};
use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path, Lazy, LazyRoute, ParamSegment, StaticSegment,
};

use directory::{group_page::GroupRoute, page::GroupsRoute};
use home::HomePage;
use meetings::page::MeetingsRoute;
use organiser::page::MyRequestRoute;
use pages::view::ContentRoute;
use request::page::NewGroupRoute;
use shell::{frame::Shell, not_found::NotFoundPage};

/// Starts loading the chunks of the page at `path` (the address's, its language's segment
/// included), which the router then finds on their way. `shell::takeover` calls it in a task of
/// its own before the app is mounted: the loader's requests (one per chunk, 19–25 for a page
/// with groups) were otherwise made in the mount's task, a phone's longest.
pub async fn preload_page(path: String) {
    let (_, path) = groups_i18n::address::split(&path);
    match groups_core::routes::match_path(path) {
        Matched::Page(Page::Home, _) => home::preload_part().await,
        Matched::Page(Page::Groups, _) => GroupsRoute::preload().await,
        Matched::Page(Page::Group, _) => GroupRoute::preload().await,
        Matched::Page(Page::Meetings, _) => MeetingsRoute::preload().await,
        Matched::Page(Page::NewGroup, _) => NewGroupRoute::preload().await,
        Matched::Page(Page::MyRequest, _) => MyRequestRoute::preload().await,
        // The content pages are in the main module.
        Matched::Other(_) => {}
    }
}

/// The whole app: the shared shell and the routes.
#[component]
pub fn App() -> impl IntoView {
    shell::lazy::provide();
    // Before the router, whose own listeners it must precede (see `History::provide`).
    shell::history::History::provide();
    view! {
        // One language's addresses (`/ja/…`): the address's language, the app's.
        <Router base=groups_i18n::address::base(groups_i18n::catalogue::current().lang())>
            <Shell>
                // Each page's path from the route table (`groups_core::routes`), which the
                // server, pre-rendering and the tests read too.
                <FlatRoutes fallback=NotFoundPage>
                    <Route path=(StaticSegment(route(Page::Home).segment),) view=HomePage />
                    <Route path=(StaticSegment(route(Page::Groups).segment),) view={Lazy::<GroupsRoute>::new()} />
                    <Route
                        path=(StaticSegment(route(Page::Group).segment), ParamSegment(param(Page::Group)))
                        view={Lazy::<GroupRoute>::new()}
                    />
                    <Route path=(StaticSegment(route(Page::Meetings).segment),) view={Lazy::<MeetingsRoute>::new()} />
                    <Route path=(StaticSegment(route(Page::NewGroup).segment),) view={Lazy::<NewGroupRoute>::new()} />
                    <Route path=(StaticSegment(route(Page::MyRequest).segment),) view={Lazy::<MyRequestRoute>::new()} />
                    // Content pages by path, `/content/<path>` or alias; unknown ones show 404.
                    <Route path=path!("/*route") view=ContentRoute />
                </FlatRoutes>
            </Shell>
        </Router>
    }
}
