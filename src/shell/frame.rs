//! The frame every page shares: skip link, header, the one `<main>` landmark and footer, and
//! the line that says a page is on its way.

use groups_core::site::document_title;
use groups_i18n::{catalogue, t, tf, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{
    focus::FocusOnNavigation,
    footer::SiteFooter,
    header::SiteHeader,
    lazy::Arriving,
    site::{site_name, MAIN_ID},
    title::arriving_title,
};

/// Wraps the routed page in the site's shell.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let coming = coming();
    let location = use_location();
    super::languages::follow(location.pathname);
    // The page rule's answer (`languages::start`), again at each page: the `lang` attribute and
    // the notice both read it.
    let english = Memo::new(move |_| {
        location.pathname.track();
        catalogue::page_in_english()
    });
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=skip_to_main>
            {t(Msg::ShellSkipToMain)}
        </a>
        <SiteHeader />
        <RouteProgress coming />
        // tabindex -1: the skip link and the navigation focus can land on <main>
        // without adding it to the tab order. Busy while the next page's code arrives.
        // A page not translated into the visitor's language yet is English, and says so in
        // theirs.
        <main
            id=MAIN_ID
            tabindex="-1"
            aria-busy=move || coming.with(Option::is_some).then_some("true")
            lang=move || english.get().then_some("en")
        >
            {move || {
                english
                    .get()
                    .then(|| {
                        // In the visitor's language, or English's words where theirs lack the shell's.
                        let said_in = catalogue::current().lang_of(Msg::ShellUntranslated);
                        let text = tf(Msg::ShellUntranslated, &[("language", catalogue::current().lang().name())]);
                        view! { <p class="untranslated" lang=said_in.tag()>{text}</p> }
                    })
            }}
            {children()}
        </main>
        <SiteFooter />
        <FocusOnNavigation />
    }
}

/// The page the visitor went to while its code is on its way (the router keeps the page they
/// left until it has come, seconds on a slow network): its title and name
/// ([`arriving_title`]). Not on the first page of a visit: the server sent that one whole,
/// with its title, and the app takes it over out of sight.
fn coming() -> Memo<Option<(&'static str, &'static str)>> {
    let arriving = use_context::<Arriving>().map_or_else(|| Signal::stored(false), Arriving::pending);
    let location = use_location();
    let first = location.pathname.get_untracked();
    let moved = StoredValue::new(false);
    Memo::new(move |_| {
        let path = location.pathname.get();
        if path != first {
            moved.set_value(true);
        }
        (arriving.get() && moved.get_value()).then(|| arriving_title(&path)).flatten()
    })
}

/// Says at once that a page is coming: its title in the tab, and a line at the top of the
/// window, in a status region so that it is heard too. The region is always there (empty and
/// without a box otherwise): one added with its text is not read out.
#[component]
fn RouteProgress(coming: Memo<Option<(&'static str, &'static str)>>) -> impl IntoView {
    Effect::new(move |_| {
        if let Some((title, _)) = coming.get() {
            document().set_title(&document_title(title, site_name()));
        }
    });
    view! {
        <p class="route-progress" class:arriving=move || coming.with(Option::is_some) role="status">
            {move || {
                coming.get().map(|(_, name)| {
                    view! { <span class="route-progress-bar"></span> {tf(Msg::ShellLoading, &[("page", name)])} }
                })
            }}
        </p>
    }
}

/// Moves focus to `<main>` itself: following `#main` only scrolls in some browsers, and the
/// router would otherwise turn the click into a navigation.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    super::focus::focus_by_id(MAIN_ID, false);
}
