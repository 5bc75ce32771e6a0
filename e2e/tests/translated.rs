//! The pages said whole in other languages, as their visitors see them: `/meetings` and a
//! group's page in Japanese, Russian, Korean and German, opened and reloaded (the server's copy
//! and the app's agree), with meetings from a feed. Nothing is left in English (any piece of
//! English's texts for the page's parts; in the non-Latin scripts, any Latin word but names,
//! addresses and zones), each date, start and month heading is what the browser's own `Intl`
//! (Chromium's ICU, an implementation independent of the site's) writes for the same instant
//! in the group's zone, and every page is accessible. The new-group form too, with the
//! problems its own rules find and those the inbox answers with, each said in the language.

use groups_core::{
    answer::RequestStatus,
    fixtures::valid_request,
    problem::Problem,
    routes::{route, Page},
    validate::validate,
};
use groups_i18n::{catalogue::Speaking, tn, Catalogue, Lang, Msg};
use groups_server::terms::TERMS;

use groups_content::CompiledPage;

use crate::{
    content_texts::{original, translation},
    fault_proxy::{self, Fault},
    feed_server::FeedServer,
    interest,
    meetings::with_meetings,
    new_group::{field, fill, wait_for_reference},
    support::{start_site, stored, Browser},
};

/// What of `main` is not in the page's language: its Latin words, but for text people wrote
/// (names, titles, places: `dir="auto"`), addresses (`code`, `translate="no"`, and hosts such
/// as `meetup.com`), what is marked as English (a content page's title until the page is
/// translated), zones' abbreviations ("CET"), "km", the keys of a keyboard, and the words in
/// `arguments[0]` (names a page's hints give).
const LATIN_WORDS: &str = r#"
    const words = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent.closest('[dir=auto], [translate=no], [lang=en], code, noscript, script, [hidden]') || parent.offsetParent === null) continue;
        const text = node.textContent.replace(/[\w-]+(\.[\w-]+)+/g, '');
        for (const word of text.match(/[A-Za-z]{2,}/g) ?? []) {
            const kept = ['km', 'Ctrl', 'Mac', ...(arguments[0] ?? [])];
            if (!/^[A-Z]{2,5}$/.test(word) && !kept.includes(word)) words.push(word);
        }
    }
    return words;
"#;

/// Each meeting's date and start beside what the browser's `Intl` writes for the same instant
/// in its group's zone (the group linked from the meeting, else `arguments[0]`'s): `[shown date,
/// Intl's date, shown line, Intl's start]`; then each month's heading beside Intl's. Spaces are
/// compared as spaces: CLDR 48 (the site's, and ICU4X's) writes a narrow no-break space where
/// older versions (Debian's Chromium) write a space.
const BESIDE_INTL: &str = r#"
    const lang = document.documentElement.lang;
    const spaced = text => text.replace(/[\u202f\u00a0]/g, ' ');
    const zones = { berlin: 'Europe/Berlin', tokyo: 'Asia/Tokyo' };
    const items = [...document.querySelectorAll('main li.meeting')].map(li => {
        const time = li.querySelector('.meeting-when time');
        const group = li.querySelector('.meeting-where a');
        const timeZone = group ? zones[group.getAttribute('href').split('/').pop()] : arguments[0];
        const at = new Date(time.dateTime);
        const date = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone }).format(at);
        const start = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone }).format(at);
        return [time.textContent, date, li.querySelector('.meeting-when').textContent, start].map(spaced);
    });
    const months = [...document.querySelectorAll('main h2.month')].map(h => {
        const first = h.nextElementSibling.querySelector('time');
        const month = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'Europe/Berlin' });
        return [h.textContent, month.format(new Date(first.dateTime))].map(spaced);
    });
    return { items, months };
"#;

