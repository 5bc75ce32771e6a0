//! The groups directory: filters in the URL, the list, group pages, loading failures.

use fantoccini::Locator;
use groups_portal::{
    directory::{
        list::PAGE,
        model::{Directory, Group, Status},
    },
    regions::Region,
    shell::site::SITE_NAME,
};

use crate::{
    fault_proxy::{self, Fault},
    support::{start_site, Browser, FIXTURE_GROUPS},
};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

fn sample() -> Vec<Group> {
    Directory::read(FIXTURE_GROUPS).unwrap().0.groups
}

fn names(groups: impl IntoIterator<Item = Group>) -> Vec<String> {
    groups.into_iter().map(|g| g.name).collect()
}

/// What the list shows before "Show more" is pressed.
fn first_page(names: Vec<String>) -> Vec<String> {
    names.into_iter().take(PAGE).collect()
}

const LIST: &str = "main ul.group-list li a";

/// How many groups the map's markers stand for: one per single marker, the count of each
/// cluster (its accessible name begins with it).
async fn markers_on_map(browser: &Browser) -> usize {
    let n = browser
        .eval(
            "return [...document.querySelectorAll('main .map button.marker')].reduce((n, b) =>
                 n + (b.classList.contains('cluster') ? parseInt(b.getAttribute('aria-label'), 10) : 1), 0);",
        )
        .await;
    n.as_u64().unwrap() as usize
}

