//! The page for every route the app does not know.

use groups_core::routes::{href, Page};
use groups_i18n::{t, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::title::PageTitle;

/// The page's title and heading in the visitor's language (its document's too, written by
/// pre-rendering).
pub fn not_found_title() -> &'static str {
    t(Msg::ShellNotFoundTitle)
}

/// "Page not found", with the address that was asked for and a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let location = use_location();
    // The address sits where the language puts it in the sentence.
    let (before, after) = t(Msg::ShellNotFoundText).split_once("{path}").unwrap_or((t(Msg::ShellNotFoundText), ""));
    view! {
        <PageTitle text=not_found_title() />
        <div class="page not-found">
            <h1>{not_found_title()}</h1>
            <p>{before} <code class="path">{move || location.pathname.get()}</code> {after}</p>
            <ul class="cta-list">
                <li>
                    <a class="cta" href=href(Page::Home)>{t(Msg::ShellNotFoundHome)}</a>
                </li>
                <li>
                    <a class="cta secondary" href=href(Page::Groups)>{t(Msg::ShellNotFoundGroups)}</a>
                </li>
            </ul>
        </div>
    }
}
