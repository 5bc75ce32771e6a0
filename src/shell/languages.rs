//! The visitor's language: which one the address names (`/ja/groups`), its words taken from
//! the page at start, the switcher in the header, and whether the page shown is in it yet.
//!
//! The wasm has English's words only. Any other language's come with each document the server
//! sends for it (pre-rendering writes them into `<script type="application/json"
//! id="messages">`, which no browser runs), so a visitor downloads their own language alone
//! and nothing waits for a second request.

use groups_core::routes::{match_path, route, Matched};
use groups_i18n::{address, catalogue, negotiate, t, Catalogue, Lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::pages::lookup as content;

/// The id of the element holding a document's words (see `prerender`).
pub const MESSAGES_ID: &str = "messages";

/// Makes the address's language the app's, with the words its document brought; English when
/// the address names none, or the document brought none that fit this build (the dev server,
/// a document from before a deployment): the app then says everything in English rather
/// than one thing for another.
pub fn start() {
    let path = window().location().pathname().unwrap_or_default();
    let lang = address::split(&path).0;
    if lang == Lang::En {
        return;
    }
    if let Some(catalogue) = brought(lang) {
        catalogue::set_current(catalogue);
    }
}

fn brought(lang: Lang) -> Option<Catalogue> {
    let text = document().get_element_by_id(MESSAGES_ID)?.text_content()?;
    let parsed = js_sys::JSON::parse(&text).ok()?;
    let entries = parsed.dyn_into::<js_sys::Array>().ok()?;
    let entries = entries
        .iter()
        .map(|entry| {
            entry.dyn_into::<js_sys::Array>().ok().map(|forms| forms.iter().filter_map(|f| f.as_string()).collect())
        })
        .collect();
    Catalogue::from_entries(lang, entries)
}

/// Whether the page at `path` is shown in English although the visitor's language is another:
/// a page whose words are not all in that language yet (the route table's `sections`), or a
/// content page (not translated yet). The not-found page is the shell's, always translated.
pub fn shown_in_english(path: &str) -> bool {
    let (lang, rest) = address::split(path);
    if lang == Lang::En || catalogue::current().lang() == Lang::En {
        return false;
    }
    match match_path(rest) {
        Matched::Page(page, _) => !route(page).translated(),
        Matched::Other(wanted) => content::find(wanted).is_some(),
    }
}

/// The language switcher: each language named in itself, leading to the same page in it. A
/// `<details>` like the menu, so that it opens by keyboard and without JavaScript. The links
/// load the page whole (`rel="external"`: the router serves one language's addresses); a
/// click also keeps the choice for `/` in a first-party cookie.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let location = use_location();
    let current = catalogue::current().lang();
    let there = move |lang: Lang| {
        let query = location.search.get();
        let path = address::switch(&location.pathname.get(), lang);
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    view! {
        <details class="language-switch">
            <summary class="language-button">
                <span class="visually-hidden">{t(Msg::ShellLanguage)} ": "</span>
                {current.name()}
            </summary>
            <nav aria-label=t(Msg::ShellLanguagesNav)>
                <ul>
                    {Lang::ALL
                        .iter()
                        .map(|&lang| {
                            view! {
                                <li>
                                    <a
                                        href=move || there(lang)
                                        hreflang=lang.tag()
                                        lang=lang.tag()
                                        rel="alternate external"
                                        aria-current=(lang == current).then_some("true")
                                        on:click=move |_| remember(lang)
                                    >
                                        {lang.name()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </details>
    }
}

/// Keeps `lang` as the visitor's choice for `/` (the only address that chooses).
fn remember(lang: Lang) {
    if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
        let cookie = format!(
            "{}={}; Path=/; Max-Age={}; SameSite=Lax",
            negotiate::COOKIE,
            lang.tag(),
            negotiate::COOKIE_MAX_AGE
        );
        let _ = document.set_cookie(&cookie);
    }
}

// Every language is compiled in natively only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use groups_i18n::catalogue::set_current;

    #[test]
    fn in_another_language_a_page_not_translated_yet_is_shown_in_english() {
        assert!(!shown_in_english("/groups"), "English is English");
        set_current(Catalogue::of(Lang::Ja));
        assert!(shown_in_english("/ja/groups"), "its words are not in the catalogues yet");
        assert!(shown_in_english("/ja/privacy"), "content pages are not translated yet");
        assert!(shown_in_english("/ja/content/privacy"));
        assert!(!shown_in_english("/ja/no/such/page"), "the not-found page is the shell's");
        set_current(Catalogue::english());
    }
}