/// The pieces of English's texts for `page` (its sections' messages, cut at their placeholders,
/// 8 characters or more) that `text` still shows, but for those `lang` writes the same.
fn english_left(text: &str, lang: Lang, page: Page) -> Vec<&'static str> {
    let sections = route(page).sections.expect("a translated page");
    let (english, theirs) = (Catalogue::english(), Catalogue::of(lang));
    let mut left = Vec::new();
    for &msg in Msg::ALL.iter().filter(|m| sections.contains(&m.section())) {
        for form in english.forms(msg) {
            for piece in form.split(['{', '}']).step_by(2).map(str::trim).filter(|p| p.chars().count() >= 8) {
                if text.contains(piece) && !theirs.forms(msg).iter().any(|f| f.contains(piece)) {
                    left.push(piece);
                }
            }
        }
    }
    left
}

/// Opens `path` (in `lang`'s addresses) and reloads it; each time checks that it is whole in
/// the language with `meetings` meetings dated as the browser dates them (in `zone` where a
/// meeting does not link its group), then that it is accessible.
async fn check(b: &Browser, lang: Lang, page: Page, path: &str, h1: &str, meetings: usize, zone: &str) {
    let path = groups_i18n::address::localize(lang, path);
    for visit in ["opened", "reloaded"] {
        if visit == "opened" {
            b.goto(&path).await;
        } else {
            b.reload().await;
        }
        b.wait_for_h1(h1).await;
        let count = format!("document.querySelectorAll('main li.meeting').length === {meetings}");
        b.wait_until("the meetings", &count).await;
        assert_eq!(b.eval("return document.documentElement.lang").await, lang.tag());
        assert!(b.texts(".untranslated").await.is_empty(), "{path}: translated, no notice");
        let text = b.eval("return document.querySelector('main').innerText").await;
        let left = english_left(text.as_str().unwrap(), lang, page);
        assert!(left.is_empty(), "{path} ({visit}): English left in the page: {left:?}");
        if matches!(lang, Lang::Ja | Lang::Ko | Lang::Ru | Lang::ZhHans) {
            let latin = b.eval(LATIN_WORDS).await;
            assert_eq!(latin, serde_json::json!([]), "{path} ({visit}): Latin words left in the page");
        }
        let beside = b.eval_with(BESIDE_INTL, vec![serde_json::json!(zone)]).await;
        for item in beside["items"].as_array().unwrap() {
            let [shown, intl, line, start] = [0, 1, 2, 3].map(|i| item[i].as_str().unwrap().to_owned());
            assert_eq!(shown, intl, "{path} ({visit}): a date as the browser writes it");
            assert!(line.contains(&start), "{path} ({visit}): {line:?} starts at {start:?}");
        }
        for month in beside["months"].as_array().unwrap() {
            assert_eq!(month[0], month[1], "{path} ({visit}): a month's heading");
        }
    }
    b.assert_accessible().await;
}

/// The languages checked: two scripts of Asia, Cyrillic, and a Latin one.
const LANGUAGES: [Lang; 4] = [Lang::Ja, Lang::Ru, Lang::Ko, Lang::De];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meetings_and_a_groups_page_are_whole_in_other_languages_and_dated_as_the_browser_dates_them() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    with_meetings(&site, &server).await;
    let b = Browser::open(&site).await;
    for lang in LANGUAGES {
        let meetings_title = Catalogue::of(lang).text(Msg::ShellRouteMeetingsTitle);
        check(&b, lang, Page::Meetings, "/meetings", meetings_title, 4, "Europe/Berlin").await;
        let months = b.texts("main h2.month").await;
        assert!(!months.is_empty(), "{lang:?}: the meetings by month");
        check(&b, lang, Page::Group, "/groups/berlin", "OpenStack Berlin", 3, "Europe/Berlin").await;
        let facts = b.texts("main .facts dt").await;
        assert_eq!(facts[0], Catalogue::of(lang).text(Msg::GroupCity), "{lang:?}");
    }
    b.assert_clean().await;
}

