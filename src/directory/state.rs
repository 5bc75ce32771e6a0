//! Shows the loaded directory, or its loading state, or its error with a retry button.

use std::sync::Arc;

use groups_i18n::{t, tf, Msg};
use leptos::prelude::*;

use super::{load::Groups, model::Directory};

/// What the page says while the groups load (also while their code loads, on the home page).
pub fn loading_text() -> &'static str {
    t(Msg::LoadGroups)
}

/// Renders `render(directory)` once the directory is loaded; `loading` meanwhile (a line
/// saying so when not given: a page may give the shape of what is coming instead, so that
/// nothing moves when it comes).
#[component]
pub fn WithDirectory<F, V>(render: F, #[prop(optional, into)] loading: Option<ViewFn>) -> impl IntoView
where
    F: Fn(Arc<Directory>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let groups = Groups::use_context();
    move || {
        match groups.0.get() {
        None => match &loading {
            Some(loading) => loading.run(),
            // Only with JavaScript: without it, nothing is loading (`js-only`: shown once the
            // document is marked `js`, see `prerender::JS_CLASS_SCRIPT` and `shell::takeover`).
            None => view! { <p class="status js-only" role="status">{loading_text()}</p> }.into_any(),
        },
        Some(Err(error)) => view! {
            <div class="load-error" role="alert">
                <p>{tf(Msg::LoadSorry, &[("why", &error.text())])}</p>
                <button type="button" class="button" on:click=move |_| groups.0.refetch()>{t(Msg::LoadTryAgain)}</button>
            </div>
        }
        .into_any(),
        Some(Ok(directory)) => render(directory).into_any(),
    }
    }
}
