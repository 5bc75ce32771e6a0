//! The directory near a place (#25), as a visitor uses it: a town typed and chosen from the
//! search's suggestions by keyboard and by pointer, the list nearest first with distances, the
//! map centred on the place, the address that keeps it through a reload, Back and a shared
//! link; the same without JavaScript; "Use my location" granted and denied (Chromium told
//! where it is through the DevTools protocol), with no request carrying the position; no group
//! near; the place search failing; a 320 px screen by keyboard alone. The places index is the
//! release build's own (`dist/_places/places.idx`).

use fantoccini::Locator;
use groups_core::{
    near::{self, Origin, Radius},
    places::Place,
};
use groups_portal::directory::{
    list::PAGE,
    model::{Directory, Group},
};
use serde_json::json;

use crate::{
    fault_proxy::{self, Fault},
    support::{fetch, start_site, start_site_with_groups, Browser, FIXTURE_GROUPS},
};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";
const ESCAPE: &str = "\u{E00C}";

const LIST: &str = "main ul.group-list li a";
const DISTANCES: &str = "main ul.group-list li .distance";
const OPTIONS: &str = "#filter-q-list [role=option] .combobox-text";

/// Leipzig's GeoNames id; no fixture group meets there (Berlin is 149 km away).
const LEIPZIG: &str = "2879139";

fn sample() -> Vec<Group> {
    Directory::read(FIXTURE_GROUPS).unwrap().0.groups
}

