//! `/new-group`: asking to start a new user group.

use groups_core::{
    routes::{href, route, Page},
    site::{STAFF_ADDRESS, STAFF_MAILTO},
};
use groups_i18n::{t, Msg};
use leptos::prelude::*;

#[cfg(not(feature = "prerender"))]
use super::form::RequestForm;
use crate::{
    components::sentence::Sentence,
    shell::{lazy::lazy_route, title::PageTitle},
};

lazy_route!(
    /// The `/new-group` route: its view comes in a chunk of its own in a split build.
    NewGroupRoute,
    new_group_view,
    __preload_new_group_view,
    NewGroupPage
);

/// The new-group request page.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    view! {
        <PageTitle text=route(Page::NewGroup).title() />
        <div class="page">
            <h1>{t(Msg::RequestHeading)}</h1>
            <p class="lead">
                <Sentence msg=Msg::RequestLead>
                    <a href=href(Page::Groups)>{t(Msg::RequestLeadLink)}</a>
                </Sentence>
            </p>
            <p>{t(Msg::RequestKept)}</p>
            <noscript>
                <p class="noscript">
                    <Sentence msg=Msg::RequestNoscript placeholder="address">
                        <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
                    </Sentence>
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
