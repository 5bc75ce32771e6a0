//! The document title: `<page> · <site name>` (`groups_core::site::document_title`, which the
//! pre-rendered documents and the server's use too), and what a page is called while its code
//! is on its way.

use groups_core::{
    routes::{match_path, route, Matched, Page},
    site::document_title,
};
use groups_i18n::{address, t, Msg};
use leptos::prelude::*;

use super::site::site_name;

/// Sets the document title while the page that renders it is shown. The text may change
/// (a group's name arrives after its data loads), and the title follows it. An app page's
/// text is its title in the route table (`groups_core::routes::Route::title`).
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    // The title lives outside the app's DOM tree: syncing it is an effect's job.
    Effect::new(move |_| document().set_title(&document_title(&text.get(), site_name())));
}

/// What the page at `path` is called while its code arrives (the router keeps the page the
/// visitor left until then): its title for the document, and its name in the progress line
/// ("Loading {page}…"), in the visitor's language; none for a page that never waits. A
/// group's page is titled by the group's name, known only once it has come.
pub fn arriving_title(path: &str) -> Option<(&'static str, &'static str)> {
    match match_path(address::split(path).1) {
        Matched::Page(Page::Group, _) => Some((t(Msg::ShellRouteGroupTitle), t(Msg::ShellRouteGroupName))),
        Matched::Page(page, _) => Some(route(page).title()).filter(|t| !t.is_empty()).map(|t| (t, t)),
        Matched::Other(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_on_its_way_is_called_by_its_title() {
        assert_eq!(arriving_title("/new-group"), Some(("Start a group", "Start a group")));
        assert_eq!(arriving_title("/meetings"), Some(("Meetings", "Meetings")));
        assert_eq!(arriving_title("/groups/berlin"), Some(("Group", "the group")));
        assert_eq!(arriving_title("/"), None, "the home page is never waited for");
        assert_eq!(arriving_title("/privacy"), None, "nor a content page");
    }

    // Every language is compiled in natively only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn in_another_language_it_is_called_in_that_language() {
        use groups_i18n::{catalogue::set_current, Catalogue, Lang};
        set_current(Catalogue::of(Lang::De));
        assert_eq!(arriving_title("/de/new-group"), Some(("Gruppe gründen", "Gruppe gründen")));
        assert_eq!(arriving_title("/de/groups/berlin"), Some(("Gruppe", "die Gruppe")));
        assert_eq!(arriving_title("/de/"), None);
        set_current(Catalogue::english());
    }
}