/// What of `page` is not in `lang`: English's texts, and in the non-Latin scripts any Latin
/// word but the names, addresses and keys its hints and consent give.
async fn assert_whole(b: &Browser, lang: Lang, page: Page, when: &str) {
    assert_eq!(b.eval("return document.documentElement.lang").await, lang.tag());
    assert!(b.texts(".untranslated").await.is_empty(), "{lang:?} {when}: translated, no notice");
    let text = b.eval("return document.querySelector('main').innerText").await;
    let left = english_left(text.as_str().unwrap(), lang, page);
    assert!(left.is_empty(), "{lang:?} {when}: English left in the page: {left:?}");
    if matches!(lang, Lang::Ja | Lang::Ko | Lang::Ru | Lang::ZhHans) {
        let names =
            serde_json::json!(["OpenStack", "Leipzig", "Meetup", "iCalendar", "https", "http", "community", "Enter"]);
        let latin = b.eval_with(LATIN_WORDS, vec![names]).await;
        assert_eq!(latin, serde_json::json!([]), "{lang:?} {when}: Latin words left in the page");
    }
}

/// The inbox's 422 for a request whose name is one character long, as the server writes it
/// (`ApiError::fields`), with one more field said in words only (a rule this form does not
/// know): the form must say the first in its page's language and the other as the server did.
fn refusal() -> &'static str {
    let mut request = valid_request();
    request.group.name = "X".into();
    request.consent = Some(TERMS.consent());
    let errors = validate(&request, TERMS).unwrap_err();
    let mut body = groups_server::api::error::ApiError::fields(errors).body;
    body.fields.insert("group.city".into(), "A group already meets in this city.".into());
    Box::leak(serde_json::to_string(&body).unwrap().into_boxed_str())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_new_group_form_says_its_words_and_its_problems_in_other_languages() {
    let inbox = start_site().await;
    // Each language's first send is refused, its second passes to the inbox.
    let faults = LANGUAGES
        .iter()
        .flat_map(|_| [Fault::Answer { status: 422, headers: "", body: refusal() }, Fault::Pass])
        .collect();
    let proxy = fault_proxy::start(&inbox.base, faults).await;
    let b = Browser::open(&proxy.base).await;
    for lang in LANGUAGES {
        let words = Catalogue::of(lang);
        let said = |problem: Problem| {
            let _page = Speaking::page(lang, false);
            problem.text()
        };
        let path = groups_i18n::address::localize(lang, "/new-group");
        b.goto(&path).await;
        b.wait_for_h1(words.text(Msg::RequestHeading)).await;
        let send = b.wait_for_text("button", words.text(Msg::RequestSend)).await;
        assert_whole(&b, lang, Page::NewGroup, "opened").await;

        // Sent empty: the form's own rules, said in the language, the summary first.
        b.click(send).await;
        b.wait_until("the summary", "document.querySelectorAll('.error-summary li').length > 0").await;
        let problems = b.texts(".error-summary li").await.len();
        let heading = {
            let _page = Speaking::page(lang, false);
            tn(Msg::RequestProblems, problems as u64, &[])
        };
        b.wait_for_text(".error-summary h2", &heading).await;
        let name = said(Problem::Empty { subject: groups_core::problem::Subject::GroupName });
        b.wait_for_text("#group-name-error", &name).await;
        b.wait_for_text("#country-error", &said(Problem::NoCountry)).await;
        assert_whole(&b, lang, Page::NewGroup, "with the form's problems").await;
        b.assert_accessible().await;

        // Filled in and sent: the inbox refuses the name (a code) and the city (words only).
        let country = words.country("DE").unwrap_or("Germany");
        field(&b, words.text(Msg::PlaceCountry)).await.select_by_label(country).await.unwrap();
        let optional = words.text(Msg::RequestOptional);
        let city = format!("{}{}", words.text(Msg::GroupCity), optional);
        fill(&b, &city, "Berlin").await;
        fill(&b, words.text(Msg::RequestName), "OpenStack Spree").await;
        fill(&b, words.text(Msg::RequestDescription), "Evening talks about running OpenStack, every month.").await;
        let organiser = |label: Msg| {
            let _page = Speaking::page(lang, false);
            groups_i18n::tf(Msg::RequestOfOrganiser, &[("n", "1"), ("text", words.text(label))])
        };
        fill(&b, &organiser(Msg::RequestPersonName), "Ada Lovelace").await;
        fill(&b, &organiser(Msg::RequestEmail), "ada@example.org").await;
        for id in ["agree-code-of-conduct", "agree-non-commercial", "consent"] {
            b.click(b.client.find(fantoccini::Locator::Id(id)).await.unwrap()).await;
        }
        b.click(b.wait_for_text("button", words.text(Msg::RequestSend)).await).await;
        let too_short = said(Problem::TooShort { subject: groups_core::problem::Subject::GroupName, min: 3 });
        b.wait_for_text("#group-name-error", &too_short).await;
        b.wait_for_text("#city-error", "A group already meets in this city.").await;
        let two = {
            let _page = Speaking::page(lang, false);
            tn(Msg::RequestProblems, 2, &[])
        };
        b.wait_for_text(".error-summary h2", &two).await;
        // With the groups that meet near the place given shown above the form: nothing of
        // English's texts (the city's refusal is the server's English sentence, shown as it came).
        b.wait_until("the nearby groups", "document.querySelector('.nearby li')").await;
        let text = b.eval("return document.querySelector('main').innerText").await;
        let left = english_left(text.as_str().unwrap(), lang, Page::NewGroup);
        assert!(left.is_empty(), "{lang:?} refused: English left in the page: {left:?}");
        b.assert_accessible().await;
        println!(
            "{path}: {two} / {} / {}",
            b.texts("#group-name-error").await.join(""),
            b.texts("#city-error").await.join("")
        );

        // Both fixed and sent again: the inbox takes it, and says so in the language.
        fill(&b, words.text(Msg::RequestName), " Havel").await;
        fill(&b, &city, "-Mitte").await;
        b.click(b.wait_for_text("button", words.text(Msg::RequestSend)).await).await;
        wait_for_reference(&b, std::time::Duration::from_secs(20)).await;
        b.wait_for_text(".received h2", words.text(Msg::RequestReceived)).await;
        assert_whole(&b, lang, Page::NewGroup, "received").await;
        let link = b.eval("return document.querySelector('.private-link a').getAttribute('href')").await;
        let link = link.as_str().unwrap().to_owned();
        assert!(link.starts_with(&format!("/{}/my-request#GR-", lang.address())), "{link}");
        b.click(b.wait_for_text("button", words.text(Msg::RequestAgain)).await).await;
        organisers_page_is_whole(&b, lang, &link).await;
    }
    // Each request records consent to the words it was shown: its language's.
    let hashes: Vec<String> =
        stored(&inbox.db).iter().map(|row| row["consent"]["text_sha256"].as_str().unwrap().to_owned()).collect();
    let shown: Vec<String> = LANGUAGES.iter().map(|l| l.consent_sha256().unwrap().to_owned()).collect();
    assert_eq!(hashes, shown);
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_is_whole_in_other_languages_with_its_map_and_next_meetings() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    with_meetings(&site, &server).await;
    let b = Browser::open(&site).await;
    for lang in LANGUAGES {
        let words = Catalogue::of(lang);
        b.goto(&groups_i18n::address::localize(lang, "/")).await;
        for visit in ["opened", "reloaded"] {
            if visit == "reloaded" {
                b.reload().await;
            }
            b.wait_for_h1(words.text(Msg::HomeHeading)).await;
            // The map and the region counts, and the next meetings, once they come.
            b.wait_until("the map", "document.querySelector('.map-canvas button.marker')").await;
            b.wait_until("the meetings", "document.querySelectorAll('main li.meeting').length > 0").await;
            b.wait_for_text(".map-tools .map-button.wide", words.text(Msg::MapWholeWorld)).await;
            assert_whole(&b, lang, Page::Home, visit).await;
            let zoom =
                b.eval("return document.querySelector('.map-tools .map-button').getAttribute('aria-label')").await;
            assert_eq!(zoom, words.text(Msg::MapZoomIn), "{lang:?}: the map's buttons are named in the language");
        }
        b.assert_accessible().await;
    }
    b.assert_clean().await;
}

