//! The site footer.

use leptos::prelude::*;

use crate::site::{SITE_NAME, TAGLINE};

/// Footer shown on every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{SITE_NAME} ": " {TAGLINE}</p>
            <p>"User groups are run by volunteers from the community."</p>
        </footer>
    }
}
