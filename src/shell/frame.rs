//! The frame every page shares: skip link, header, the one `<main>` landmark and footer.

use leptos::prelude::*;

use super::{focus::FocusOnNavigation, footer::SiteFooter, header::SiteHeader, site::MAIN_ID};

/// Wraps the routed page in the site's shell.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=skip_to_main>
            "Skip to main content"
        </a>
        <SiteHeader />
        // tabindex -1: the skip link and the navigation focus can land on <main>
        // without adding it to the tab order.
        <main id=MAIN_ID tabindex="-1">
            {children()}
        </main>
        <SiteFooter />
        <FocusOnNavigation />
    }
}

/// Moves focus to `<main>` itself: following `#main` only scrolls in some browsers, and the
/// router would otherwise turn the click into a navigation.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    super::focus::focus_by_id(MAIN_ID, false);
}
