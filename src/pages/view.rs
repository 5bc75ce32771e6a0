//! `/<path>`, `/content/<path>` and each alias: a content page, or the 404 page.

use groups_i18n::{t, tf, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use send_wrapper::SendWrapper;

use super::{lookup as content, translated};
use crate::shell::{lazy::split_call, not_found::NotFoundPage, title::PageTitle};

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

/// One page, in the visitor's language where it is translated: its title as the `h1`, the
/// privacy policy's version when it has one, and the body, rendered to safe HTML at build
/// time.
#[component]
pub fn ContentPage(page: &'static content::Page) -> impl IntoView {
    let title = translated::title(page);
    view! {
        <PageTitle text=title />
        <article class="page content">
            <h1>{title}</h1>
            {page.version.map(|version| view! { <p class="version">{tf(Msg::ShellVersion, &[("version", version)])}</p> })}
            {body(page)}
        </article>
    }
}

/// The page's body: English's (in the wasm), or the translation its document brought or that
/// is fetched now.
fn body(page: &'static content::Page) -> AnyView {
    // Only a language that translated the page has its words (English has none of its own).
    if translated::words(page).is_none() {
        // Its links lead to pages in the visitor's language.
        return prose(groups_core::routes::localize_links(page.html).into_owned());
    }
    match translated::body(page) {
        Some(html) => prose(html),
        // Fetched by code of its own chunk: a visitor of English's pages, or of a page its
        // document brought, never downloads it.
        None => view! {
            <Suspense fallback=move || loading(page)>
                {Suspend::new(SendWrapper::new(async move { split_call!(fetched_body_view, page) }))}
            </Suspense>
        }
        .into_any(),
    }
}

/// What shows while the body or its code comes.
fn loading(page: &'static content::Page) -> impl IntoView {
    view! { <p class="status" role="status">{tf(Msg::ShellLoading, &[("page", translated::title(page))])}</p> }
}

/// Safe by construction: the content compiler rendered it from markdown with raw HTML escaped
/// and every URL checked, and links in the page's language.
fn prose(html: String) -> AnyView {
    view! { <div class="prose" inner_html=html></div> }.into_any()
}

/// The split point for a translated body not known yet: loading, then the page, or why not
/// with a way to try again.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn fetched_body_view(page: &'static content::Page) -> AnyView {
    let text = LocalResource::new(move || fetch(page));
    (move || match text.get() {
        None => loading(page).into_any(),
        Some(Ok(html)) => {
            translated::keep_body(page, html.clone());
            prose(html)
        }
        Some(Err(why)) => view! {
            <div class="load-error" role="alert">
                <p>{tf(Msg::LoadSorry, &[("why", &why)])}</p>
                <button type="button" class="button" on:click=move |_| text.refetch()>{t(Msg::LoadTryAgain)}</button>
            </div>
        }
        .into_any(),
    })
    .into_any()
}

/// The page's body in the current language from the server, or why not in words.
async fn fetch(page: &'static content::Page) -> Result<String, String> {
    let href = translated::text_href(groups_i18n::catalogue::current().lang(), page);
    let unreachable = || t(Msg::LoadPageUnreachable).to_owned();
    let response = gloo_net::http::Request::get(&href).send().await.map_err(|_| unreachable())?;
    if !response.ok() {
        return Err(tf(Msg::LoadPageServerSaid, &[("status", &response.status().to_string())]));
    }
    response.text().await.map_err(|_| unreachable())
}
