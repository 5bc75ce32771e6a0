//! `/new-group`: asking to start a new user group.

use groups_core::{
    routes::{href, route, Page},
    site::{STAFF_ADDRESS, STAFF_MAILTO},
};
use leptos::prelude::*;

#[cfg(not(feature = "prerender"))]
use super::form::RequestForm;
use crate::shell::{lazy::lazy_route, title::PageTitle};

lazy_route!(
    /// The `/new-group` route: its view comes in a chunk of its own in a split build.
    NewGroupRoute,
    new_group_view,
    NewGroupPage
);

/// The new-group request page.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    view! {
        <PageTitle text=route(Page::NewGroup).title() />
        <div class="page">
            <h1>"Start a user group"</h1>
            <p class="lead">
                "Tell us where the group will meet, what it is about and who will run it. Before you ask, check the "
                <a href=href(Page::Groups)>"directory"</a> ": a group may already meet near you."
            </p>
            <p>
                "Every field is required unless it says “optional”. What you type is kept in this tab until the "
                "request is sent, so a reload loses none of it. The agreement and consent boxes are the "
                "exception: after a reload they are left for you to tick again."
            </p>
            <noscript>
                <p class="noscript">
                    "This form needs JavaScript. Without it, you can write to "
                    <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
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
