//! The site header: the site name (a link home) and the main navigation, which on a narrow
//! screen waits behind a "Menu" button.

use groups_core::routes::{href, Page};
use leptos::{html, prelude::*};
use leptos_router::hooks::use_location;

use super::{
    nav::{is_current, items, NavItem},
    site::SITE_NAME,
};

/// Header shown on every page.
///
/// The menu is a `<details>`: its `<summary>` is a button that says whether the menu is open,
/// works by keyboard and before the app has arrived or without JavaScript, in the page the
/// server sends. On a wide screen the style sheet hides the button and shows the links (where
/// the browser can style a `<details>`' content; elsewhere the button shows at every width).
#[component]
pub fn SiteHeader() -> impl IntoView {
    let menu = NodeRef::<html::Details>::new();
    let location = use_location();
    // A link followed from the open menu leads to a page the menu would hide.
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    });
    view! {
        <header class="site-header">
            <a class="site-name" href=href(Page::Home)>{SITE_NAME}</a>
            <nav class="main-nav" aria-label="Main">
                <details class="menu" node_ref=menu>
                    <summary class="menu-button">"Menu"</summary>
                    <ul>
                        {items().into_iter().map(|item| view! { <NavLink item /> }).collect_view()}
                    </ul>
                </details>
            </nav>
        </header>
    }
}

/// One navigation entry; `aria-current="page"` marks the section the visitor is in.
#[component]
fn NavLink(item: NavItem) -> impl IntoView {
    let location = use_location();
    let NavItem { label, href } = item;
    let current = {
        let href = href.clone();
        move || is_current(&href, &location.pathname.get()).then_some("page")
    };
    view! {
        <li>
            <a href=href aria-current=current>{label}</a>
        </li>
    }
}
