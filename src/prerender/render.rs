//! A route's view rendered to HTML inside the shell, by Leptos' server renderer: the same
//! components, in the same frame, that the browser mounts, so the app finds on the page what
//! it would draw itself.

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use leptos::prelude::*;
use leptos_router::{components::Router, location::RequestUrl};

use crate::shell::frame::Shell;

/// Runs nothing: effects and resources belong to the browser, and a pre-rendered page shows
/// what the app shows before any of them has run (a directory still loading, say).
struct Idle;

impl CustomExecutor for Idle {
    fn spawn(&self, _: PinnedFuture<()>) {}
    fn spawn_local(&self, _: PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The HTML of the shell around `page`, as the app renders it at `path`.
pub fn markup<V: IntoView + 'static>(path: &str, page: impl FnOnce() -> V + Send + 'static) -> String {
    // The first call wins; later calls find the same executor installed.
    let _ = Executor::init_custom_executor(Idle);
    let owner = Owner::new();
    let html = owner.with(|| {
        // A page rendered once into a file reacts to nothing: its signal reads are meant to
        // happen once, so the debug build's warning about reads outside a tracking context
        // does not apply.
        let _once = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
        provide_context(RequestUrl::new(path));
        crate::shell::lazy::provide();
        let base = groups_i18n::address::base(groups_i18n::catalogue::current().lang());
        view! { <Router base><Shell>{page()}</Shell></Router> }.to_html()
    });
    owner.cleanup();
    without_markers(&html)
}

/// The renderer's `<!>` markers (hydration anchors: this app is not hydrated, it mounts and
/// takes the page over) are not well-formed HTML comments; they go.
fn without_markers(html: &str) -> String {
    html.replace("<!>", "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::{lookup, view::ContentPage};

    #[test]
    fn a_content_page_renders_in_the_shell_without_markers() {
        let page = lookup::find("privacy").unwrap();
        let html = markup("/privacy", move || view! { <ContentPage page /> });
        assert!(html.starts_with("<a href=\"#main\" class=\"skip-link\">"), "{html}");
        assert!(html.contains("<main id=\"main\" tabindex=\"-1\">"));
        assert!(html.contains("<h1>Privacy policy</h1>"));
        assert!(html.contains(page.html), "the page's body as compiled");
        assert!(html.contains("<footer"));
        assert!(!html.contains("<!>"));
        assert_eq!(html.matches("<h1").count(), 1);
    }
}
