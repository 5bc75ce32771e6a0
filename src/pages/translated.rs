//! The content pages in the visitor's language, where they are translated
//! (`src/content/<address>/`).
//!
//! The wasm carries English's pages only. Another language's come as its words do, with its
//! documents: each document names the language's translated pages with their titles and menu
//! labels (`<script type="text/plain" id="pages">`, written by pre-rendering), the document of
//! a translated page brings its body (in the pre-rendered copy), and the app fetches another
//! page's body when the visitor goes there (`/texts/<address>/<path>.html`, written at build
//! time beside the documents). A page the language has not translated is English's, said so.

use std::cell::RefCell;

use groups_i18n::{catalogue, Lang};

use super::lookup::{self as content, Page};

/// The id of the element naming a document's translated pages.
pub const PAGES_ID: &str = "pages";

/// A translated page's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    pub title: &'static str,
    pub menu: Option<&'static str>,
}

/// A few pages each: lists, looked through (a map's hashing code would weigh more in the
/// main module than the search costs).
#[derive(Default)]
struct Translated {
    lang: Option<Lang>,
    words: Vec<(&'static str, Words)>,
    /// The bodies known so far, by path (rendered, checked, links in the language).
    bodies: Vec<(&'static str, String)>,
}

thread_local! {
    static TRANSLATED: RefCell<Translated> = RefCell::new(Translated::default());
}

/// Makes `text` (see [`to_text`]) `lang`'s translated pages, forgetting any other language's.
/// A line naming no page is left out. The words live as long as the app (a few short texts,
/// set once per visit; a build sets each language's once).
pub fn set(lang: Lang, text: &str) {
    let words = text
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let page = content::find(parts.next()?)?;
            let title = parts.next().filter(|t| !t.is_empty())?;
            let menu = parts.next().filter(|m| !m.is_empty());
            let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
            Some((page.path, Words { title: leak(title), menu: menu.map(leak) }))
        })
        .collect();
    TRANSLATED.with_borrow_mut(|t| *t = Translated { lang: Some(lang), words, bodies: Vec::new() });
}

/// The text [`set`] reads: a line per page, its path, title and menu label (empty when it has
/// none) apart by tabs. Titles hold no tab nor line (the front matter's values are one line).
pub fn to_text<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str, Option<&'a str>)>) -> String {
    pages.into_iter().map(|(path, title, menu)| format!("{path}\t{title}\t{}\n", menu.unwrap_or_default())).collect()
}

/// The page's words in the current language, when it is translated into it.
pub fn words(page: &Page) -> Option<Words> {
    let lang = catalogue::current().lang();
    TRANSLATED.with_borrow(|t| {
        (t.lang == Some(lang)).then(|| t.words.iter().find(|(path, _)| *path == page.path).map(|(_, w)| *w)).flatten()
    })
}

/// Whether the current language says `page` (English says every page).
pub fn says(page: &Page) -> bool {
    catalogue::current().lang() == Lang::En || words(page).is_some()
}

/// Whether `route` shows a content page that the current language has not translated (it is
/// then English's, inside the language's frame).
pub fn in_english(route: &str) -> bool {
    content::find(route).is_some_and(|page| !says(page))
}

/// The page's title in the current language, or English's.
pub fn title(page: &'static Page) -> &'static str {
    words(page).map_or(page.title, |w| w.title)
}

/// The page's label in the main navigation, in the current language, or English's.
pub fn menu_label(page: &'static Page) -> &'static str {
    words(page).map_or(page.menu.unwrap_or(page.title), |w| w.menu.unwrap_or(w.title))
}

/// The `lang` of a link naming `page` by its title: `"en"` where the title is English's in
/// another language.
pub fn title_lang(page: &Page) -> Option<&'static str> {
    (!says(page)).then_some("en")
}

/// The translated body of `page`, when it is known (its document brought it, or it was
/// fetched).
pub fn body(page: &Page) -> Option<String> {
    TRANSLATED.with_borrow(|t| t.bodies.iter().find(|(path, _)| *path == page.path).map(|(_, html)| html.clone()))
}

/// Keeps the translated body of `page` for the rest of the visit.
pub fn keep_body(page: &'static Page, html: String) {
    TRANSLATED.with_borrow_mut(|t| {
        t.bodies.retain(|(path, _)| *path != page.path);
        t.bodies.push((page.path, html));
    });
}

/// Where a page's body in `lang` is served: `/texts/ja/privacy.html` (see
/// [`text_file`]).
pub fn text_href(lang: Lang, page: &Page) -> String {
    format!("/{}", text_file(lang, page.path))
}

/// The file, inside the built site, holding the body of the page at `path` in `lang`.
pub fn text_file(lang: Lang, path: &str) -> String {
    format!("{}/{}/{path}.html", groups_core::routes::TEXTS_PREFIX, lang.address())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_languages_pages_are_named_by_their_documents_text() {
        let privacy = content::find("privacy").unwrap();
        let tips = content::find("organizer-tips").unwrap();
        set(
            Lang::Ja,
            &to_text([
                ("privacy", "プライバシー", None),
                ("nowhere", "x", None),
                ("organizer-tips", "ヒント", Some("ヒント集")),
            ]),
        );
        catalogue::set_current(groups_i18n::Catalogue::of(Lang::Ja));
        assert_eq!(title(privacy), "プライバシー");
        assert_eq!(menu_label(privacy), "プライバシー", "no menu label: the title");
        assert_eq!(menu_label(tips), "ヒント集");
        assert!(!in_english("/privacy") && !in_english("content/privacy-policy"));
        assert!(in_english("code-of-conduct"), "not in the text: not translated");
        assert_eq!(title_lang(content::find("code-of-conduct").unwrap()), Some("en"));
        assert_eq!(body(privacy), None);
        keep_body(privacy, "<p>本文</p>".into());
        assert_eq!(body(privacy).as_deref(), Some("<p>本文</p>"));
        assert_eq!(text_href(Lang::Ja, privacy), "/texts/ja/privacy.html");

        catalogue::set_current(groups_i18n::Catalogue::of(Lang::De));
        assert!(words(privacy).is_none(), "Japanese words are not German's");
        assert!(in_english("privacy"));
        catalogue::set_current(groups_i18n::Catalogue::english());
        assert!(!in_english("privacy"), "English says every page");
        assert_eq!(title(privacy), "Privacy policy");
    }
}
