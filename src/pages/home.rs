//! `/`: what the portal is and where to go next.

use leptos::prelude::*;
use crate::components::title::PageTitle;

use crate::site::TAGLINE;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        // The home page's title is the site name alone.
        <PageTitle text="" />
        <div class="page home">
            <h1>"Find an OpenStack user group near you"</h1>
            <p class="lead">{TAGLINE}</p>
            <ul class="cta-list">
                <li>
                    <a class="cta" href="/groups">"Browse the groups"</a>
                </li>
                <li>
                    <a class="cta secondary" href="/new-group">"Start a group"</a>
                </li>
            </ul>
        </div>
    }
}
