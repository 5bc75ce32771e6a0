//! The visitor's language: which one the address names (`/ja/groups`), its words taken from
//! the page at start, the switcher in the header, and whether the page shown is in it yet.
//!
//! The wasm has English's words only. Any other language's come with each document the server
//! sends for it (pre-rendering writes them into `<script type="text/plain" id="messages">`,
//! which no browser runs), so a visitor downloads their own language alone and nothing waits
//! for a second request.

use groups_core::{html::escape, routes};
use groups_i18n::{address, catalogue, negotiate, t, Catalogue, Lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::pages::translated;

/// The id of the element holding a document's words (see `prerender`).
pub const MESSAGES_ID: &str = "messages";

/// Makes the address's language the app's, with the words its document brought. Where the
/// document brought none that fit this build (the dev server, a document from before a
/// deployment) the addresses stay the language's and every word is English's, rather than
/// one thing said for another.
pub fn start() {
    let path = window().location().pathname().unwrap_or_default();
    let lang = address::split(&path).0;
    if lang == Lang::En {
        return;
    }
    let words = brought(lang);
    let fits = words.is_some();
    catalogue::set_current(words.unwrap_or_else(|| Catalogue::untranslated(lang)));
    catalogue::set_page_rule(page_in_english);
    // Its translated pages only with its words: never a page in one language in a frame of
    // the other.
    if !fits {
        return;
    }
    if let Some(pages) = document().get_element_by_id(translated::PAGES_ID).and_then(|e| e.text_content()) {
        translated::set(lang, &pages);
        take_body_from_document(&path);
    }
}

/// Keeps the body of the translated page the document came with, from its pre-rendered copy
/// (the server's own document: the same checked HTML the app would fetch), so that taking it
/// over needs no second request.
fn take_body_from_document(path: &str) {
    let route = address::split(path).1;
    let Some(page) = crate::pages::lookup::find(route).filter(|page| translated::words(page).is_some()) else {
        return;
    };
    let body = document().query_selector(&format!("#{} .prose", crate::shell::takeover::PRERENDERED_ID));
    if let Some(html) = body.ok().flatten().map(|prose| prose.inner_html()) {
        translated::keep_body(page, html);
    }
}

fn brought(lang: Lang) -> Option<Catalogue> {
    let text = document().get_element_by_id(MESSAGES_ID)?.text_content()?;
    Catalogue::from_text(lang, &text)
}

thread_local! {
    /// The router's path (see [`follow`]).
    static ROUTER_PATH: std::cell::Cell<Option<Memo<String>>> = const { std::cell::Cell::new(None) };
}

/// Lets the page rule read the router's path: the router draws the next page before the
/// browser's address changes, so the address would name the page being left.
pub fn follow(path: Memo<String>) {
    ROUTER_PATH.with(|p| p.set(Some(path)));
}

/// Whether the page being drawn is in English (see [`shown_in_english`]), for every message of
/// a page (`catalogue::set_page_rule`), remembered per path.
fn page_in_english() -> bool {
    thread_local! {
        static LAST: std::cell::RefCell<(String, bool)> = const { std::cell::RefCell::new((String::new(), false)) };
    }
    let path = ROUTER_PATH
        .with(std::cell::Cell::get)
        .map(|p| p.get_untracked())
        .unwrap_or_else(|| window().location().pathname().unwrap_or_default());
    LAST.with_borrow_mut(|(last, english)| {
        if *last != path {
            *english = shown_in_english(&path);
            *last = path;
        }
        *english
    })
}

/// Whether the page at `path` is shown in English although the visitor's language is another
/// (`groups_core::routes::shown_in_english`, the rule pre-rendering and the server follow).
fn shown_in_english(path: &str) -> bool {
    routes::shown_in_english(path, &catalogue::current(), translated::in_english)
}

/// The language switcher: each language named in itself, leading to the same page in it. A
/// `<details>` like the menu, so that it opens by keyboard and without JavaScript. The links
/// load the page whole (`rel="external"`: the router serves one language's addresses) and
/// carry the choice for the server to keep for `/` in a first-party cookie
/// (`negotiate::chosen_by_link`), so it is kept without JavaScript too. The list is one text
/// ([`links`]), written again when the address changes.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let location = use_location();
    let current = catalogue::current().lang();
    // The fragment too: the organiser's page holds its key there.
    let list = move || links(&location.pathname.get(), &location.search.get(), &location.hash.get(), current);
    view! {
        <details class="language-switch">
            <summary class="language-button">
                <span class="visually-hidden">{t(Msg::ShellLanguage)} ": "</span>
                {current.name()}
            </summary>
            <nav aria-label=t(Msg::ShellLanguagesNav)>
                <ul inner_html=list></ul>
            </nav>
        </details>
    }
}

