//! `/new-group`: asking to start a new user group.

use leptos::prelude::*;
use leptos_router::LazyRoute;

#[cfg(not(feature = "prerender"))]
use super::form::RequestForm;
use crate::shell::{
    lazy::{arriving, split_call},
    title::PageTitle,
};

/// The `/new-group` route: its view comes in a chunk of its own in a split build.
pub struct NewGroupRoute;

impl LazyRoute for NewGroupRoute {
    fn data() -> Self {
        NewGroupRoute
    }

    async fn view(_: Self) -> AnyView {
        arriving(async { split_call!(new_group_view) }).await
    }
}

/// The split point: this function and everything only it uses leave the main module.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn new_group_view() -> AnyView {
    view! { <NewGroupPage /> }.into_any()
}

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
            <noscript>
                <p class="noscript">
                    "This form needs JavaScript. Without it, you can write to "
                    <a href="mailto:community@openinfra.dev">"community@openinfra.dev"</a>
                    " with the same details: where the group will meet, what it is about and who will run it."
                </p>
            </noscript>
            {form()}
        </div>
    }
}

/// The form; a pre-rendered page has none (it needs the app: the page says so above, and the
/// app draws the form once it has started).
fn form() -> AnyView {
    #[cfg(feature = "prerender")]
    return ().into_any();
    #[cfg(not(feature = "prerender"))]
    view! { <RequestForm /> }.into_any()
}
