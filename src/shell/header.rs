//! The site header: the site name (a link home), the language switcher and the main
//! navigation, which on a narrow screen waits behind a "Menu" button.

use groups_core::routes::{href, Page};
use groups_i18n::{catalogue, t, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{
    languages::LanguageSwitch,
    nav::{is_current, items, NavItem},
    site::site_name,
};

/// Header shown on every page.
///
/// The "Menu" button is the `<summary>` of a `<details>` with nothing else in it, just before
/// the list of links: the browser opens and closes it, says whether it is open, and works it by
/// keyboard, before the app has arrived and without JavaScript, in the page the server sends;
/// on a narrow screen the style sheet shows the links only while it is open (`[open] + ul`). On
/// a wide screen it is hidden and the links stand in a row. The links are never inside the
/// `<details>`: a closed one would hide them from every reader on every screen.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    // A link followed from the open menu leads to a page the menu would hide.
    let open = move || {
        location.pathname.track();
        false
    };
    view! {
        <header class="site-header">
            <a class="site-name" href=href(Page::Home)>{site_name()}</a>
            <nav class="main-nav" aria-label=t(Msg::ShellMainNav)>
                <details class="menu-toggle" prop:open=open>
                    <summary class="menu-button">{t(Msg::ShellMenu)}</summary>
                </details>
                <ul>
                    {items().into_iter().map(|item| view! { <NavLink item /> }).collect_view()}
                </ul>
            </nav>
            <LanguageSwitch />
            // The end of the header, for the style: until a slow network has brought it, the
            // header's items wait unseen (see `.header-end` in main.css).
            <span class="header-end" hidden=true></span>
        </header>
    }
}

/// One navigation entry; `aria-current="page"` marks the section the visitor is in.
#[component]
fn NavLink(item: NavItem) -> impl IntoView {
    let location = use_location();
    let NavItem { label, href, english } = item;
    // A content page's title is English until the page is translated: said as English.
    let lang = (english && catalogue::current().lang() != groups_i18n::Lang::En).then_some("en");
    let current = {
        let href = href.clone();
        move || is_current(&href, &location.pathname.get()).then_some("page")
    };
    view! {
        <li>
            <a href=href aria-current=current lang=lang>{label}</a>
        </li>
    }
}
