//! Content pages: every address of every page, the menu, in-app links, heading links,
//! accessibility.

use fantoccini::Locator;
use groups_core::routes;
use groups_portal::{pages::lookup as content, shell::site::SITE_NAME};

use crate::support::{start_site, Browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_opens_by_path_content_path_and_alias_on_a_deep_load() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    for page in content::PAGES {
        let mut routes = vec![format!("/{}", page.path), format!("/content/{}", page.path)];
        routes.extend(page.aliases.iter().map(|a| format!("/{a}")));
        routes.extend(page.aliases.iter().map(|a| format!("/content/{a}")));
        for route in routes {
            browser.goto(&route).await;
            browser.wait_for_h1(page.title).await;
            browser.wait_for_title(&format!("{} · {SITE_NAME}", page.title)).await;
        }
        browser.goto(page.href).await;
        browser.wait_for_h1(page.title).await;
        browser.assert_accessible().await;
    }
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seed_page_shows_its_seven_questions_and_privacy_its_version() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/what-are-user-groups").await;
    browser.wait_for_h1("What are User Groups?").await;
    let questions =
        browser.eval("return [...document.querySelectorAll('main h2')].map(h => h.textContent.trim());").await;
    assert_eq!(
        questions,
        serde_json::json!([
            "What are user groups?",
            "What happens at a user group meeting?",
            "How are user groups organised?",
            "Why are groups important?",
            "Will vendors try to sell me things at a user group?",
            "What is the OpenStack Foundation?",
            "What happens if something goes wrong at a user group?"
        ])
    );
    assert_eq!(browser.eval("return document.querySelectorAll('h1').length;").await, serde_json::json!(1));
    let policy = browser.link("main", "Event Policy").await;
    assert_eq!(policy.attr("rel").await.unwrap().as_deref(), Some("noopener noreferrer"));

    browser.goto("/privacy").await;
    browser.wait_for_h1("Privacy policy").await;
    let version = content::find("privacy").unwrap().version.unwrap();
    browser.wait_for_text("main .version", &format!("Version {version}")).await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_menu_follows_weight_and_opens_each_page_in_the_app() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/").await;
    browser.wait_for_h1("Find an OpenStack user group near you").await;
    browser.mark_document().await;

    let labels = browser
        .eval("return [...document.querySelectorAll('nav[aria-label=Main] a')].map(a => a.textContent.trim());")
        .await;
    let mut expected: Vec<&str> = routes::menu().map(|(label, _)| label).collect();
    let mut menu: Vec<&content::Page> = content::PAGES.iter().filter(|p| p.menu.is_some()).collect();
    menu.sort_by_key(|p| (p.weight, p.title));
    expected.extend(menu.iter().map(|p| p.menu.unwrap()));
    assert_eq!(labels, serde_json::json!(expected));

    for page in menu {
        browser.click(browser.link("nav[aria-label=Main]", page.menu.unwrap()).await).await;
        browser.wait_for_h1(page.title).await;
        assert_eq!(browser.path().await, page.href);
        assert_eq!(browser.focused().await, format!("h1:{}", page.title));
    }
    assert!(browser.same_document().await, "a menu link reloaded the page");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_internal_link_in_a_page_keeps_the_app_loaded() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/what-are-user-groups").await;
    browser.wait_for_h1("What are User Groups?").await;
    browser.mark_document().await;

    // The seed links to the old portal's absolute address; it opens here, in the app.
    // The seed says only "here"; the link also names its page, visually hidden, for screen
    // readers and search engines.
    let here = browser.client.find(Locator::Css("main .prose a[href='/organizer-tips']")).await.unwrap();
    assert_eq!(here.prop("textContent").await.unwrap().as_deref(), Some("here (Tips for organisers)"));
    browser.click(here).await;
    browser.wait_for_h1("Tips for organisers").await;
    assert_eq!(browser.path().await, "/organizer-tips");
    assert!(browser.same_document().await, "the internal link reloaded the page");

    browser.client.back().await.unwrap();
    browser.wait_for_h1("What are User Groups?").await;
    browser.click(browser.link("main", "OpenStack Community Code of Conduct").await).await;
    browser.wait_for_h1("Code of conduct").await;
    assert!(browser.same_document().await);
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_heading_link_scrolls_to_its_heading_also_on_a_deep_load() {
    let site = start_site().await;
    let browser = Browser::open_sized(&site, 1024, 600).await;
    browser.goto("/organizer-tips").await;
    browser.wait_for_h1("Tips for organisers").await;

    browser.click(browser.link("main", "Safety and conduct").await).await;
    wait_in_view(&browser, "safety-and-conduct").await;
    assert_eq!(browser.path().await, "/organizer-tips");
    assert!(browser.client.current_url().await.unwrap().fragment() == Some("safety-and-conduct"));
    assert_eq!(browser.focused().await, "h2:Safety and conduct");

    browser.goto("/organizer-tips#sponsors-and-money").await;
    browser.wait_for_h1("Tips for organisers").await;
    wait_in_view(&browser, "sponsors-and-money").await;
    browser.assert_clean().await;
}

/// Waits until the element with `id` is scrolled into the viewport, near its top.
async fn wait_in_view(browser: &Browser, id: &str) {
    let script = format!(
        "const r = document.getElementById('{id}').getBoundingClientRect();
         return r.top >= 0 && r.top < window.innerHeight / 2 && window.scrollY > 0;"
    );
    let deadline = std::time::Instant::now() + crate::support::PATIENCE;
    while browser.eval(&script).await != serde_json::json!(true) {
        assert!(std::time::Instant::now() < deadline, "#{id} was not scrolled into view");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser.client.find(Locator::Id(id)).await.unwrap();
}
