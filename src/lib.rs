//! The groups portal app: the [`App`] component and its route table.
//!
//! Pages live in [`pages`], reusable views in [`components`]; everything that can be
//! expressed without the DOM (titles, navigation entries) lives in plain modules so that it
//! is tested natively.

pub use groups_core::{json, regions};

pub mod cluster;
pub mod components;
pub mod content;
pub mod data;
pub mod draft;
pub mod filter;
pub mod geo;
pub mod groups;
pub mod html;
pub mod inbox;
pub mod nav;
pub mod nearby;
pub mod pages;
pub mod search;
pub mod sending;
pub mod site;
pub mod storage;
pub mod viewport;
#[cfg(not(target_arch = "wasm32"))]
pub mod world;

use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};

use components::shell::Shell;
use pages::{
    content::ContentRoute, group::GroupPage, groups::GroupsPage, home::HomePage, new_group::NewGroupPage,
    not_found::NotFoundPage,
};

/// The whole app: document metadata, the shared shell and the routes.
#[component]
pub fn App() -> impl IntoView {
    data::Groups::provide();
    view! {
        <Router>
            <Shell>
                <FlatRoutes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/groups") view=GroupsPage />
                    <Route path=path!("/groups/:slug") view=GroupPage />
                    <Route path=path!("/new-group") view=NewGroupPage />
                    // Content pages by path, `/content/<path>` or alias; unknown ones show 404.
                    <Route path=path!("/*route") view=ContentRoute />
                </FlatRoutes>
            </Shell>
        </Router>
    }
}
