//! `/<path>`, `/content/<path>` and each alias: a content page, or the 404 page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::lookup as content;
use crate::shell::{not_found::NotFoundPage, title::PageTitle};

/// Shows the content page for the route, whichever of its addresses was used.
#[component]
pub fn ContentRoute() -> impl IntoView {
    let params = use_params_map();
    let page = Memo::new(move |_| params.with(|p| content::find(&p.get("route").unwrap_or_default())));
    move || match page.get() {
        Some(page) => view! { <ContentPage page /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// One page: its title as the `h1`, the privacy policy's version when it has one, and the
/// body, rendered to safe HTML at build time.
#[component]
pub fn ContentPage(page: &'static content::Page) -> impl IntoView {
    view! {
        <PageTitle text=page.title />
        <article class="page content">
            <h1>{page.title}</h1>
            {page.version.map(|version| view! { <p class="version">"Version " {version}</p> })}
            // Safe by construction: build.rs rendered this from markdown with raw HTML
            // escaped and every URL checked (see the groups-content crate).
            // Its links lead to pages in the visitor's language.
            <div class="prose" inner_html=groups_core::routes::localize_links(page.html).into_owned()></div>
        </article>
    }
}
