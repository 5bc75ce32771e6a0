//! Where the server puts what only it knows, the live directory, into a pre-rendered page: a
//! `<noscript>` for readers without JavaScript (the list of groups, the counts by region, the
//! meetings, the home page's next meetings), or a page's whole body (a group's page). The app
//! renders them empty: a `<noscript>` is inert wherever scripts run, and a filled body is the
//! app's to draw.

use leptos::prelude::*;

/// In the pre-rendered template, the slot the server fills (`groups_core::html::BODY_SLOT`).
#[cfg(feature = "prerender")]
const CONTENT: &str = groups_core::html::BODY_SLOT;
#[cfg(not(feature = "prerender"))]
const CONTENT: &str = "";

/// The page's `<noscript>`, filled by the server: at the slot `marker` (a page with two, the
/// home page: `groups_core::html::MEETINGS_SLOT`), else at its body's slot.
#[component]
pub fn ServerNoScript(#[prop(optional)] marker: Option<&'static str>) -> impl IntoView {
    #[cfg(feature = "prerender")]
    let content = marker.unwrap_or(CONTENT);
    #[cfg(not(feature = "prerender"))]
    let content = {
        let _ = marker;
        CONTENT
    };
    view! { <noscript inner_html=content></noscript> }
}

/// A page's body that the server fills (pre-rendering only).
#[component]
pub fn ServerFilled() -> impl IntoView {
    view! { <div class="server-filled" inner_html=CONTENT></div> }
}
