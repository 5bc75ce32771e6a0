//! `/groups`: the directory of user groups.

use leptos::prelude::*;
use crate::components::title::PageTitle;

/// The groups directory.
#[component]
pub fn GroupsPage() -> impl IntoView {
    view! {
        <PageTitle text="Groups" />
        <div class="page">
            <h1>"User groups"</h1>
            <p class="lead">
                "User groups meet in cities around the world. If none meets near you yet, "
                <a href="/new-group">"ask to start one"</a> "."
            </p>
        </div>
    }
}