/// The place with `id`, as the site's own index has it.
async fn place(base: &str, id: &str) -> Place {
    let (status, body) = fetch(base, &format!("/api/places/{id}")).await;
    assert_eq!(status, 200, "{id}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// The fixture's groups near `origin` as the list shows them: names and distances, its first
/// page.
fn nearest(origin: &Origin, radius: Radius) -> (Vec<String>, Vec<String>) {
    let groups = sample();
    let all: Vec<usize> = (0..groups.len()).collect();
    let listed = near::listed(near::order(&groups, &all, origin), radius);
    listed.groups.iter().take(PAGE).map(|(i, d)| (groups[*i].name.clone(), d.text(&groups[*i]))).unzip()
}

/// Focuses the search field and types `text` into it, key by key.
async fn type_in_search(b: &Browser, text: &str) {
    let search = b.client.find(Locator::Id("filter-q")).await.unwrap();
    b.eval("document.getElementById('filter-q').focus(); return null;").await;
    search.send_keys(text).await.unwrap();
}

/// Whether the place's mark is within a tenth of the map's size from the map's middle.
async fn map_is_centred_on_the_mark(b: &Browser, label: &str) {
    b.wait_until(
        "the map centred on the place's mark",
        &format!(
            "(() => {{
                const mark = document.querySelector('main .map .place-mark');
                if (!mark || mark.getAttribute('aria-label') !== {label:?}) return false;
                const m = mark.getBoundingClientRect(), c = document.querySelector('main .map-canvas').getBoundingClientRect();
                return Math.abs(m.x + m.width / 2 - (c.x + c.width / 2)) < c.width / 10
                    && Math.abs(m.y + m.height / 2 - (c.y + c.height / 2)) < c.height / 10;
            }})()"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_town_chosen_by_keyboard_lists_the_groups_nearest_first_and_the_address_keeps_it() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    let leipzig = place(&site.base, LEIPZIG).await;
    let (names, distances) = nearest(&Origin::of(&leipzig), Radius::Any);
    assert_eq!(names[0], "OpenStack Berlin");
    b.goto("/groups").await;
    b.wait_for_texts(LIST, &sample().into_iter().take(PAGE).map(|g| g.name).collect::<Vec<_>>()).await;
    b.mark_document().await;

    type_in_search(&b, "Leipz").await;
    b.wait_for_text(OPTIONS, "Leipzig").await;
    assert_eq!(b.eval("return document.getElementById('filter-q').getAttribute('aria-expanded');").await, "true");
    b.wait_until(
        "the count of suggestions said",
        "[...document.querySelectorAll('main .combobox [role=status]')].some(s => / suggested\\./.test(s.textContent))",
    )
    .await;
    b.assert_accessible().await;
    b.press(DOWN).await;
    let active = b
        .eval(
            "const input = document.getElementById('filter-q');
             const option = document.getElementById(input.getAttribute('aria-activedescendant'));
             return option ? option.querySelector('.combobox-text').textContent : null;",
        )
        .await;
    assert_eq!(active, "Leipzig", "the first option is active, focus still in the field");
    assert_eq!(b.eval("return document.activeElement.id;").await, "filter-q");
    b.press(ENTER).await;

    b.wait_for_path(&format!("/groups?near={LEIPZIG}")).await;
    b.wait_for_texts(LIST, &names).await;
    b.wait_for_texts(DISTANCES, &distances).await;
    assert_eq!(distances[0], "149 km away");
    b.wait_for_text("main .result-count", &format!("Showing all {} groups, nearest to Leipzig first.", sample().len()))
        .await;
    assert_eq!(b.eval("return document.getElementById('filter-q').value;").await, "Leipzig, Germany");
    assert_eq!(b.eval("return document.getElementById('filter-q').getAttribute('aria-expanded');").await, "false");
    map_is_centred_on_the_mark(&b, "Leipzig").await;
    b.assert_accessible().await;

    // A distance narrows the list; the address says so.
    b.client.find(Locator::Id("filter-radius")).await.unwrap().select_by_value("250").await.unwrap();
    b.wait_for_path(&format!("/groups?near={LEIPZIG}&radius=250")).await;
    let (within, _) = nearest(&Origin::of(&leipzig), Radius::Km250);
    b.wait_for_texts(LIST, &within).await;

    b.reload().await;
    b.mark_document().await;
    b.wait_for_texts(LIST, &within).await;
    assert_eq!(b.eval("return document.getElementById('filter-q').value;").await, "Leipzig, Germany");
    assert_eq!(b.eval("return document.getElementById('filter-radius').value;").await, "250");
    map_is_centred_on_the_mark(&b, "Leipzig").await;

    b.client.back().await.unwrap();
    b.wait_for_path(&format!("/groups?near={LEIPZIG}")).await;
    b.wait_for_texts(LIST, &names).await;
    // Back before the place is the words typed, then every group.
    b.client.back().await.unwrap();
    b.wait_for_path("/groups?q=Leipz").await;
    assert_eq!(b.eval("return document.getElementById('filter-q').value;").await, "Leipz");
    b.client.back().await.unwrap();
    b.wait_for_path("/groups").await;
    b.wait_for_texts(LIST, &sample().into_iter().take(PAGE).map(|g| g.name).collect::<Vec<_>>()).await;
    assert_eq!(b.eval("return document.getElementById('filter-q').value;").await, "");
    assert_eq!(b.eval("return document.querySelector('main .place-mark');").await, serde_json::Value::Null);
    b.client.forward().await.unwrap();
    b.client.forward().await.unwrap();
    b.wait_for_texts(LIST, &names).await;
    assert!(b.same_document().await, "going back and forth reloaded nothing");
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_place_chosen_by_pointer_and_a_shared_link_open_the_same_list() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    b.goto("/groups").await;
    b.wait_for_h1("User groups").await;
    type_in_search(&b, "münch").await;
    let option = b.wait_for_text(OPTIONS, "Munich").await;
    b.click(option).await;
    let munich = place(&site.base, "2867714").await;
    assert_eq!(munich.name, "Munich");
    b.wait_for_path("/groups?near=2867714").await;
    let (names, distances) = nearest(&Origin::of(&munich), Radius::Any);
    b.wait_for_texts(LIST, &names).await;
    b.wait_for_texts(DISTANCES, &distances).await;
    map_is_centred_on_the_mark(&b, "Munich").await;

    // The address shared: another browser opens the same list.
    let other = Browser::open(&site).await;
    other.goto("/groups?near=2867714&radius=500").await;
    let (within, _) = nearest(&Origin::of(&munich), Radius::Km500);
    other.wait_for_texts(LIST, &within).await;
    assert_eq!(other.eval("return document.getElementById('filter-q').value;").await, "Munich, Germany");
    // Enter on words that name a place chooses it, a group of that name coming first.
    b.goto("/groups").await;
    type_in_search(&b, "Berlin").await;
    b.wait_for_text(OPTIONS, "OpenStack Berlin").await;
    b.press(ENTER).await;
    b.wait_for_path("/groups?near=2950159").await;
    b.wait_for_text("main ul.group-list li:first-child a", "OpenStack Berlin").await;
    b.wait_for_text("main ul.group-list li:first-child .distance", "less than 1 km away").await;
    b.assert_clean().await;
    other.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_text_typed_finds_its_place_and_the_address_can_be_shared() {
    let site = start_site().await;
    let b = Browser::open_without_javascript(&site).await;
    let leipzig = place(&site.base, LEIPZIG).await;
    b.goto("/groups").await;
    let find = b.client.find(Locator::Id("nojs-find")).await.unwrap();
    find.send_keys("leipzig").await.unwrap();
    b.client.find(Locator::Id("nojs-radius")).await.unwrap().select_by_value("250").await.unwrap();
    b.click(b.wait_for_text("main form button", "Show").await).await;
    b.wait_for_path(&format!("/groups?near={LEIPZIG}&radius=250")).await;
    let (within, distances) = nearest(&Origin::of(&leipzig), Radius::Km250);
    b.wait_for_texts(LIST, &within).await;
    b.wait_for_texts(DISTANCES, &distances).await;
    assert_eq!(b.eval("return document.getElementById('nojs-find').value;").await, "Leipzig, Germany");
    // (axe-core needs scripts: the page as sent is checked by the Nu Html Checker, `markup.rs`.)

    // Nothing near: said, the nearest three listed, and the way to start a group there.
    b.goto(&format!("/groups?near={LEIPZIG}&radius=50")).await;
    b.wait_for_text("main .none-near p", "No group within 50 km of Leipzig yet.").await;
    b.link("main .none-near", "Start a group in Leipzig").await;
    let (three, _) = nearest(&Origin::of(&leipzig), Radius::Km50);
    assert_eq!(three.len(), 3);
    b.wait_for_texts(LIST, &three).await;
    // Words that find groups stay a search.
    b.goto("/groups").await;
    b.client.find(Locator::Id("nojs-find")).await.unwrap().send_keys("OpenStack Berl").await.unwrap();
    b.click(b.wait_for_text("main form button", "Show").await).await;
    b.wait_for_path("/groups?q=OpenStack+Berl").await;
    b.wait_for_texts(LIST, &["OpenStack Berlin".to_owned()]).await;
}

/// Chromium is told where it is, and that this site may know it.
async fn located_at(b: &Browser, lat: f64, lon: f64) {
    b.cdp("Browser.grantPermissions", json!({ "origin": b.base, "permissions": ["geolocation"] })).await;
    b.cdp("Emulation.setGeolocationOverride", json!({ "latitude": lat, "longitude": lon, "accuracy": 1000 })).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn use_my_location_lists_the_nearest_groups_and_the_position_never_leaves_the_browser() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    // Potsdam's outskirts: Berlin's group is the nearest.
    let (lat, lon) = (52.3971, 13.0411);
    located_at(&b, lat, lon).await;
    b.goto("/groups").await;
    b.wait_for_h1("User groups").await;
    b.wait_for_text(
        "main .my-location .hint",
        groups_i18n::Catalogue::english().text(groups_i18n::Msg::PlaceLocationPrivacy),
    )
    .await;
    let button = b.wait_for_text("main .my-location button", "Use my location").await;
    b.click(button).await;
    b.wait_for_text("main .my-location [role=status]", "Found your location: the groups nearest to it come first.")
        .await;
    assert_eq!(b.focused().await, "button:Stop using my location", "focus stays on the button");
    let here = Origin { lat, lon, country: None, name: "your location".into() };
    let (names, distances) = nearest(&here, Radius::Any);
    b.wait_for_texts(LIST, &names).await;
    b.wait_for_texts(DISTANCES, &distances).await;
    b.wait_for_text(
        "main .result-count",
        &format!("Showing all {} groups, nearest to your location first.", sample().len()),
    )
    .await;
    map_is_centred_on_the_mark(&b, "Your location").await;
    b.assert_accessible().await;

    // Nothing carries the position: no request, the address, nor the browser's storage.
    b.round_trip().await;
    let carried = |text: &str| text.contains("52.39") || text.contains("52.4") || text.contains("13.04");
    let requested = b.requests().await;
    assert!(!requested.iter().any(|url| carried(url)), "{requested:#?}");
    assert_eq!(b.path().await, "/groups");
    let stored = b
        .eval(
            "return [localStorage, sessionStorage].flatMap(s => Object.keys(s).filter(k => k !== '__e2e_monitor').map(k => k + '=' + s.getItem(k))).join('\\n');",
        )
        .await;
    assert!(!carried(stored.as_str().unwrap()), "{stored}");
    assert_eq!(b.eval("return document.cookie;").await, "");

    // A place chosen replaces the position.
    type_in_search(&b, "Leipzig").await;
    b.wait_for_text(OPTIONS, "Leipzig").await;
    b.press(DOWN).await;
    b.press(ENTER).await;
    b.wait_for_path(&format!("/groups?near={LEIPZIG}")).await;
    b.wait_for_text("main .my-location button", "Use my location").await;
    b.assert_clean().await;
}

/// A directory where a group meets for all of Australia (its point the country's middle) and
/// others meet in towns across the Tasman Sea.
const DOWN_UNDER: &str = r#"{"version":1,"groups":[
  {"slug":"australia","name":"Australia","country":"AU","lat":-25.27,"lon":133.78,"status":"official"},
  {"slug":"auckland","name":"OpenStack Auckland","city":"Auckland","country":"NZ","lat":-36.85,"lon":174.76,"status":"new"},
  {"slug":"wellington","name":"OpenStack Wellington","city":"Wellington","country":"NZ","lat":-41.29,"lon":174.78,"status":"new"}
]}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_position_in_a_country_with_a_group_for_all_of_it_finds_that_group_first() {
    let site = start_site_with_groups(Some(DOWN_UNDER)).await;
    let b = Browser::open(&site).await;
    // Sydney's harbour: 2,100 km from Auckland, 1,934 km from Australia's middle.
    located_at(&b, -33.87, 151.21).await;
    b.goto("/groups").await;
    b.click(b.wait_for_text("main .my-location button", "Use my location").await).await;
    b.wait_for_text("main .my-location [role=status]", "Found your location: the groups nearest to it come first.")
        .await;
    b.wait_for_texts(LIST, &["Australia", "OpenStack Auckland", "OpenStack Wellington"].map(String::from)).await;
    let groups = Directory::read(DOWN_UNDER).unwrap().0.groups;
    let sydney = Origin { lat: -33.87, lon: 151.21, country: groups_core::regions::country("AU"), name: String::new() };
    let distances: Vec<String> = groups.iter().map(|g| near::distance(g, &sydney).text(g)).collect();
    assert_eq!(distances[0], "for all of Australia");
    b.wait_for_texts(DISTANCES, &distances).await;
    // A group may still start nearer: said, with the way to ask for one.
    b.wait_for_text(
        "main .none-near p",
        "Only the group for all of Australia meets near your location: none within 250 km of it yet.",
    )
    .await;
    b.link("main .none-near", "ask to start a group").await;
    // The country was found from its picture, the one a group's page shows; the position
    // went nowhere.
    let requested = b.requests().await;
    assert!(requested.iter().any(|url| url.ends_with("/countries/au.svg")), "{requested:#?}");
    assert!(!requested.iter().any(|url| url.contains("33.8") || url.contains("151.2")), "{requested:#?}");
    b.assert_accessible().await;
    b.assert_clean().await;
}