/// The organiser's page its private link opens, in `lang`: its words, the day the request was
/// sent as the browser's `Intl` writes it, and withdrawing it by its buttons.
async fn organisers_page_is_whole(b: &Browser, lang: Lang, link: &str) {
    let words = Catalogue::of(lang);
    let status = |status: RequestStatus| {
        let _page = Speaking::page(lang, false);
        groups_i18n::tf(
            Msg::OrganiserStatusLine,
            &[("status", words.text(status_name(status))), ("explained", words.text(status_meaning(status)))],
        )
    };
    b.goto(link).await;
    b.wait_for_h1(words.text(Msg::OrganiserHeading)).await;
    b.wait_for_text(".request-state .state", &status(RequestStatus::Pending)).await;
    assert_whole(b, lang, Page::MyRequest, "organiser's page").await;
    let sent = b
        .eval(
            "const lang = document.documentElement.lang;
             const spaced = text => text.replace(/[\\u202f\\u00a0]/g, ' ');
             const long = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date());
             return [spaced(document.querySelector('.request-state dd:nth-of-type(2)').textContent), spaced(long)];",
        )
        .await;
    assert_eq!(sent[0], sent[1], "{lang:?}: the day it was sent, as the browser writes it");
    b.assert_accessible().await;
    b.click(b.wait_for_text("button", words.text(Msg::OrganiserWithdraw)).await).await;
    b.wait_for_text(".confirm-question p", words.text(Msg::OrganiserWithdrawQuestion)).await;
    b.click(b.wait_for_text("button", words.text(Msg::OrganiserWithdrawYes)).await).await;
    b.wait_for_text(".request-state .state", &status(RequestStatus::Withdrawn)).await;
    b.wait_for_text("#organiser-status", words.text(Msg::OrganiserWithdrawn)).await;
    assert_whole(b, lang, Page::MyRequest, "withdrawn").await;
}

