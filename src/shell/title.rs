//! The document title: `<page> · <site name>` (`groups_core::site::document_title`, which the
//! pre-rendered documents and the server's use too).

use groups_core::site::{document_title, SITE_NAME};
use leptos::prelude::*;

/// Sets the document title while the page that renders it is shown. The text may change
/// (a group's name arrives after its data loads), and the title follows it. An app page's
/// text is its title in the route table (`groups_core::routes::Route::title`).
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    // The title lives outside the app's DOM tree: syncing it is an effect's job.
    Effect::new(move |_| document().set_title(&document_title(&text.get(), SITE_NAME)));
}
