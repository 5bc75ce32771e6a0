//! The page for every route the app does not know.

use groups_core::routes::{href, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::title::PageTitle;

/// The page's title and heading (its document's too, written by pre-rendering).
pub const NOT_FOUND_TITLE: &str = "Page not found";

/// "Page not found", with the address that was asked for and a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let location = use_location();
    view! {
        <PageTitle text=NOT_FOUND_TITLE />
        <div class="page not-found">
            <h1>{NOT_FOUND_TITLE}</h1>
            <p>
                "There is no page at " <code class="path">{move || location.pathname.get()}</code>
                ". It may have moved, or the link may be mistyped."
            </p>
            <ul class="cta-list">
                <li>
                    <a class="cta" href=href(Page::Home)>"Go to the home page"</a>
                </li>
                <li>
                    <a class="cta secondary" href=href(Page::Groups)>"Browse the groups"</a>
                </li>
            </ul>
        </div>
    }
}
