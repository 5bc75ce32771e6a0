//! Every page in every language, opened directly as a visitor's link opens it: the document
//! says its language, names as its versions exactly the languages that say it whole and the
//! right canonical address; a page not translated yet is English inside the language's frame
//! (`lang="en"`) with the one-line notice in the visitor's language, and a translated one has
//! neither; the app takes it over without a shift or a double; and axe-core finds nothing, in
//! scripts from Latin to Cyrillic, Japanese, Korean and Chinese.

use groups_core::routes::{self, ROUTES};
use groups_i18n::{address, catalogue::Speaking, tf, Catalogue, Lang, Msg};
use groups_portal::pages::lookup::{self, PAGES};

use crate::{
    content_texts,
    support::{start_site, Browser},
};

const ORIGIN: &str = "https://groups.openstack.org";

/// Every kind of page by its English address: the route table's examples, the content pages,
/// and an address that is no page.
fn english_addresses() -> Vec<String> {
    let routes = ROUTES.iter().map(|r| r.example.to_owned());
    let content = PAGES.iter().map(|p| p.href.to_owned());
    routes.chain(content).chain(["/no/such/page".to_owned()]).collect()
}

/// What the page at `english` (an address without a query) should be in `lang`: whether it is
/// shown in English, its versions' languages and its canonical address (`None` for the
/// not-found page, which has neither).
fn expected(lang: Lang, english: &str) -> (bool, Option<(Vec<String>, String)>) {
    let localized = address::localize(lang, english);
    let in_english =
        routes::shown_in_english(&localized, &Catalogue::of(lang), |wanted| content_texts::in_english(wanted, lang));
    let is_page = !matches!(routes::match_path(english), routes::Matched::Other(w) if !lookup::is_content(w));
    let head = is_page.then(|| {
        let languages = routes::languages_of(english, content_texts::in_english);
        let canonical = if languages.contains(&lang) { localized.clone() } else { english.to_owned() };
        let mut tags: Vec<String> = languages.iter().map(|l| l.tag().to_owned()).collect();
        tags.push("x-default".to_owned());
        (tags, format!("{ORIGIN}{canonical}"))
    });
    (in_english, head)
}

async fn every_page_in(languages: &[Lang]) {
    let site = start_site().await;
    let b = Browser::open(&site.base).await;
    for &lang in languages {
        for english in english_addresses() {
            let path = address::localize(lang, &english);
            b.goto(&path).await;
            b.wait_until(&format!("{path}: a heading"), "document.querySelector('#app main h1')").await;
            assert_eq!(b.eval("return document.documentElement.lang").await, lang.tag(), "{path}");

            let (in_english, head) = expected(lang, &english);
            let main_lang = b.eval("return document.querySelector('main').getAttribute('lang')").await;
            let notices = b.texts("main .untranslated").await;
            if in_english {
                assert_eq!(main_lang, "en", "{path}: English inside the frame says so");
                let notice = {
                    let _speaking = Speaking::page(lang, true);
                    tf(Msg::ShellUntranslated, &[("language", lang.name())])
                };
                assert_eq!(notices, [notice], "{path}: the notice, in the visitor's language");
            } else {
                assert!(main_lang.is_null(), "{path}: {main_lang}");
                assert!(notices.is_empty(), "{path}: {notices:?}");
            }

            let versions = b
                .eval("return [...document.querySelectorAll('link[rel=alternate][hreflang]')].map(l => l.hreflang);")
                .await;
            let canonical =
                b.eval("return document.querySelector('link[rel=canonical]')?.getAttribute('href') ?? null").await;
            match head {
                Some((tags, url)) => {
                    assert_eq!(versions, serde_json::json!(tags), "{path}: its versions");
                    assert_eq!(canonical, url, "{path}: its canonical address");
                }
                None => assert_eq!((versions, canonical), (serde_json::json!([]), serde_json::Value::Null), "{path}"),
            }

            let counts = b
                .eval("return ['h1', 'main', 'header', 'footer', '.skip-link'].map(s => document.querySelectorAll(s).length);")
                .await;
            assert_eq!(counts, serde_json::json!([1, 1, 1, 1, 1]), "{path}: one of each, nothing twice");
            assert_eq!(b.layout_shift().await, 0.0, "{path}: {:#?}", b.layout_shifts().await);
            b.assert_accessible().await;
        }
    }
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_english_german_spanish_and_japanese_is_whole_accessible_and_still() {
    every_page_in(&[Lang::En, Lang::De, Lang::Es, Lang::Ja]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_korean_portuguese_russian_and_chinese_is_whole_accessible_and_still() {
    every_page_in(&[Lang::Ko, Lang::PtBr, Lang::Ru, Lang::ZhHans]).await;
}
