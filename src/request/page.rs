//! `/new-group`: asking to start a new user group.

use leptos::prelude::*;

use super::form::RequestForm;
use crate::shell::title::PageTitle;

/// The new-group request page.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    view! {
        <PageTitle text="Start a group" />
        <div class="page">
            <h1>"Start a user group"</h1>
            <p class="lead">
                "Tell us where the group will meet, what it is about and who will run it. Before you ask, check the "
                <a href="/groups">"directory"</a> ": a group may already meet near you."
            </p>
            <p>
                "Every field is required unless it says “optional”. What you type is kept in this tab until the "
                "request is sent, so a reload loses nothing."
            </p>
            <RequestForm />
        </div>
    }
}