/// The map's current CSS transform of the world image.
async fn world_transform(browser: &Browser) -> String {
    browser
        .eval("return document.querySelector('main .map-world').style.transform;")
        .await
        .as_str()
        .unwrap()
        .to_string()
}

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
        assert_eq!(markers_on_map(&browser).await, expected.len(), "markers on the map for {region}");
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
    browser.wait_for_texts(LIST, &first_page(names(all.clone()))).await;
    browser.mark_document().await;

    let region = browser.client.find(Locator::Id("filter-region")).await.unwrap();
    region.select_by_value("oceania").await.unwrap();
    let oceania = names(all.iter().filter(|g| g.region() == Region::Oceania).cloned());
    browser.wait_for_texts(LIST, &oceania).await;
    browser.wait_for_path("/groups?region=oceania").await;

    let search = browser.client.find(Locator::Id("filter-q")).await.unwrap();
    search.send_keys("auck").await.unwrap();
    browser.wait_for_texts(LIST, &["OpenStack Auckland".to_string()]).await;
    browser.wait_for_path("/groups?region=oceania&q=auck").await;

    // The search is a step of its own: Back returns to the region, then to every group.
    browser.client.back().await.unwrap();
    browser.wait_for_texts(LIST, &oceania).await;
    assert_eq!(browser.path().await, "/groups?region=oceania");
    browser.client.back().await.unwrap();
    browser.wait_for_texts(LIST, &first_page(names(all.clone()))).await;
    assert_eq!(browser.path().await, "/groups");
    browser.client.forward().await.unwrap();
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
    browser.click(browser.wait_for_text("main button", "Clear the filters").await).await;
    browser.wait_for_texts(LIST, &first_page(names(sample()))).await;
    browser.wait_for_path("/groups").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_has_its_own_page_reached_from_the_list() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups?q=berlin").await;
    browser.click(browser.link("main ul.group-list", "OpenStack Berlin").await).await;
    browser.wait_for_h1("OpenStack Berlin").await;
    assert_eq!(browser.path().await, "/groups/berlin");
    browser.wait_for_title(&format!("OpenStack Berlin · {SITE_NAME}")).await;
    assert_eq!(browser.texts("main .facts dd").await[..3], ["Berlin", "Germany", "Europe"]);
    browser.assert_accessible().await;

    browser.click(browser.link("main .facts", "Europe").await).await;
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
    browser.click(browser.link("main .region-list", "Africa").await).await;
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
    // The app reads such a file as it is (the server would not publish it: a proxy serves it).
    let site = start_site().await;
    let proxy = fault_proxy::start_for(
        &site.base,
        "GET /groups.json ",
        vec![Fault::Answer { status: 200, headers: "", body: json }],
    )
    .await;
    let browser = Browser::open(&proxy.base).await;
    browser.goto("/groups").await;
    browser.wait_for_texts(LIST, &["Also Good".to_string(), "Good Group".to_string()]).await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_load_shows_an_error_and_retry_works() {
    let site = start_site().await;
    // The directory cannot be had for a moment (a proxy in front answers 503), then arrives
    // damaged (not JSON), then whole.
    let unavailable =
        Fault::Answer { status: 503, headers: "Retry-After: 5\r\n", body: r#"{"error": "busy", "fields": {}}"# };
    let damaged = Fault::Answer { status: 200, headers: "", body: "<html>oops</html>" };
    let proxy = fault_proxy::start_for(&site.base, "GET /groups.json ", vec![unavailable, damaged]).await;
    let browser = Browser::open(&proxy.base).await;
    browser.goto("/groups").await;
    browser.wait_for_text("main [role=alert] button", "Try again").await;
    let message = browser.texts("main [role=alert] p").await;
    assert!(message[0].contains("could not be loaded (the server answered 503)"), "{message:?}");
    browser.assert_accessible().await;

    browser.click(browser.wait_for_text("main [role=alert] button", "Try again").await).await;
    browser
        .wait_until("the damage said", "document.querySelector('main [role=alert] p').textContent.includes('damaged')")
        .await;
    browser.click(browser.wait_for_text("main [role=alert] button", "Try again").await).await;
    browser.wait_for_texts(LIST, &first_page(names(sample()))).await;
    assert_eq!(proxy.posts(), 3, "one fetch per attempt");
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn by_keyboard_alone_a_marker_opens_its_card_and_leads_to_the_group() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups?region=oceania").await;
    browser.wait_for_h1("User groups").await;
    browser.wait_for_texts(LIST, &names(sample().into_iter().filter(|g| g.region() == Region::Oceania))).await;
    browser.eval("document.activeElement && document.activeElement.blur(); return null;").await;

    // Tab through the page to the map's markers; a cluster zooms in when activated.
    let mut opened = false;
    for _ in 0..80 {
        browser.press(TAB).await;
        let focused = browser.eval("const e = document.activeElement; return e.classList.contains('marker') ? (e.classList.contains('cluster') ? 'cluster' : 'marker') : '';").await;
        match focused.as_str() {
            Some("cluster") => browser.press(ENTER).await,
            Some("marker") => {
                browser.press(ENTER).await;
                opened = true;
                break;
            }
            _ => {}
        }
    }
    assert!(opened, "no single marker was reached by Tab");
    let link = browser.wait_for_text("main .map-card a", "Open the group’s page").await;
    assert_eq!(browser.focused().await, "a:Open the group’s page", "focus did not move into the card");
    let href = link.attr("href").await.unwrap().unwrap();
    browser.press(ENTER).await;
    let slug = href.trim_start_matches("/groups/").to_string();
    let group = sample().into_iter().find(|g| g.slug == slug).unwrap();
    browser.wait_for_h1(&group.name).await;
    assert_eq!(browser.path().await, href);
    browser.assert_accessible().await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_zooms_with_keys_and_buttons_and_pans_by_dragging() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups").await;
    browser.wait_for_texts(LIST, &first_page(names(sample()))).await;
    let world = world_transform(&browser).await;

    browser.wait_for_text("main .map-tools button", "Whole world").await;
    let zoom_in = browser.client.find(Locator::Css("main .map-tools button[aria-label='Zoom in']")).await.unwrap();
    browser.click(zoom_in).await;
    let zoomed = world_transform(&browser).await;
    assert_ne!(zoomed, world, "the zoom-in button did nothing");

    // Keys act while the map has focus.
    browser.eval("document.querySelector('main .map').focus(); return null;").await;
    browser.press("+").await;
    let more = world_transform(&browser).await;
    assert_ne!(more, zoomed, "+ did nothing");
    browser.press("-").await;
    browser.press("-").await;
    browser.press("-").await;
    browser.press("-").await;
    assert_eq!(world_transform(&browser).await, "scale(1) translate(0%, 0%)", "- did not zoom out to the whole world");

    // Drag to pan (after zooming in, so there is room to move).
    browser.press("+").await;
    browser.press("+").await;
    let before = world_transform(&browser).await;
    // Pointer moves are in the viewport's coordinates (an element's rectangle is in the
    // document's): the map in view, and its box where the window shows it. With the window's
    // inner height at 757 px the map's lower part was below it, and the drag out of bounds.
    let rect = browser
        .eval(
            "const c = document.querySelector('main .map-canvas'); c.scrollIntoView({ block: 'center' });
             const r = c.getBoundingClientRect(); return [r.x, r.y, r.width, r.height];",
        )
        .await;
    let rect: Vec<f64> = rect.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let (x, y, w, h) = (rect[0], rect[1], rect[2], rect[3]);
    use fantoccini::actions::InputSource as _;
    let start = (x + w * 0.1, y + h * 0.9);
    let drag = fantoccini::actions::MouseActions::new("mouse".into())
        .then(fantoccini::actions::PointerAction::MoveTo { duration: None, x: start.0, y: start.1 })
        .then(fantoccini::actions::PointerAction::Down { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
        .then(fantoccini::actions::PointerAction::MoveTo {
            duration: Some(std::time::Duration::from_millis(200)),
            x: start.0 + 120.0,
            y: start.1 - 60.0,
        })
        .then(fantoccini::actions::PointerAction::Up { button: fantoccini::actions::MOUSE_BUTTON_LEFT });
    browser.client.perform_actions(drag).await.unwrap();
    assert_ne!(world_transform(&browser).await, before, "dragging did not pan");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wheel_scrolls_the_page_unless_the_map_has_focus() {
    let site = start_site().await;
    let browser = Browser::open_sized(&site, 1280, 700).await;
    browser.goto("/groups").await;
    browser.wait_for_texts(LIST, &first_page(names(sample()))).await;
    let world = world_transform(&browser).await;
    let wheel = "const c = document.querySelector('main .map-canvas'); const r = c.getBoundingClientRect();
        c.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, bubbles: true, cancelable: true, ctrlKey: arguments[0] }));
        return null;";
    browser.eval("document.activeElement && document.activeElement.blur(); return null;").await;
    browser.client.execute(wheel, vec![serde_json::json!(false)]).await.unwrap();
    assert_eq!(world_transform(&browser).await, world, "the wheel zoomed a map without focus");
    browser.client.execute(wheel, vec![serde_json::json!(true)]).await.unwrap();
    assert_ne!(world_transform(&browser).await, world, "Ctrl + wheel did not zoom");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_list_shows_more_on_request() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups").await;
    let all = names(sample());
    assert!(all.len() > PAGE, "the sample should be longer than a page");
    browser.wait_for_texts(LIST, &first_page(all.clone())).await;
    // Each press shows up to a page more, until all are shown.
    let mut shown = PAGE;
    while shown < all.len() {
        let more = browser
            .wait_for_text("main .directory-list > button", &format!("Show {} more", (all.len() - shown).min(PAGE)))
            .await;
        browser.click(more).await;
        shown += PAGE;
        browser.wait_for_texts(LIST, &all[..shown.min(all.len())]).await;
    }
    assert_eq!(markers_on_map(&browser).await, all.len());
}

/// A choice reaches the address a frame after it shows: a group's link clicked within that
/// frame is still followed, and Back from the group returns to the choice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_clicked_right_after_a_choice_is_followed_and_back_returns_to_the_choice() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups").await;
    browser.wait_for_texts(LIST, &first_page(names(sample()))).await;
    browser
        .eval(
            "const s = document.getElementById('filter-region'); s.value = 'oceania';
             s.dispatchEvent(new Event('change', { bubbles: true }));
             setTimeout(() => {
                 const link = document.querySelector('main ul.group-list li a');
                 window.clicked = [link.textContent.trim(), link.getAttribute('href')];
                 link.click();
             }, 3);
             return null;",
        )
        .await;
    browser.wait_until("the click", "window.clicked").await;
    let clicked = browser.eval("return window.clicked;").await;
    let (name, href) = (clicked[0].as_str().unwrap().to_owned(), clicked[1].as_str().unwrap().to_owned());
    assert!(href.starts_with("/groups/"), "{href}");
    browser.wait_for_h1(&name).await;
    browser.wait_for_path(&href).await;
    browser.client.back().await.unwrap();
    browser.wait_for_h1("User groups").await;
    browser.wait_for_path("/groups?region=oceania").await;
    browser.assert_clean().await;
}