/// A directory where Leipzig is near only the group for all of Germany (Munich's is 360 km
/// away), as it is in the shipped directory.
const GERMANY: &str = r#"{"version":1,"groups":[
  {"slug":"germany","name":"Germany","country":"DE","lat":51.17,"lon":10.45,"status":"official"},
  {"slug":"munich","name":"OpenStack Munich","city":"München","country":"DE","lat":48.137,"lon":11.575,"status":"new"}
]}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_place_near_only_its_countrys_group_still_offers_to_start_one_and_to_hear_of_it() {
    let site = start_site_with_groups(Some(GERMANY)).await;
    let b = Browser::open(&site).await;
    b.goto(&format!("/groups?near={LEIPZIG}")).await;
    b.wait_for_texts(LIST, &["Germany", "OpenStack Munich"].map(String::from)).await;
    b.wait_for_text(
        "main .none-near p",
        "Only the group for all of Germany meets near Leipzig: none within 250 km of it yet.",
    )
    .await;
    b.link("main .none-near", "Start a group in Leipzig").await;
    let sentence = groups_core::interest::consent_sentence(100, "Leipzig, Germany");
    b.wait_for_text("label[for=interest-consent]", &sentence).await;
    b.assert_accessible().await;
    // Without JavaScript, the same.
    let (status, page) = fetch(&site.base, &format!("/groups?near={LEIPZIG}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Only the group for all of Germany meets near Leipzig"), "{page}");
    assert!(page.contains("nojs-interest-consent"), "the sign-up as a plain form");
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_location_denied_says_how_to_allow_it_and_that_the_search_still_works() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    b.cdp(
        "Browser.setPermission",
        json!({ "origin": b.base, "permission": { "name": "geolocation" }, "setting": "denied" }),
    )
    .await;
    b.goto("/groups").await;
    let button = b.wait_for_text("main .my-location button", "Use my location").await;
    b.click(button).await;
    let said = groups_portal::places::location::Locating::Denied.message();
    b.wait_for_text("main .my-location [role=status]", said).await;
    assert!(said.contains("allow it again") && said.contains("type a town"), "{said}");
    assert_eq!(b.focused().await, "button:Use my location", "focus stays on the button");
    b.wait_for_texts(LIST, &sample().into_iter().take(PAGE).map(|g| g.name).collect::<Vec<_>>()).await;
    b.assert_accessible().await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn where_no_group_is_near_the_nearest_are_listed_and_the_form_opens_filled_in() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    let leipzig = place(&site.base, LEIPZIG).await;
    b.goto(&format!("/groups?near={LEIPZIG}&radius=100")).await;
    b.wait_for_text("main .none-near p", "No group within 100 km of Leipzig yet.").await;
    let (three, distances) = nearest(&Origin::of(&leipzig), Radius::Km100);
    assert_eq!(three.len(), 3);
    b.wait_for_texts(LIST, &three).await;
    b.wait_for_texts(DISTANCES, &distances).await;
    b.wait_for_text("main .result-count", "Showing the 3 groups nearest to Leipzig.").await;
    b.assert_accessible().await;
    b.click(b.link("main .none-near", "Start a group in Leipzig").await).await;
    b.wait_for_h1("Start a user group").await;
    b.wait_for_path(&format!("/new-group?near={LEIPZIG}")).await;
    b.wait_for_text("#point", "Pin: 51.34° N, 12.37° E. Remove the pin").await;
    assert_eq!(b.eval("return document.getElementById('city').value;").await, "Leipzig");
    assert_eq!(b.eval("return document.getElementById('country').value;").await, "DE");
    b.wait_for_text(
        "main .request-form .note",
        "Filled in for Leipzig, Germany: check the city, the country and the pin.",
    )
    .await;

    // A draft that says where already keeps its own place.
    b.eval("document.getElementById('city').focus(); return null;").await;
    b.eval(
        "const city = document.getElementById('city'); city.value = 'Lyon';
         city.dispatchEvent(new Event('input', { bubbles: true })); return null;",
    )
    .await;
    b.goto(&format!("/new-group?near={LEIPZIG}")).await;
    b.wait_for_text(
        "main .request-form .note",
        "Your draft already says where the group will meet, so Leipzig, Germany was not filled in.",
    )
    .await;
    assert_eq!(b.eval("return document.getElementById('city').value;").await, "Lyon");
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_places_cannot_be_had_the_search_still_finds_groups_and_says_so_quietly() {
    let site = start_site().await;
    let unavailable: Vec<Fault> = (0..40)
        .map(|_| Fault::Answer {
            status: 503,
            headers: "",
            body: r#"{"code": "unavailable", "error": "no index", "fields": {}}"#,
        })
        .collect();
    let proxy = fault_proxy::start_for(&site.base, "GET /api/places", unavailable).await;
    let b = Browser::open(&proxy.base).await;
    b.goto("/groups").await;
    b.wait_for_h1("User groups").await;
    type_in_search(&b, "Berl").await;
    b.wait_for_texts(LIST, &["OpenStack Berlin".to_owned()]).await;
    b.wait_for_text(
        "#filter-q-note",
        "Places cannot be suggested just now: the search still finds groups by their name, city or country.",
    )
    .await;
    b.wait_for_text(OPTIONS, "OpenStack Berlin").await;
    assert!(proxy.posts() >= 1, "the places were asked for");
    assert!(b.eval("return document.querySelector('[role=alert]');").await.is_null(), "quietly");
    b.press(ESCAPE).await;
    assert_eq!(b.eval("return document.getElementById('filter-q').getAttribute('aria-expanded');").await, "false");
    b.assert_accessible().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_320_px_screen_by_keyboard_alone_a_place_is_found() {
    let site = start_site().await;
    let b = Browser::open_sized(&site, 320, 800).await;
    b.goto("/groups").await;
    b.wait_for_h1("User groups").await;
    b.wait_for_text("main .my-location button", "Use my location").await;
    b.eval("document.activeElement && document.activeElement.blur(); return null;").await;
    let mut reached = false;
    for _ in 0..40 {
        b.press(TAB).await;
        if b.eval("return document.activeElement.id;").await == "filter-q" {
            reached = true;
            break;
        }
    }
    assert!(reached, "the search is reached by Tab");
    b.press("leipz").await;
    b.wait_for_text(OPTIONS, "Leipzig").await;
    assert!(!b.overflows_horizontally().await, "the suggestions fit a 320 px screen");
    b.press(DOWN).await;
    b.press(ENTER).await;
    b.wait_for_path(&format!("/groups?near={LEIPZIG}")).await;
    b.wait_for_text("main ul.group-list li:first-child a", "OpenStack Berlin").await;
    assert!(!b.overflows_horizontally().await, "the list by distance fits a 320 px screen");
    // On to the distance, by Tab.
    let mut radius = false;
    for _ in 0..10 {
        b.press(TAB).await;
        if b.eval("return document.activeElement.id;").await == "filter-radius" {
            radius = true;
            break;
        }
    }
    assert!(radius, "the distance is reached by Tab from the search");
    b.assert_accessible().await;
    b.assert_clean().await;
}
