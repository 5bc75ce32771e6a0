//! The shell every page shares: home, navigation and history, the 404 page, titles, focus,
//! the skip link, narrow screens, accessibility, CSP and privacy.

use groups_portal::shell::site::SITE_NAME;

use crate::support::{start_site, Browser};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_shows_the_site_name_and_is_accessible() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/").await;

    browser.wait_for_h1("Find an OpenStack user group near you").await;
    browser.link("header", SITE_NAME).await;
    browser.link("nav", "Groups").await;
    browser.link("nav", "Start a group").await;
    browser.wait_for_title(SITE_NAME).await;
    browser.assert_accessible().await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn navigation_stays_in_the_app_moves_focus_and_back_returns() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/").await;
    browser.wait_for_h1("Find an OpenStack user group near you").await;
    browser.mark_document().await;

    browser.click(browser.link("nav", "Groups").await).await;
    browser.wait_for_h1("User groups").await;
    assert_eq!(browser.path().await, "/groups");
    browser.wait_for_title(&format!("Groups · {SITE_NAME}")).await;
    assert!(browser.same_document().await, "following a nav link reloaded the page");
    browser.wait_for_focus("h1:User groups", "following the Groups link").await;
    let current = browser.link("nav", "Groups").await.attr("aria-current").await.unwrap();
    assert_eq!(current.as_deref(), Some("page"));

    browser.client.back().await.unwrap();
    browser.wait_for_h1("Find an OpenStack user group near you").await;
    assert_eq!(browser.path().await, "/");
    browser.wait_for_title(SITE_NAME).await;
    assert!(browser.same_document().await, "back reloaded the page");

    browser.client.forward().await.unwrap();
    browser.wait_for_h1("User groups").await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_address_shows_the_404_page_with_a_way_home() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/no/such/page").await;

    browser.wait_for_h1("Page not found").await;
    browser.wait_for_text("main code", "/no/such/page").await;
    browser.wait_for_title(&format!("Page not found · {SITE_NAME}")).await;
    browser.assert_accessible().await;

    browser.click(browser.link("main", "Go to the home page").await).await;
    browser.wait_for_h1("Find an OpenStack user group near you").await;
    assert_eq!(browser.path().await, "/");
    browser.wait_for_focus("h1:Find an OpenStack user group near you", "the 404 page's home link").await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_and_a_reload_show_the_same_page() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/new-group").await;
    browser.wait_for_h1("Start a user group").await;
    browser.wait_for_title(&format!("Start a group · {SITE_NAME}")).await;

    browser.reload().await;
    browser.wait_for_h1("Start a user group").await;
    assert_eq!(browser.path().await, "/new-group");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_skip_link_is_first_and_moves_focus_to_main() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/").await;
    browser.wait_for_h1("Find an OpenStack user group near you").await;

    // The first Tab from the top of the page reaches the skip link.
    browser.eval("document.activeElement && document.activeElement.blur(); return null;").await;
    browser.client.find(fantoccini::Locator::Css("body")).await.unwrap().send_keys(TAB).await.unwrap();
    assert_eq!(browser.focused().await, "a:Skip to main content");

    browser.press(ENTER).await;
    let focused = browser.eval("return document.activeElement.id;").await;
    assert_eq!(focused, "main");
    assert_eq!(browser.path().await, "/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_fit_a_320_pixel_wide_screen() {
    let site = start_site().await;
    let browser = Browser::open_sized(&site, 320, 640).await;
    for (path, heading) in [
        ("/", "Find an OpenStack user group near you"),
        ("/groups", "User groups"),
        ("/new-group", "Start a user group"),
        ("/a/very/long/address/that/does/not/exist/anywhere-on-this-site", "Page not found"),
    ] {
        browser.goto(path).await;
        browser.wait_for_h1(heading).await;
        if path != "/a/very/long/address/that/does/not/exist/anywhere-on-this-site" {
            // Everything that takes room: the groups, the map with its markers, its image.
            browser
                .wait_until(
                    &format!("{path}: the map and its groups"),
                    "document.querySelector('main .map button.marker') && [...document.querySelectorAll('main img')].every(i => i.complete)",
                )
                .await;
        }
        assert!(!browser.overflows_horizontally().await, "{path} scrolls sideways at 320 px");
    }
}
