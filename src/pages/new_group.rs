//! `/new-group`: asking to start a new user group.

use leptos::prelude::*;
use crate::components::title::PageTitle;

/// The new-group request page.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    view! {
        <PageTitle text="Start a group" />
        <div class="page">
            <h1>"Start a user group"</h1>
            <p class="lead">
                "Before you ask to start a group, check the " <a href="/groups">"directory"</a>
                ": a group may already meet near you."
            </p>
        </div>
    }
}
