//! The document title: `<page> · <site name>` (see [`super::site::document_title`]).

use leptos::prelude::*;

/// Sets the document title while the page that renders it is shown. The text may change
/// (a group's name arrives after its data loads), and the title follows it.
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    // The title lives outside the app's DOM tree: syncing it is an effect's job.
    Effect::new(move |_| document().set_title(&super::site::document_title(&text.get())));
}
