//! The groups portal app: the [`App`] component and its route table.
//!
//! Each folder is one feature, with its pure logic (tested natively) beside its views:
//! [`shell`] (the frame, titles, focus, 404), [`pages`] (the content pages), [`directory`]
//! (the groups, filters, list and group pages), [`map`] (the world map) and [`request`] (the
//! new-group form). [`home`] composes them. The shared domain is the `groups_core` crate.

pub use groups_core::regions;

pub mod components;
pub mod directory;
pub mod home;
pub mod map;
pub mod pages;
pub mod request;
pub mod shell;

use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};

use directory::{group_page::GroupPage, load::Groups, page::GroupsPage};
use home::HomePage;
use pages::view::ContentRoute;
use request::page::NewGroupPage;
use shell::{frame::Shell, not_found::NotFoundPage};

/// The whole app: the shared shell and the routes.
#[component]
pub fn App() -> impl IntoView {
    Groups::provide();
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