fn status_name(status: RequestStatus) -> Msg {
    match status {
        RequestStatus::Pending => Msg::OrganiserStatusPending,
        RequestStatus::Approved => Msg::OrganiserStatusApproved,
        RequestStatus::Declined => Msg::OrganiserStatusDeclined,
        RequestStatus::Withdrawn => Msg::OrganiserStatusWithdrawn,
    }
}

fn status_meaning(status: RequestStatus) -> Msg {
    match status {
        RequestStatus::Pending => Msg::OrganiserExplainedPending,
        RequestStatus::Approved => Msg::OrganiserExplainedApproved,
        RequestStatus::Declined => Msg::OrganiserExplainedDeclined,
        RequestStatus::Withdrawn => Msg::OrganiserExplainedWithdrawn,
    }
}

/// Checks that the page shown is `page` (a translation) whole in `lang`: the document's
/// language and versions, no notice, the translation's headings with English's ids (so a
/// section's address is the same in every language), its links to the language's pages, and
/// none of English's first paragraph.
async fn content_page_is_whole(b: &Browser, lang: Lang, page: &CompiledPage) {
    let path = &page.front.path;
    assert_eq!(b.eval("return document.documentElement.lang").await, lang.tag(), "/{path}");
    assert!(b.texts(".untranslated").await.is_empty(), "/{path} in {lang:?}: translated, no notice");
    assert!(b.eval("return document.querySelector('main').getAttribute('lang')").await.is_null());
    let headings = b.texts("main .prose :is(h2, h3)").await;
    let expected: Vec<String> = page.headings.iter().map(|h| h.text.clone()).collect();
    assert_eq!(headings, expected, "/{path} in {lang:?}: the translation's headings");
    let ids = b.eval("return [...document.querySelectorAll('main .prose :is(h2, h3)')].map(h => h.id)").await;
    let english: Vec<&str> = original(path).headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, serde_json::json!(english), "/{path} in {lang:?}: English's ids");
    let links = b
        .eval("return [...document.querySelectorAll('main .prose a[href^=\"/\"]')].map(a => a.getAttribute('href'))")
        .await;
    for link in links.as_array().unwrap() {
        let link = link.as_str().unwrap();
        assert!(link.starts_with(&format!("/{}/", lang.address())), "/{path} in {lang:?}: a link to {link}");
    }
    let text = b.eval("return document.querySelector('main').innerText").await;
    let english_start: String = original(path).description.chars().take(40).collect();
    assert!(!text.as_str().unwrap().contains(&english_start), "/{path} in {lang:?}: English's words");
    let versions =
        b.eval("return [...document.querySelectorAll('link[rel=alternate][hreflang]')].map(l => l.hreflang)").await;
    assert!(versions.as_array().unwrap().contains(&serde_json::json!(lang.tag())), "/{path}: {versions}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_content_pages_are_whole_in_other_languages_opened_followed_gone_back_to_and_reloaded() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    for lang in LANGUAGES {
        let first = translation(lang, "what-are-user-groups").expect("translated");
        let tips = translation(lang, "organizer-tips").expect("translated");
        b.goto(&groups_i18n::address::localize(lang, "/what-are-user-groups")).await;
        b.wait_for_h1(&first.front.title).await;
        content_page_is_whole(&b, lang, first).await;
        // The menu and the footer name the pages in the language, none as English.
        let label = tips.front.menu.as_deref().unwrap();
        assert!(b.texts(".main-nav a").await.iter().any(|l| l == label), "{lang:?}: {label} in the menu");
        let english = "return document.querySelectorAll(':is(main, .main-nav, .site-footer) [lang=en]').length";
        assert_eq!(b.eval(english).await, 0, "{lang:?}");

        // Followed in the app: the body comes from the server then.
        b.mark_document().await;
        let link = b.link(".main-nav", label).await;
        b.click(link).await;
        b.wait_for_h1(&tips.front.title).await;
        b.wait_for_path(&groups_i18n::address::localize(lang, "/organizer-tips")).await;
        assert!(b.same_document().await, "{lang:?}: the router took the link");
        b.wait_until("the body", "document.querySelector('main .prose')").await;
        content_page_is_whole(&b, lang, tips).await;
        b.assert_accessible().await;

        b.client.back().await.unwrap();
        b.wait_for_h1(&first.front.title).await;
        content_page_is_whole(&b, lang, first).await;
        b.reload().await;
        b.wait_for_h1(&first.front.title).await;
        content_page_is_whole(&b, lang, first).await;
        b.assert_accessible().await;
    }
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_translated_page_that_cannot_be_fetched_says_so_and_comes_when_tried_again() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    let (lang, words) = (Lang::De, Catalogue::of(Lang::De));
    let conduct = translation(lang, "code-of-conduct").expect("translated");
    b.goto("/de/what-are-user-groups").await;
    b.cdp("Network.enable", serde_json::json!({})).await;
    b.cdp("Network.setBlockedURLs", serde_json::json!({ "urls": ["*/texts/de/*"] })).await;
    let link = b.link(".site-footer", &conduct.front.title).await;
    b.click(link).await;
    b.wait_for_h1(&conduct.front.title).await;
    let sorry = {
        let _speaking = Speaking::page(lang, false);
        groups_i18n::tf(Msg::LoadSorry, &[("why", groups_i18n::t(Msg::LoadPageUnreachable))])
    };
    b.wait_for_text("main .load-error p", &sorry).await;
    b.cdp("Network.setBlockedURLs", serde_json::json!({ "urls": [] })).await;
    let again = b.wait_for_text("main .load-error button", words.text(Msg::LoadTryAgain)).await;
    b.click(again).await;
    b.wait_until("the body", "document.querySelector('main .prose')").await;
    content_page_is_whole(&b, lang, conduct).await;
    b.assert_accessible().await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_is_whole_in_other_languages_near_a_place_with_its_sign_up() {
    let Some(relay) = crate::relay::Relay::start(None) else { return };
    let site = interest::site_with_mail(&relay).await;
    let b = Browser::open(&site.base).await;
    for lang in LANGUAGES {
        let words = Catalogue::of(lang);
        let groups = groups_i18n::address::localize(lang, "/groups");
        b.goto(&groups).await;
        b.wait_for_h1(words.text(Msg::DirectoryHeading)).await;
        b.wait_until("the list", "document.querySelectorAll('main .group-list li').length > 0").await;
        assert_whole(&b, lang, Page::Groups, "opened").await;
        let all = {
            let _speaking = Speaking::page(lang, false);
            let count = groups_core::directory::read(crate::support::FIXTURE_GROUPS).unwrap().groups.len();
            groups_i18n::tn(Msg::DirectoryShowingAll, count as u64, &[])
        };
        b.wait_for_text("main .result-count", &all).await;

        // Near Leipzig within 100 km, which has no group: said, with the sign-up in the language.
        b.goto(&format!("{groups}?near={}&radius=100", interest::LEIPZIG)).await;
        // The place as the language names it ("Leipzig、ドイツ").
        let (none, sentence, label) = {
            let _speaking = Speaking::page(lang, false);
            let label = groups_core::fixtures::leipzig().label();
            (
                groups_core::near::none_near_line(groups_core::near::Radius::Km100, None, "Leipzig"),
                groups_core::interest::consent_sentence(100, &label),
                label,
            )
        };
        b.wait_for_text("main .none-near p", &none).await;
        b.wait_for_text("main .none-near .interest h2", words.text(Msg::InterestHeading)).await;
        b.wait_for_text("label[for=interest-consent]", &sentence).await;
        assert_whole(&b, lang, Page::Groups, "near Leipzig").await;
        b.reload().await;
        b.wait_for_text("main .none-near p", &none).await;
        assert_whole(&b, lang, Page::Groups, "near Leipzig, reloaded").await;
        b.assert_accessible().await;

        // Sent in the language: the server takes its words of the consent.
        let address = format!("{}@example.org", lang.address());
        let email = b.client.find(fantoccini::Locator::Id("interest-email")).await.unwrap();
        email.send_keys(&address).await.unwrap();
        let consent = b.client.find(fantoccini::Locator::Id("interest-consent")).await.unwrap();
        b.click(consent).await;
        let send = b.wait_for_text("main .interest-form button[type=submit]", words.text(Msg::InterestTellMe)).await;
        b.click(send).await;
        b.wait_for_text("#interest-done", words.text(Msg::InterestAccepted)).await;
        // The confirmation at the relay, in the language of the sentence agreed to.
        let mail = interest::mail_to(&relay, &address, 1).await;
        let text = crate::relay::body(&mail[0]);
        assert!(text.contains("/interest/confirm/"), "{lang:?}: the confirmation");
        assert!(text.starts_with(words.text(Msg::MailHello)), "{lang:?}: {text}");
        assert!(text.contains(words.text(Msg::InterestConfirmButton)), "{lang:?}: {text}");
        let subject = crate::relay::decoded_header(&mail[0], "Subject").unwrap_or_default();
        let expected = {
            let _speaking = Speaking::page(lang, false);
            groups_i18n::tf(Msg::MailInterestConfirmSubject, &[("place", &label)])
        };
        assert_eq!(subject, expected, "{lang:?}");
    }
    b.assert_clean().await;
}
