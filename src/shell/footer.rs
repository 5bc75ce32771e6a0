//! The site footer.

use leptos::prelude::*;

use super::site::{SITE_NAME, TAGLINE};
use crate::pages::lookup as content;

/// Pages every visitor should be able to reach from anywhere.
pub const FOOTER_PAGES: &[&str] = &["code-of-conduct", "privacy"];

/// Footer shown on every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let links = FOOTER_PAGES.iter().filter_map(|path| content::find(path));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_footer_page_is_a_real_page() {
        for path in FOOTER_PAGES {
            assert!(content::find(path).is_some(), "{path}");
        }
    }
}
