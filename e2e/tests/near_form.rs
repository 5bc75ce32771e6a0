//! Places in the new-group form and on `/meetings` (#25): the City field suggests towns, and
//! choosing one sets the country and the pin; a city typed and not chosen is still located for
//! "There may already be a group for you" (#31, defect 3: Cambridge, next to Boston); the
//! meetings near a place, within the distance chosen, with Back.

use fantoccini::Locator;

use crate::{
    feed_server::FeedServer,
    meetings::with_meetings,
    new_group::{field, open_form},
    support::{start_site, Browser},
};

const DOWN: &str = "\u{E015}";
const ENTER: &str = "\u{E007}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_city_suggests_towns_and_choosing_one_sets_the_country_and_the_pin() {
    let site = start_site().await;
    let b = open_form(&site.base).await;
    // A city typed in a country chosen, not chosen from the suggestions: the town it names is
    // found all the same, and so is the group next to it.
    field(&b, "Country").await.select_by_label("United States").await.unwrap();
    let city = field(&b, "City (optional)").await;
    city.send_keys("Cambridge").await.unwrap();
    b.wait_for_text("#city-list [role=option] .combobox-text", "Cambridge").await;
    b.wait_for_text(".nearby h2", "There may already be a group for you").await;
    b.link(".nearby", "OpenStack Boston").await;
    assert_eq!(b.texts("#point").await, ["No pin on the map."], "no pin until a town is chosen");
    b.assert_accessible().await;

    // Chosen by keyboard: the country and the pin follow.
    field(&b, "Country").await.select_by_label("United Kingdom").await.unwrap();
    b.eval("document.getElementById('city').focus(); return null;").await;
    city.send_keys(" ").await.unwrap();
    city.send_keys("\u{E003}").await.unwrap();
    b.wait_until(
        "the suggestions for the United Kingdom",
        "[...document.querySelectorAll('#city-list [role=option] .combobox-detail')].some(d => d.textContent.includes('United Kingdom'))",
    )
    .await;
    b.press(DOWN).await;
    let active = b
        .eval("const o = document.getElementById(document.getElementById('city').getAttribute('aria-activedescendant')); return o.textContent;")
        .await;
    assert!(active.as_str().unwrap().contains("United Kingdom"), "the country's towns come first: {active}");
    b.press(ENTER).await;
    b.wait_for_text("#point", "Pin: 52.20° N, 0.12° E. Remove the pin").await;
    assert_eq!(b.eval("return document.getElementById('country').value;").await, "GB");
    assert_eq!(b.eval("return document.getElementById('city').value;").await, "Cambridge");

    // Chosen by pointer, in another country: the country changes with it.
    b.eval("const c = document.getElementById('city'); c.value = ''; c.dispatchEvent(new Event('input', { bubbles: true })); c.focus(); return null;").await;
    city.send_keys("São Paul").await.unwrap();
    let option = b.wait_for_text("#city-list [role=option] .combobox-text", "São Paulo").await;
    b.click(option).await;
    b.wait_until("Brazil chosen", "document.getElementById('country').value === 'BR'").await;
    b.wait_for_text("#point", "Pin: 23.55° S, 46.64° W. Remove the pin").await;
    b.link(".nearby", "OpenStack São Paulo").await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_meetings_near_a_place_are_those_of_the_groups_within_the_distance() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    let dates = with_meetings(&site, &server).await;
    let b = Browser::open(&site).await;
    b.goto("/meetings").await;
    b.wait_for_h1("Meetings").await;
    b.wait_until("every meeting", "document.querySelectorAll('main .meeting-list li').length === 4").await;

    b.eval("document.getElementById('meetings-near').focus(); return null;").await;
    b.client.find(Locator::Id("meetings-near")).await.unwrap().send_keys("Leipzig").await.unwrap();
    b.wait_for_text("#meetings-near-list [role=option] .combobox-text", "Leipzig").await;
    b.press(DOWN).await;
    b.press(ENTER).await;
    b.wait_for_path("/meetings?near=2879139").await;
    b.client.find(Locator::Id("meetings-radius")).await.unwrap().select_by_value("250").await.unwrap();
    b.wait_for_path("/meetings?near=2879139&radius=250").await;
    // Berlin's three (149 km away), not Tokyo's.
    b.wait_until("Berlin's meetings only", "document.querySelectorAll('main .meeting-list li').length === 3").await;
    let whens = b.texts("main .meeting-list .meeting-when time").await;
    assert_eq!(whens, dates.berlin.to_vec());
    assert!(b.texts("main .meeting-list .distance").await.iter().all(|d| d == "149 km away"));
    b.wait_for_text("main .result-count", "3 meetings to come. Groups within 250 km of Leipzig.").await;
    b.assert_accessible().await;
    b.client.back().await.unwrap();
    b.wait_for_path("/meetings?near=2879139").await;
    b.wait_until("every meeting again", "document.querySelectorAll('main .meeting-list li').length === 4").await;
    assert_eq!(b.eval("return document.getElementById('meetings-near').value;").await, "Leipzig, Germany");
    assert!(b.texts("main .meeting-list .meeting-when time").await.contains(&dates.tokyo));
    b.assert_clean().await;
}
