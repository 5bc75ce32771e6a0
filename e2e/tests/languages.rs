//! The portal in its visitors' languages, as a visitor finds it: the switcher in the header
//! leads to the same page in another language and remembers the choice for `/`; the shell
//! and the page speak the language, the same page whole with its filters; links, reloads and
//! the not-found page keep the language; and without JavaScript the switcher works all the
//! same. (A page a language has not translated whole, shown in English under a notice, is
//! checked natively: every page is translated into every language shipped.)

use fantoccini::{elements::Element, Locator};

use crate::support::{start_site, Browser};

/// The switcher's button, once its text (a screen reader's, with the word for "Language")
/// reads `name`.
async fn switcher(browser: &Browser, name: &str) -> Element {
    let condition = format!("document.querySelector('.language-button')?.textContent === {name:?}");
    browser.wait_until(&format!("the switcher says {name}"), &condition).await;
    browser.client.find(Locator::Css(".language-button")).await.unwrap()
}

const JA_SITE: &str = "OpenStack ユーザーグループ";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_switches_to_japanese_and_stays_in_it() {
    let site = start_site().await;
    let browser = Browser::open(&site.base).await;
    browser.goto("/groups?region=asia").await;
    browser.wait_for_h1("User groups").await;
    assert_eq!(browser.eval("return document.documentElement.lang").await, "en");
    assert!(browser.texts(".untranslated").await.is_empty(), "English needs no notice");

    // The switcher: a button naming the language shown, opening onto each language named in
    // itself.
    let button = switcher(&browser, "Language: English").await;
    browser.click(button).await;
    let names = browser.texts(".language-switch a").await;
    assert_eq!(
        names,
        ["English", "Deutsch", "Español", "日本語", "한국어", "Português (Brasil)", "Русский", "简体中文"]
    );
    let japanese = browser.link(".language-switch", "日本語").await;
    assert_eq!(japanese.attr("hreflang").await.unwrap().as_deref(), Some("ja"));
    browser.click(japanese).await;
    browser.wait_for_path("/ja/groups?region=asia").await;
    browser.wait_for_new_document().await;

    // The same page with the same filter, in Japanese, frame and page.
    let words = groups_i18n::Catalogue::of(groups_i18n::Lang::Ja);
    assert_eq!(browser.eval("return document.documentElement.lang").await, "ja");
    browser.wait_for_text(".site-name", JA_SITE).await;
    browser.wait_for_title(&format!("グループ · {JA_SITE}")).await;
    browser.wait_for_h1(words.text(groups_i18n::Msg::DirectoryHeading)).await;
    assert!(browser.texts(".untranslated").await.is_empty(), "translated: no notice");
    assert!(browser.eval("return document.querySelector('main').getAttribute('lang')").await.is_null());
    let region = "return document.getElementById('filter-region').selectedOptions[0].textContent";
    let asia = browser.eval(region).await;
    assert!(asia.as_str().unwrap().starts_with(words.text(groups_i18n::Msg::PlaceRegionAsia)), "{asia}");
    let menu = browser.texts(".main-nav a").await;
    assert_eq!(&menu[..3], ["グループ", "ミートアップ", "グループを始める"]);
    switcher(&browser, "言語: 日本語").await;
    browser.assert_accessible().await;

    // A link inside the app stays in Japanese, without loading a new document.
    browser.mark_document().await;
    let meetings = browser.link(".main-nav", "ミートアップ").await;
    browser.click(meetings).await;
    browser.wait_for_path("/ja/meetings").await;
    browser.wait_for_title(&format!("ミートアップ · {JA_SITE}")).await;
    assert!(browser.same_document().await, "the router took the link");
    // /meetings is translated: Japanese whole, without the notice.
    browser.wait_for_h1("ミートアップ").await;
    let lead = groups_i18n::Catalogue::of(groups_i18n::Lang::Ja).text(groups_i18n::Msg::MeetingsLead);
    browser.wait_for_text("main .lead", lead).await;
    assert!(browser.texts(".untranslated").await.is_empty(), "/meetings is translated");
    assert_eq!(browser.eval("return document.querySelector('main').lang").await, "");
    browser.assert_accessible().await;

    // A reload keeps it; an address that leads nowhere says so in Japanese.
    browser.reload().await;
    browser.wait_for_text(".site-name", JA_SITE).await;
    browser.goto("/ja/no/such/page").await;
    browser.wait_for_h1("ページが見つかりません").await;
    let text = browser.texts("main p").await.join(" ");
    assert!(text.contains("/ja/no/such/page") && text.contains("ページがありません"), "{text}");
    assert!(browser.texts(".untranslated").await.is_empty(), "the not-found page is translated");
    browser.assert_accessible().await;

    // From the (translated) not-found page into the home page inside the app: translated too,
    // its regions' names and counts in Japanese.
    browser.mark_document().await;
    browser.click(browser.link("main", "ホームページへ").await).await;
    browser.wait_for_path("/ja/").await;
    assert!(browser.same_document().await, "the router took the link");
    let japanese = groups_i18n::Catalogue::of(groups_i18n::Lang::Ja);
    browser.wait_for_h1(japanese.text(groups_i18n::Msg::HomeHeading)).await;
    browser.wait_for_text("main .region-list a", japanese.text(groups_i18n::Msg::PlaceRegionEurope)).await;
    assert!(browser.texts(".untranslated").await.is_empty(), "the home page is translated");

    // From there into the directory, in Japanese too: its heading, filters and count.
    let groups = browser.link(".main-nav", "グループ").await;
    browser.click(groups).await;
    browser.wait_for_path("/ja/groups").await;
    assert!(browser.same_document().await, "the router took the link");
    browser.wait_until("the list", "document.querySelectorAll('main .group-list li').length > 0").await;
    browser.wait_for_h1(japanese.text(groups_i18n::Msg::DirectoryHeading)).await;
    browser.wait_for_text("label[for=filter-status]", japanese.text(groups_i18n::Msg::GroupStatus)).await;
    assert!(browser.texts(".untranslated").await.is_empty(), "the directory is translated");

    // The choice is remembered for `/`, the one address that chooses.
    browser.goto("/").await;
    browser.wait_for_path("/ja/").await;
    browser.wait_for_text(".site-name", JA_SITE).await;
    browser.wait_for_h1(japanese.text(groups_i18n::Msg::HomeHeading)).await;

    // Back to English, by the same switcher.
    let button = switcher(&browser, "言語: 日本語").await;
    browser.click(button).await;
    let english = browser.link(".language-switch", "English").await;
    browser.click(english).await;
    browser.wait_for_path("/").await;
    browser.wait_for_new_document().await;
    browser.wait_for_text(".site-name", "OpenStack User Groups").await;
    browser.goto("/").await;
    assert_eq!(browser.path().await, "/", "English is remembered too");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_switcher_leads_to_each_language_whole() {
    let site = start_site().await;
    let browser = Browser::open_without_javascript(&site.base).await;
    browser.goto("/groups/berlin").await;
    let button = browser.client.find(Locator::Css(".language-button")).await.unwrap();
    browser.click(button).await;
    let russian = browser.link(".language-switch", "Русский").await;
    browser.click(russian).await;
    browser.wait_for_path("/ru/groups/berlin").await;
    browser.wait_for_text(".site-name", "Группы пользователей OpenStack").await;
    browser.wait_for_h1("OpenStack Berlin").await;
    // A group's page is translated: in Russian, without the notice, its links in Russian's
    // addresses.
    assert!(browser.texts(".untranslated").await.is_empty());
    let russian = groups_i18n::Catalogue::of(groups_i18n::Lang::Ru);
    let all_groups = browser.link("main", russian.text(groups_i18n::Msg::GroupAll)).await;
    assert_eq!(all_groups.attr("href").await.unwrap().as_deref(), Some("/ru/groups"));
    // The directory, the server's page without JavaScript: in Russian, its filters a form.
    browser.click(all_groups).await;
    browser.wait_for_path("/ru/groups").await;
    browser.wait_for_h1(russian.text(groups_i18n::Msg::DirectoryHeading)).await;
    assert!(browser.texts(".untranslated").await.is_empty());
    browser.wait_for_text("main label[for=nojs-find]", russian.text(groups_i18n::Msg::DirectorySearch)).await;
    let show = browser.wait_for_text("main form.filters button", russian.text(groups_i18n::Msg::PlaceShow)).await;
    // Filtered by a region, as the server answers the form: still in Russian.
    let region = browser.client.find(Locator::Id("nojs-region")).await.unwrap();
    region.select_by_value("europe").await.unwrap();
    browser.click(show).await;
    browser.wait_until("the region chosen", "location.search.includes('region=europe')").await;
    assert!(browser.path().await.starts_with("/ru/groups?"), "{}", browser.path().await);
    browser.wait_for_h1(russian.text(groups_i18n::Msg::DirectoryHeading)).await;
    let europe = russian.text(groups_i18n::Msg::PlaceRegionEurope);
    let chosen = browser.eval("return document.getElementById('nojs-region').selectedOptions[0].textContent").await;
    assert_eq!(chosen, europe);
    // The choice is kept without JavaScript too: `/` sends this visitor to Russian's.
    browser.goto("/").await;
    browser.wait_for_path("/ru/").await;
    browser.assert_clean().await;
}
