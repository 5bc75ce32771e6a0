//! The site footer.

use leptos::prelude::*;

use super::site::{SITE_NAME, TAGLINE};
use crate::pages::lookup::{
    named::{CODE_OF_CONDUCT, PRIVACY},
    Page,
};

/// Pages every visitor should be able to reach from anywhere.
pub const FOOTER_PAGES: &[&Page] = &[CODE_OF_CONDUCT, PRIVACY];

/// Footer shown on every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let links = FOOTER_PAGES.iter();
    view! {
        <footer class="site-footer">
            <p>{SITE_NAME} ": " {TAGLINE}</p>
            <nav aria-label="Policies">
                <ul>
                    {links.map(|page| view! { <li><a href=page.href>{page.title}</a></li> }).collect_view()}
                </ul>
            </nav>
            <p>"User groups are run by volunteers from the community."</p>
        </footer>
    }
}
