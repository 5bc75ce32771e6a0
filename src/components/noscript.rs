//! What a page shows a reader without JavaScript where its content comes from the live
//! directory (the list of groups, a group's summary): the server fills it in the pre-rendered
//! page. The app renders it empty, and a `<noscript>` is inert wherever scripts run.

use leptos::prelude::*;

/// In the pre-rendered template, the slot the server fills (`groups_core::html::BODY_SLOT`).
#[cfg(feature = "prerender")]
const CONTENT: &str = groups_core::html::BODY_SLOT;
#[cfg(not(feature = "prerender"))]
const CONTENT: &str = "";

/// The page's `<noscript>`, filled by the server.
#[component]
pub fn ServerNoScript() -> impl IntoView {
    view! { <noscript inner_html=CONTENT></noscript> }
}
