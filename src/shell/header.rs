//! The site header: the site name (a link home) and the main navigation.

use groups_core::routes::{href, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{
    nav::{is_current, items, NavItem},
    site::SITE_NAME,
};

/// Header shown on every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="site-name" href=href(Page::Home)>{SITE_NAME}</a>
            <nav class="main-nav" aria-label="Main">
                <ul>
                    {items().into_iter().map(|item| view! { <NavLink item /> }).collect_view()}
                </ul>
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