/// The switcher's links for the page at `path` (any language's address) with `query` (without
/// `?`) and `hash` (with its `#`, or empty), `current` marked as the language shown.
pub fn links(path: &str, query: &str, hash: &str, current: Lang) -> String {
    let query = if query.is_empty() { String::new() } else { format!("?{query}") };
    Lang::ALL
        .iter()
        .map(|&lang| {
            let to = negotiate::choosing_link(&format!("{}{query}", address::switch(path, lang)), lang);
            let href = escape(&format!("{to}{hash}"));
            let marked = if lang == current { " aria-current=\"true\"" } else { "" };
            let (tag, name) = (lang.tag(), lang.name());
            format!("<li><a href=\"{href}\" hreflang=\"{tag}\" lang=\"{tag}\" rel=\"alternate external\"{marked}>{name}</a></li>")
        })
        .collect()
}

// Every language is compiled in natively only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use groups_i18n::catalogue::set_current;

    #[test]
    fn the_switcher_leads_to_the_same_page_with_its_filters_in_each_language() {
        let html = links("/ja/groups", "region=asia&q=a<b", "", Lang::Ja);
        assert!(html.starts_with(
            "<li><a href=\"/groups?region=asia&amp;q=a&lt;b&amp;lang=en\" hreflang=\"en\" lang=\"en\" rel=\"alternate external\">English</a></li>"
        ), "{html}");
        assert!(html.contains(
            "<a href=\"/ja/groups?region=asia&amp;q=a&lt;b&amp;lang=ja\" hreflang=\"ja\" lang=\"ja\" rel=\"alternate external\" aria-current=\"true\">日本語</a>"
        ));
        assert!(
            html.contains("<a href=\"/zh-hans/groups?region=asia&amp;q=a&lt;b&amp;lang=zh-Hans\" hreflang=\"zh-Hans\"")
        );
        assert_eq!(html.matches("<li>").count(), Lang::ALL.len());
        assert_eq!(html.matches("aria-current").count(), 1);
        assert!(links("/", "", "", Lang::En).contains("<a href=\"/ru/?lang=ru\" hreflang=\"ru\""));
        // The organiser's key stays with them; another site is never a link.
        assert!(links("/ja/my-request", "", "#GR-1.K", Lang::Ja).contains("href=\"/de/my-request?lang=de#GR-1.K\""));
        assert!(links("//elsewhere.example/x", "", "", Lang::En).contains("href=\"/elsewhere.example/x?lang=en\""));
    }

    #[test]
    fn in_another_language_a_page_not_translated_yet_is_shown_in_english() {
        assert!(!shown_in_english("/groups"), "English is English");
        set_current(Catalogue::untranslated(Lang::Ja));
        assert!(shown_in_english("/ja/groups"), "its words are not in the catalogue");
        set_current(Catalogue::of(Lang::Ja));
        assert!(!shown_in_english("/ja/groups"), "its words are all in the catalogue");
        assert!(shown_in_english("/ja/privacy"), "a content page its document did not name as translated");
        assert!(shown_in_english("/ja/content/privacy"));
        assert!(!shown_in_english("/ja/no/such/page"), "the not-found page is the shell's");
        set_current(Catalogue::english());
    }
}
