//! The groups directory: filters in the URL, the list, group pages, loading failures.

use fantoccini::Locator;
use groups_portal::{
    groups::{parse_str, Group, Status},
    regions::Region,
    site::SITE_NAME,
};

use crate::support::{start_site, start_site_with_groups, Browser};

fn sample() -> Vec<Group> {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/groups.json")).unwrap();
    parse_str(&json).unwrap().0
}

fn names(groups: impl IntoIterator<Item = Group>) -> Vec<String> {
    groups.into_iter().map(|g| g.name).collect()
}

const LIST: &str = "main ul.group-list li a";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_region_lists_exactly_its_groups() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    let all = sample();
    for region in Region::ALL {
        browser.goto(&format!("/groups?region={}", region.slug())).await;
        browser.wait_for_h1("User groups").await;
        let expected = names(all.iter().filter(|g| g.region() == region).cloned());
        assert!(!expected.is_empty(), "the sample has no group in {region}");
        browser.wait_for_texts(LIST, &expected).await;
        let selected = browser.eval("return document.getElementById('filter-region').value;").await;
        assert_eq!(selected, region.slug());
    }
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_restores_every_filter_and_is_accessible() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups?region=europe&country=de&q=BERL&status=official").await;
    browser.wait_for_texts(LIST, &["OpenStack Berlin".to_string()]).await;
    let values = browser
        .eval("return ['filter-region','filter-country','filter-q','filter-status'].map(id => document.getElementById(id).value);")
        .await;
    assert_eq!(values, serde_json::json!(["europe", "DE", "BERL", "official"]));
    browser.wait_for_text("main [role=status]", "Showing 1 of 116 groups").await;
    browser.assert_accessible().await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choosing_and_typing_update_the_url_and_back_and_forward_restore_it() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups").await;
    let all = sample();
    browser.wait_for_texts(LIST, &names(all.clone())).await;
    browser.mark_document().await;

    let region = browser.client.find(Locator::Id("filter-region")).await.unwrap();
    region.select_by_value("oceania").await.unwrap();
    let oceania = names(all.iter().filter(|g| g.region() == Region::Oceania).cloned());
    browser.wait_for_texts(LIST, &oceania).await;
    assert_eq!(browser.path().await, "/groups?region=oceania");

    let search = browser.client.find(Locator::Id("filter-q")).await.unwrap();
    search.send_keys("auck").await.unwrap();
    browser.wait_for_texts(LIST, &["OpenStack Auckland".to_string()]).await;
    assert_eq!(browser.path().await, "/groups?region=oceania&q=auck");

    browser.client.back().await.unwrap();
    browser.wait_for_texts(LIST, &names(all.clone())).await;
    assert_eq!(browser.path().await, "/groups");
    browser.client.forward().await.unwrap();
    browser.wait_for_texts(LIST, &["OpenStack Auckland".to_string()]).await;
    assert!(browser.same_document().await, "filtering reloaded the page");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_match_says_so_and_offers_to_clear_the_filters() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups?q=atlantis&status=new").await;
    browser.wait_for_text("main .no-match p", "No group matches these filters.").await;
    browser.assert_accessible().await;
    browser.wait_for_text("main button", "Clear the filters").await.click().await.unwrap();
    browser.wait_for_texts(LIST, &names(sample())).await;
    assert_eq!(browser.path().await, "/groups");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_has_its_own_page_reached_from_the_list() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups?q=berlin").await;
    browser.link("main ul.group-list", "OpenStack Berlin").await.click().await.unwrap();
    browser.wait_for_h1("OpenStack Berlin").await;
    assert_eq!(browser.path().await, "/groups/berlin");
    browser.wait_for_title(&format!("OpenStack Berlin · {SITE_NAME}")).await;
    assert_eq!(browser.texts("main .facts dd").await[..3], ["Berlin", "Germany", "Europe"]);
    browser.assert_accessible().await;

    browser.link("main .facts", "Europe").await.click().await.unwrap();
    browser.wait_for_h1("User groups").await;
    assert_eq!(browser.path().await, "/groups?region=europe");

    browser.goto("/groups/no-such-group").await;
    browser.wait_for_h1("Group not found").await;
    browser.link("main", "Browse all groups").await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_has_region_shortcuts_with_counts() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/").await;
    let all = sample();
    let expected: Vec<String> = Region::ALL
        .iter()
        .map(|&r| {
            let n = all.iter().filter(|g| g.region() == r).count();
            format!("{}{n} {}", r.name(), if n == 1 { "group" } else { "groups" })
        })
        .collect();
    browser.wait_for_texts("main .region-list li", &expected).await;
    browser.link("main .region-list", "Africa").await.click().await.unwrap();
    browser.wait_for_texts(LIST, &names(all.iter().filter(|g| g.region() == Region::Africa).cloned())).await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_records_are_skipped_and_the_good_ones_shown() {
    let json = r#"{"version": 1, "groups": [
        {"slug": "good", "name": "Good Group", "city": "Lyon", "country": "FR", "lat": 45.7, "lon": 4.8, "status": "new"},
        {"slug": "bad-lat", "name": "Bad Latitude", "city": "X", "country": "FR", "lat": 123, "lon": 4.8, "status": "new"},
        {"slug": "bad-country", "name": "Bad Country", "city": "X", "country": "ZZ", "lat": 1, "lon": 1, "status": "new"},
        {"slug": "good", "name": "Duplicate", "city": "X", "country": "FR", "lat": 1, "lon": 1, "status": "new"},
        {"slug": "no-name", "city": "X", "country": "FR", "lat": 1, "lon": 1, "status": "official"},
        {"slug": "also-good", "name": "Also Good", "city": "Nice", "country": "FR", "lat": 43.7, "lon": 7.26, "status": "official"}
    ]}"#;
    let (site, _dist) = start_site_with_groups(Some(json)).await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups").await;
    browser.wait_for_texts(LIST, &["Also Good".to_string(), "Good Group".to_string()]).await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_load_shows_an_error_and_retry_works() {
    let (site, dist) = start_site_with_groups(None).await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups").await;
    browser.wait_for_text("main [role=alert] button", "Try again").await;
    let message = browser.texts("main [role=alert] p").await;
    assert!(message[0].contains("could not be loaded"), "{message:?}");
    browser.assert_accessible().await;

    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/groups.json")).unwrap();
    std::fs::write(dist.path().join("groups.json"), json).unwrap();
    browser.wait_for_text("main [role=alert] button", "Try again").await.click().await.unwrap();
    browser.wait_for_texts(LIST, &names(sample())).await;

    // A file that is not JSON at all is an error too, not a blank page.
    let (site, _dist) = start_site_with_groups(Some("<html>oops</html>")).await;
    browser.client.goto(&format!("{site}/groups")).await.unwrap();
    browser.wait_for_text("main [role=alert] button", "Try again").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_groups_come_first_in_the_list() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups?region=north-america").await;
    let groups: Vec<Group> = sample().into_iter().filter(|g| g.region() == Region::NorthAmerica).collect();
    let first_new = groups.iter().position(|g| g.status == Status::New).unwrap();
    assert!(groups[..first_new].iter().all(|g| g.status == Status::Official));
    browser.wait_for_texts(LIST, &names(groups)).await;
}
