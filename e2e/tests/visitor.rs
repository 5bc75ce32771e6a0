//! What a visitor tripped over, each guarded as they met it: the map's clusters on every load,
//! the Tab order after the app moves focus, Back to the directory, section links across
//! pages, edits while the form sends, pins on a group's marker, swipes on the map, search
//! punctuation and its history, and the map at its edges.

use std::time::Duration;

use fantoccini::{actions::InputSource as _, Locator};
use serde_json::{json, Value};

use crate::{
    fault_proxy::{self, Fault},
    new_group::{button, field, fill, fill_details, open_form, tick_all, wait_for_reference},
    support::{start_site, stored, Browser},
};

const TAB: &str = "\u{E004}";
const LIST: &str = "main ul.group-list li a";

/// The map's markers once they have kept still for two frames: how many, and how many pairs
/// of them overlap on screen.
async fn settled_markers(browser: &Browser) -> (u64, u64) {
    browser.wait_until("the map's markers", "document.querySelectorAll('main .map button.marker').length > 0").await;
    let counted = browser
        .eval(
            "return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
                 const rs = [...document.querySelectorAll('main .map button.marker')].map(b => b.getBoundingClientRect());
                 let overlaps = 0;
                 for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
                     const a = rs[i], b = rs[j];
                     // Markers are round: apart when their centres are further than their radii.
                     const d = Math.hypot((a.left + a.right - b.left - b.right) / 2, (a.top + a.bottom - b.top - b.bottom) / 2);
                     if (d < (a.width + b.width) / 2 - 1) overlaps++;
                 }
                 done([rs.length, overlaps]);
             })));",
        )
        .await;
    (counted[0].as_u64().unwrap(), counted[1].as_u64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_map_clusters_alike_on_every_load_with_no_marker_on_another() {
    let site = start_site().await;
    for (width, height) in [(390, 844), (1280, 900)] {
        let browser = Browser::open_sized(&site, width, height).await;
        browser.goto("/groups").await;
        let mut counts = Vec::new();
        for _ in 0..20 {
            browser.reload().await;
            let (markers, overlaps) = settled_markers(&browser).await;
            assert_eq!(overlaps, 0, "{overlaps} pairs of markers overlap at {width} px ({markers} markers)");
            counts.push(markers);
        }
        assert!(counts.iter().all(|&n| n == counts[0]), "markers at {width} px over 20 loads: {counts:?}");
        browser.assert_clean().await;
    }
}

/// The id of the focused element.
async fn focused_id(b: &Browser) -> String {
    b.eval("return document.activeElement ? document.activeElement.id : '';")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Focuses the element `before`, presses Tab and expects focus on `after`: `after` is in the
/// Tab order where it stands.
async fn tab_reaches(b: &Browser, before: &str, after: &str) {
    b.eval(&format!("document.getElementById({before:?}).focus(); return null;")).await;
    b.press(TAB).await;
    assert_eq!(focused_id(b).await, after, "Tab from #{before}");
    let tabindex = b.eval(&format!("return document.getElementById({after:?}).getAttribute('tabindex');")).await;
    assert_eq!(tabindex, Value::Null, "#{after} was taken out of the Tab order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_field_the_app_focuses_stays_in_the_tab_order() {
    let site = start_site().await;
    let b = open_form(&site).await;

    b.click(button(&b, "Add another organiser").await).await;
    b.wait_until("focus on the new organiser", "document.activeElement.id === 'organizer-2-name'").await;
    tab_reaches(&b, "organizer-1-email", "organizer-2-name").await;

    b.click(button(&b, "Remove organiser 2").await).await;
    b.wait_until("focus on organiser 1", "document.activeElement.id === 'organizer-1-name'").await;
    tab_reaches(&b, "link-calendar", "organizer-1-name").await;

    // A link of the error summary focuses its field.
    b.click(button(&b, "Send the request").await).await;
    b.wait_until("the summary", "document.activeElement.id === 'error-summary'").await;
    let description = b.client.find(Locator::Css("#error-summary a[href='#description']")).await.unwrap();
    b.click(description).await;
    b.wait_until("focus on the description", "document.activeElement.id === 'description'").await;
    tab_reaches(&b, "group-name", "description").await;
    b.assert_clean().await;
}

async fn world_transform(b: &Browser) -> String {
    b.eval("return document.querySelector('main .map-world').style.transform;").await.as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_from_a_group_returns_to_the_same_place_in_the_directory() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    b.goto("/groups").await;
    b.wait_until("the list", "document.querySelectorAll('main ul.group-list li').length === 36").await;
    b.click(b.wait_for_text("main button", "Show 36 more").await).await;
    b.wait_until("72 groups", "document.querySelectorAll('main ul.group-list li').length === 72").await;
    b.click(b.wait_for_text("main button", "Show 36 more").await).await;
    b.wait_until("108 groups", "document.querySelectorAll('main ul.group-list li').length === 108").await;
    b.click(b.wait_for_text("main .map button", "Whole world").await).await;
    b.click(b.client.find(Locator::Css("main .map button[aria-label='Zoom in']")).await.unwrap()).await;
    let zoomed = world_transform(&b).await;
    assert!(zoomed.starts_with("scale(1.6)"), "{zoomed}");

    let links = b.client.find_all(Locator::Css(LIST)).await.unwrap();
    let target = links[99].clone();
    let name = target.text().await.unwrap();
    b.bring_to_rest(&target).await;
    let scrolled = b.eval("return window.scrollY;").await.as_f64().unwrap();
    assert!(scrolled > 1000.0, "the 100th group is far down: {scrolled}");
    target.click().await.unwrap();
    b.wait_for_h1(&name).await;

    b.client.back().await.unwrap();
    b.wait_for_h1("User groups").await;
    b.wait_until("the list as long as it was", "document.querySelectorAll('main ul.group-list li').length === 108")
        .await;
    b.wait_until("the scroll position as it was", &format!("Math.abs(window.scrollY - {scrolled}) < 2")).await;
    assert_eq!(world_transform(&b).await, zoomed, "the map's zoom");
    assert!(b.focused().await.starts_with("h1:"), "focus after Back: {}", b.focused().await);
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_to_a_section_of_another_page_shows_that_section() {
    let site = start_site().await;
    let b = Browser::open_sized(&site, 390, 844).await;
    b.goto("/code-of-conduct").await;
    b.click(b.link("main", "what are user groups").await).await;
    b.wait_for_h1("What are User Groups?").await;
    let id = "will-vendors-try-to-sell-me-things-at-a-user-group";
    b.wait_until("focus on the section", &format!("document.activeElement.id === {id:?}")).await;
    let top = b.eval(&format!("return document.getElementById({id:?}).getBoundingClientRect().top;")).await;
    let top = top.as_f64().unwrap();
    assert!((0.0..100.0).contains(&top), "the section's heading is at {top} px in the window");
    assert!(b.eval("return window.scrollY;").await.as_f64().unwrap() > 500.0);
    b.assert_clean().await;
}

/// Replaces the text of the field labelled `label`.
async fn retype(b: &Browser, label: &str, text: &str) {
    let input = field(b, label).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

const NEWER: &str = "Evening talks about running OpenStack, typed again while the form waited.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_made_while_the_form_waits_goes_with_the_next_attempt() {
    let inbox = start_site().await;
    let refused =
        Fault::Answer { status: 503, headers: "Retry-After: 4\r\n", body: r#"{"error": "busy", "fields": {}}"# };
    let proxy = fault_proxy::start(&inbox.base, vec![refused]).await;
    let b = open_form(&proxy.base).await;
    fill_details(&b).await;
    // An http address is a web address, for the form as for the inbox.
    fill(&b, "Meetup page (optional)", "http://www.meetup.com/openstack-spree/").await;
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;
    b.wait_until(
        "the wait",
        "document.querySelector('.send-status').textContent.includes('Changes you make now go with the next attempt')",
    )
    .await;
    retype(&b, "Short description", NEWER).await;
    wait_for_reference(&b, Duration::from_secs(30)).await;
    let rows = stored(&inbox.db);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["group"]["description"], NEWER);
    let meetup = json!({"kind": "meetup", "url": "http://www.meetup.com/openstack-spree/"});
    assert!(rows[0]["group"]["links"].as_array().unwrap().contains(&meetup), "{:#}", rows[0]["group"]["links"]);
    assert!(b.texts(".received .late").await.is_empty(), "nothing is late");
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_after_an_attempt_that_may_have_arrived_is_kept_in_sight_with_the_reference() {
    let inbox = start_site().await;
    let refused =
        Fault::Answer { status: 503, headers: "Retry-After: 4\r\n", body: r#"{"error": "busy", "fields": {}}"# };
    let proxy = fault_proxy::start(&inbox.base, vec![Fault::Lost, refused]).await;
    let b = open_form(&proxy.base).await;
    fill_details(&b).await;
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;
    b.wait_until(
        "the wait",
        "document.querySelector('.send-status').textContent.includes('changes you make now will be listed')",
    )
    .await;
    retype(&b, "Short description", NEWER).await;
    let reference = wait_for_reference(&b, Duration::from_secs(30)).await;
    let rows = stored(&inbox.db);
    assert_eq!(rows.len(), 1, "one request, not a second under a new key: {rows:#?}");
    assert_eq!(rows[0]["id"], reference.as_str());
    assert_eq!(rows[0]["group"]["description"], "Evening talks about running OpenStack, every second month.");
    b.wait_for_text(".received .late h3", "Changes that are not in the request").await;
    assert_eq!(b.texts(".received .late dt").await, ["Short description"]);
    assert_eq!(b.texts(".received .late dd").await, [NEWER]);

    // A reload keeps the reference and the late change in sight.
    b.reload().await;
    assert_eq!(wait_for_reference(&b, Duration::from_secs(10)).await, reference);
    assert_eq!(b.texts(".received .late dd").await, [NEWER]);
    b.assert_accessible().await;
    b.click(button(&b, "Start another request").await).await;
    b.wait_until("an empty form", "document.getElementById('city') && document.getElementById('city').value === ''")
        .await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_goes_where_a_groups_marker_is_and_opens_no_card() {
    let site = start_site().await;
    let b = open_form(&site).await;
    field(&b, "Country").await.select_by_label("Hungary").await.unwrap();
    let marker = ".point-field .map button.marker[aria-label^='OpenStack Budapest']";
    b.wait_until("Budapest on the map", &format!("document.querySelector({marker:?})")).await;
    b.bring_to_rest(&b.client.find(Locator::Css(".point-field .map")).await.unwrap()).await;
    let centre = b
        .eval(&format!(
            "const r = document.querySelector({marker:?}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];"
        ))
        .await;
    let (x, y) = (centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
    let press = fantoccini::actions::MouseActions::new("mouse".into())
        .then(fantoccini::actions::PointerAction::MoveTo { duration: None, x, y })
        .then(fantoccini::actions::PointerAction::Down { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
        .then(fantoccini::actions::PointerAction::Up { button: fantoccini::actions::MOUSE_BUTTON_LEFT });
    b.client.perform_actions(press).await.unwrap();
    b.wait_until("a pin", "document.getElementById('point').textContent.startsWith('Pin: 47.')").await;
    assert!(b.texts(".map-card").await.is_empty(), "a card opened on the form");
    assert_eq!(b.path().await, "/new-group");

    // Removing the pin leaves focus on the map, where a new one is put.
    b.click(button(&b, "Remove the pin").await).await;
    b.wait_until("focus on the map", "document.activeElement.classList.contains('map')").await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vertical_swipe_on_the_map_scrolls_the_page() {
    let site = start_site().await;
    let b = Browser::open_sized(&site, 390, 844).await;
    b.goto("/groups").await;
    settled_markers(&b).await;
    b.bring_to_rest(&b.client.find(Locator::Css("main .map")).await.unwrap()).await;
    let before = world_transform(&b).await;
    let scroll_before = b.eval("return window.scrollY;").await.as_f64().unwrap();
    let map = b.eval("const r = document.querySelector('main .map-canvas').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height - 10];").await;
    let (x, y) = (map[0].as_f64().unwrap(), map[1].as_f64().unwrap());
    let swipe = fantoccini::actions::TouchActions::new("finger".into())
        .then(fantoccini::actions::PointerAction::MoveTo { duration: None, x, y })
        .then(fantoccini::actions::PointerAction::Down { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
        .then(fantoccini::actions::PointerAction::MoveTo {
            duration: Some(Duration::from_millis(300)),
            x,
            y: y - 150.0,
        })
        .then(fantoccini::actions::PointerAction::Up { button: fantoccini::actions::MOUSE_BUTTON_LEFT });
    b.client.perform_actions(swipe).await.unwrap();
    b.wait_until("the page scrolled", &format!("window.scrollY > {scroll_before} + 50")).await;
    assert_eq!(world_transform(&b).await, before, "the swipe moved the map instead");
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_reads_punctuation_and_is_one_step_of_history() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    b.goto("/groups").await;
    b.wait_until("the list", "document.querySelectorAll('main ul.group-list li').length > 0").await;
    let search = b.client.find(Locator::Id("filter-q")).await.unwrap();
    search.send_keys("Boston, United States").await.unwrap();
    b.wait_for_texts(LIST, &["OpenStack Boston".to_string()]).await;

    b.goto("/groups").await;
    b.client.find(Locator::Id("filter-region")).await.unwrap().select_by_value("europe").await.unwrap();
    b.wait_until("Europe", "location.search === '?region=europe'").await;
    b.client.find(Locator::Id("filter-status")).await.unwrap().select_by_value("official").await.unwrap();
    b.wait_until("Official", "location.search === '?region=europe&status=official'").await;
    b.client.find(Locator::Id("filter-q")).await.unwrap().send_keys("ger").await.unwrap();
    b.wait_until("the search", "location.search === '?region=europe&q=ger&status=official'").await;
    b.client.back().await.unwrap();
    b.wait_until("Back to Official", "location.search === '?region=europe&status=official'").await;
    b.client.back().await.unwrap();
    b.wait_until("Back to Europe", "location.search === '?region=europe'").await;

    // Nothing matches: a way to every group, and one to start a group there.
    b.goto("/groups?country=hu&q=nowhere").await;
    b.wait_for_text(".no-match p", "No group matches these filters.").await;
    let start = b.link(".no-match", "ask to start a group").await;
    assert_eq!(start.attr("href").await.unwrap().as_deref(), Some("/new-group?country=hu"));
    b.click(start).await;
    b.wait_for_h1("Start a user group").await;
    // The form's first section comes a task after its heading.
    b.wait_until("the form starts in the country searched", "document.getElementById('country')?.value === 'HU'").await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_and_filters_at_their_edges() {
    let site = start_site().await;
    let b = Browser::open(&site).await;

    // One group: the map shows it within its country, not at street level.
    b.goto("/groups?country=hu").await;
    b.wait_for_texts(LIST, &["OpenStack Budapest".to_string()]).await;
    let scale = world_transform(&b).await;
    let k: f64 = scale.trim_start_matches("scale(").split(')').next().unwrap().parse().unwrap();
    assert!(k <= 8.0, "one group zooms the map to {k}");

    // Zoom buttons say when they can go no further.
    b.goto("/groups").await;
    settled_markers(&b).await;
    b.click(b.wait_for_text("main .map button", "Whole world").await).await;
    let zoom_out = "main .map button[aria-label='Zoom out']";
    assert_eq!(
        b.eval(&format!("return document.querySelector({zoom_out:?}).getAttribute('aria-disabled');")).await,
        "true"
    );
    let zoom_in = b.client.find(Locator::Css("main .map button[aria-label='Zoom in']")).await.unwrap();
    b.click(zoom_in).await;
    assert_eq!(
        b.eval(&format!("return document.querySelector({zoom_out:?}).getAttribute('aria-disabled');")).await,
        Value::Null
    );

    // "Skip the map" leads past the markers to the list.
    b.eval("document.getElementById('filter-status').focus(); return null;").await;
    b.press(TAB).await;
    assert_eq!(b.focused().await, "a:Skip the map");
    b.press("\u{E007}").await;
    assert_eq!(focused_id(&b).await, "group-list-heading");
    b.press(TAB).await;
    b.wait_until("focus on the first group", "document.activeElement.closest('ul.group-list') !== null").await;

    // Clearing the filters leaves focus on the search, not on the page.
    b.goto("/groups?region=europe").await;
    b.click(b.wait_for_text("main .filters button", "Clear filters").await).await;
    b.wait_until("focus on the search", "document.activeElement.id === 'filter-q'").await;
    b.goto("/groups?q=atlantis").await;
    b.click(b.wait_for_text(".no-match button", "Clear the filters").await).await;
    b.wait_until("focus on the search", "document.activeElement.id === 'filter-q'").await;

    // A country named with another region shows the country, in its own region.
    b.goto("/groups?region=asia&country=HU").await;
    b.wait_for_texts(LIST, &["OpenStack Budapest".to_string()]).await;
    let chosen = b
        .eval(
            "return [document.getElementById('filter-region').value, document.getElementById('filter-country').value];",
        )
        .await;
    assert_eq!(chosen, json!(["europe", "HU"]));
    b.assert_accessible().await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_smaller_things() {
    let site = start_site().await;
    let b = Browser::open(&site).await;

    // Both statuses have their badge.
    b.goto("/groups?country=hu").await;
    b.wait_for_text("main ul.group-list .badge", "New").await;
    b.goto("/groups?country=ch&status=official").await;
    b.wait_for_text("main ul.group-list .badge", "Official").await;

    // A slug typed with capitals reaches the group; the small map is named once.
    b.goto("/groups/Budapest").await;
    b.wait_for_h1("OpenStack Budapest").await;
    b.wait_until("the lowercase address", "location.pathname === '/groups/budapest'").await;
    let label = b.eval("return document.querySelector('.small-map .map').getAttribute('aria-label');").await;
    assert_eq!(label, "Map: OpenStack Budapest in Budapest, Hungary");

    // Right-to-left text reads from the right; the page says the boxes are ticked again.
    b.goto("/new-group").await;
    b.wait_for_h1("Start a user group").await;
    let dirs = b.eval("return [...document.querySelectorAll('.request-form input[type=text], .request-form textarea')].every(e => e.dir === 'auto');").await;
    assert_eq!(dirs, true);
    b.wait_for_text("main p", "Every field is required unless it says “optional”. What you type is kept in this tab until the request is sent, so a reload loses none of it. The agreement and consent boxes are the exception: after a reload they are left for you to tick again.").await;

    // An address with a hidden direction mark says so.
    fill(&b, "Website (optional)", "\u{202e}https://example.org").await;
    b.click(button(&b, "Send the request").await).await;
    b.wait_for_text("#link-website-error", "Website: the web address has an invisible formatting character (such as a zero-width space or a direction mark): retype it.").await;
    b.assert_clean().await;
}
