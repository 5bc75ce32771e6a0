//! What a visitor tripped over (issue #31), on the meetings, the shell and the organisers'
//! pages, each guarded as they met it: focus after the last "Show more", right-to-left text,
//! the home page's next meetings without JavaScript, a page whose code is on its way, a
//! group's small map, long names and the menu on a phone; and what they expected and did not
//! find: a meeting added to a calendar on its own, calendars' addresses to subscribe to and
//! copy, the meetings by month, the private link copied, and a picture for shared links.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::{
    feed_server::FeedServer,
    meetings::{calendar, event, publish},
    new_group::{button, fill_details, open_form, tick_all, wait_for_reference},
    support::{fetch, fetch_bytes, start_site, start_site_with_groups, Browser, Site, FIXTURE_GROUPS},
};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

/// The fixture's directory with `change` applied to the group `slug`.
fn groups_with(slug: &str, change: impl FnOnce(&mut Value)) -> String {
    let mut directory: Value = serde_json::from_str(FIXTURE_GROUPS).unwrap();
    let group = directory["groups"].as_array_mut().unwrap().iter_mut().find(|g| g["slug"] == slug).unwrap();
    change(group);
    directory.to_string()
}

/// Twelve weekly meetings of `slug` from `first` days on, at 18:30 in Berlin.
fn weekly(slug: &str, first: i64) -> String {
    let (text, _) = event(
        &format!("{slug}-weekly"),
        chrono_tz::Europe::Berlin,
        first,
        "Weekly talks",
        "RRULE:FREQ=WEEKLY;COUNT=12\r\n",
    );
    calendar(&[&text])
}

/// Polls `condition` (a JavaScript expression) for at most `within`: true once it holds.
async fn holds_within(b: &Browser, condition: &str, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let script = format!("return !!({condition});");
    loop {
        if b.eval(&script).await == json!(true) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The computed writing direction of the innermost element in `<main>` whose whole text is
/// `text`: what a reader sees, right to left or left to right.
async fn direction_of(b: &Browser, text: &str) -> String {
    let script = format!(
        "const want = {text:?};
         const all = [...document.querySelectorAll('main *')].filter(e => e.textContent.trim() === want);
         const inner = all.find(e => ![...e.children].some(c => c.textContent.trim() === want));
         return inner ? getComputedStyle(inner).direction : 'not found';"
    );
    b.eval(&script).await.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_last_show_more_tab_goes_on_through_the_meetings_it_revealed() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    // Four groups meeting weekly: 48 meetings, 8 past the list's first 40.
    let feeds: Vec<(&str, String)> = ["berlin", "munich", "hamburg", "frankfurt"]
        .iter()
        .zip(1..)
        .map(|(slug, day)| (*slug, weekly(slug, day)))
        .collect();
    publish(&site, &server, &feeds, 48).await;
    let b = Browser::open(&site).await;
    b.goto("/meetings").await;
    b.wait_for_text("main [role=status]", "48 meetings to come.").await;
    let more = b.wait_for_text("main button", "Show 8 more").await;
    more.send_keys(ENTER).await.unwrap();
    b.wait_until("48 meetings shown", "document.querySelectorAll('main li.meeting').length === 48").await;
    b.wait_until(
        "focus on the first meeting revealed",
        "document.activeElement.closest('li.meeting') === document.querySelectorAll('main li.meeting')[40]",
    )
    .await;
    b.press(TAB).await;
    let next = b
        .eval(
            "const item = document.querySelectorAll('main li.meeting')[40];
             return document.activeElement === item.querySelector('a, button');",
        )
        .await;
    assert_eq!(next, json!(true), "Tab after the last Show more went to {}", b.focused().await);
    b.assert_accessible().await;
    b.assert_clean().await;
}

const HEBREW: &str = "קבוצת המשתמשים של OpenStack בברלין: מפגש בכל חודש.";
const HEBREW_TITLE: &str = "מפגש OpenStack חודשי";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn right_to_left_descriptions_and_titles_read_right_to_left() {
    let groups = groups_with("berlin", |g| g["description"] = json!(HEBREW));
    let site = start_site_with_groups(Some(&groups)).await;
    let server = FeedServer::start("127.0.0.1").await;
    let (meeting, _) = event("he1", chrono_tz::Europe::Berlin, 3, HEBREW_TITLE, "");
    publish(&site, &server, &[("berlin", calendar(&[&meeting]))], 1).await;

    let b = Browser::open(&site).await;
    b.goto("/groups/berlin").await;
    b.wait_for_h1("OpenStack Berlin").await;
    assert_eq!(direction_of(&b, HEBREW).await, "rtl", "the description on the group's page");
    assert_eq!(direction_of(&b, HEBREW_TITLE).await, "rtl", "the meeting's title on the group's page");
    b.goto("/meetings").await;
    b.wait_for_text("main [role=status]", "1 meeting to come.").await;
    assert_eq!(direction_of(&b, HEBREW_TITLE).await, "rtl", "the meeting's title on /meetings");
    b.assert_clean().await;

    let plain = Browser::open_without_javascript(&site).await;
    plain.goto("/groups/berlin").await;
    assert_eq!(direction_of(&plain, HEBREW).await, "rtl", "the description without JavaScript");
    plain.goto("/meetings").await;
    assert_eq!(direction_of(&plain, HEBREW_TITLE).await, "rtl", "the title without JavaScript");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_home_page_lists_the_next_meetings_by_their_dates() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    let (a, a_date) = event("n1", chrono_tz::Europe::Berlin, 3, "Kubernetes on OpenStack", "");
    let (b, _) = event("n2", chrono_tz::Europe::Berlin, 10, "Winter talks", "STATUS:CANCELLED\r\n");
    let (c, _) = event("n3", chrono_tz::Europe::Berlin, 45, "Spring talks", "");
    publish(&site, &server, &[("berlin", calendar(&[&a, &b, &c]))], 3).await;

    let plain = Browser::open_without_javascript(&site).await;
    plain.goto("/").await;
    plain.wait_for_text("main h2", "Next meetings").await;
    assert_eq!(
        plain.texts("main .next-meetings .meeting-what").await,
        ["Kubernetes on OpenStack", "Spring talks"],
        "the next ones, none cancelled"
    );
    assert!(plain.texts("main .next-meetings .meeting-when").await[0].starts_with(&a_date));
    let loading = plain
        .eval("return [...document.querySelectorAll('main *')].some(e => e.textContent.trim() === 'Loading the meetings…' && e.getClientRects().length > 0);")
        .await;
    assert_eq!(loading, json!(false), "nothing says it is loading");
    // (axe-core needs scripts: the page as sent is checked by the Nu Html Checker, markup.rs.)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_code_is_on_its_way_says_so_at_once() {
    let site = start_site().await;
    let b = Browser::open(&site).await;
    b.goto("/privacy").await;
    b.wait_for_h1("Privacy policy").await;
    // A slow phone network: 50 KB/s and 400 ms each way.
    b.cdp("Network.enable", json!({})).await;
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 400, "downloadThroughput": 51200, "uploadThroughput": 51200 }),
    )
    .await;
    b.click(b.link("header nav", "Start a group").await).await;
    let shown = holds_within(
        &b,
        "document.title === 'Start a group · OpenStack User Groups'
         && document.querySelector('main').getAttribute('aria-busy') === 'true'
         && [...document.querySelectorAll('[role=status]')].some(s => s.textContent.includes('Loading Start a group') && s.getClientRects().length > 0)",
        Duration::from_millis(1500),
    )
    .await;
    let state = b
        .eval(
            "return [document.title, document.querySelector('main').getAttribute('aria-busy'),
                     [...document.querySelectorAll('[role=status]')].map(s => s.textContent.trim()).join(' | '),
                     document.querySelector('main h1').textContent];",
        )
        .await;
    assert!(shown, "a second after the click, the page shows no progress: {state}");
    b.wait_for_h1("Start a user group").await;
    b.wait_until("the page no longer busy", "!document.querySelector('main').hasAttribute('aria-busy')").await;
    let said = b
        .eval("return [...document.querySelectorAll('.route-progress')].map(s => s.textContent.trim()).join('');")
        .await;
    assert_eq!(said, json!(""), "the progress line is gone");
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await;
    b.assert_accessible().await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_groups_small_map_shows_its_country_and_a_marker_that_can_be_seen() {
    let site = start_site().await;
    let b = Browser::open_sized(&site, 390, 844).await;
    b.goto("/groups/budapest").await;
    b.wait_for_h1("OpenStack Budapest").await;
    let measured = b
        .eval(
            "const h2 = [...document.querySelectorAll('main h2')].find(h => h.textContent === 'Where it meets');
             const canvas = document.querySelector('main .small-map .map-canvas');
             const marker = document.querySelector('main .small-map .static-marker');
             const images = [...document.querySelectorAll('main .small-map image')].map(i => i.getAttribute('href'));
             return [canvas.getBoundingClientRect().top - h2.getBoundingClientRect().bottom,
                     marker.getBoundingClientRect().width, images];",
        )
        .await;
    let gap = measured[0].as_f64().unwrap();
    assert!(gap <= 24.0, "{gap} px between the heading and the map");
    let marker = measured[1].as_f64().unwrap();
    assert!(marker >= 16.0, "the marker is {marker} px wide");
    let images = measured[2].as_array().unwrap();
    assert!(images.contains(&json!("/countries/hu.svg")), "Hungary is not drawn on its own: {images:?}");
    let (status, kind, body) = fetch_bytes(&site.base, "/countries/hu.svg").await;
    assert_eq!((status, kind.as_str()), (200, "image/svg+xml"));
    assert!(String::from_utf8(body).unwrap().contains("<path"), "Hungary's shape");
    b.assert_accessible().await;
    b.assert_clean().await;
    // Without JavaScript, the same map.
    let (_, page) = fetch(&site.base, "/groups/budapest").await;
    assert!(page.contains("href=\"/countries/hu.svg\"") && !page.contains("<div class=\"map-tools\"></div>"), "{page}");
}

const LONG_NAME: &str = "OpenStackUserGroupLlanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";

/// Whether every element matching `css` ends inside the box of its closest `within`.
async fn fits(b: &Browser, css: &str, within: &str) -> bool {
    let script = format!(
        "const all = [...document.querySelectorAll({css:?})];
         return all.length > 0 && all.every(e => {{
             const box = e.closest({within:?}).getBoundingClientRect();
             return [...e.getClientRects()].every(r => r.right <= box.right + 0.5);
         }});"
    );
    b.eval(&script).await == json!(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_unbroken_name_wraps_inside_its_box_on_a_phone() {
    let groups = groups_with("vienna", |g| g["name"] = json!(LONG_NAME));
    let site = start_site_with_groups(Some(&groups)).await;
    let server = FeedServer::start("127.0.0.1").await;
    let (meeting, _) = event("v1", chrono_tz::Europe::Vienna, 3, "Talks", "");
    publish(&site, &server, &[("vienna", calendar(&[&meeting]))], 1).await;
    let b = Browser::open_sized(&site, 320, 640).await;

    b.goto("/groups?country=at").await;
    b.wait_for_texts("main ul.group-list li a", &[LONG_NAME.to_owned()]).await;
    assert!(fits(&b, "main ul.group-list li a", "li").await, "the name leaves its card in the list");
    assert!(!b.overflows_horizontally().await, "/groups scrolls sideways");
    b.goto("/groups/vienna").await;
    b.wait_for_h1(LONG_NAME).await;
    assert!(fits(&b, "main h1", "main").await, "the heading leaves the page");
    assert!(!b.overflows_horizontally().await, "the group's page scrolls sideways");
    b.goto("/meetings").await;
    b.wait_for_text("main [role=status]", "1 meeting to come.").await;
    assert!(fits(&b, "main li.meeting a", "li").await, "the name leaves its meeting's box");
    assert!(!b.overflows_horizontally().await, "/meetings scrolls sideways");
    b.assert_clean().await;
}

/// The header's height and whether each of the menu's links can be seen.
async fn header(b: &Browser) -> (f64, bool) {
    let read = b
        .eval(
            "const links = [...document.querySelectorAll('header .main-nav a')];
             return [document.querySelector('header').getBoundingClientRect().height,
                     links.length > 0 && links.every(a => a.getClientRects().length > 0)];",
        )
        .await;
    (read[0].as_f64().unwrap(), read[1] == json!(true))
}

/// The menu's disclosure control, by its name "Menu".
async fn menu_control(b: &Browser) -> fantoccini::elements::Element {
    b.wait_for_text("header summary, header button", "Menu").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_menu_waits_behind_one_button() {
    let site = start_site().await;
    for javascript in [true, false] {
        let b = if javascript {
            Browser::open_sized(&site, 320, 740).await
        } else {
            // Scripts off, at a phone's width: the same header, opened without the app.
            Browser::open_sized_without_javascript(&site, 320, 740).await
        };
        b.goto("/").await;
        b.wait_for_h1("Find an OpenStack user group near you").await;
        let (height, open) = header(&b).await;
        assert!(height <= 120.0, "the header takes {height} px of 740 (JavaScript {javascript})");
        assert!(!open, "the menu's links show before it is opened");
        let menu = menu_control(&b).await;
        menu.send_keys(ENTER).await.unwrap();
        b.wait_until(
            "the menu open",
            "[...document.querySelectorAll('header .main-nav a')].every(a => a.getClientRects().length > 0)",
        )
        .await;
        b.click(b.link("header .main-nav", "Meetings").await).await;
        b.wait_for_h1("Meetings").await;
        if javascript {
            b.wait_until(
                "the menu closed after the choice",
                "[...document.querySelectorAll('header .main-nav a')].every(a => a.getClientRects().length === 0)",
            )
            .await;
            b.assert_accessible().await;
            b.assert_clean().await;
        }
    }
    // On a wide screen every link shows and there is no menu button (the language switcher's
    // stays).
    let wide = Browser::open(&site).await;
    wide.goto("/").await;
    wide.wait_for_h1("Find an OpenStack user group near you").await;
    assert!(header(&wide).await.1, "the links show on a wide screen");
    let buttons = wide
        .eval("return [...document.querySelectorAll('header .main-nav summary, header .main-nav button')].filter(e => e.getClientRects().length > 0).length;")
        .await;
    assert_eq!(buttons, json!(0));
}

/// Reads a calendar file with Python's `icalendar`: each event's UID and title.
fn events_in(text: &str) -> Vec<(String, String)> {
    const READER: &str = r#"
import json, sys
from icalendar import Calendar
calendar = Calendar.from_ical(sys.stdin.buffer.read())
print(json.dumps([[str(e["UID"]), str(e["SUMMARY"])] for e in calendar.walk("VEVENT")]))
"#;
    serde_json::from_value(crate::support::python_json(READER, text)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_meeting_can_be_added_to_a_calendar_on_its_own() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    let (a, _) = event("c1", chrono_tz::Europe::Berlin, 3, "Kubernetes on OpenStack", "");
    let (c, _) = event("c2", chrono_tz::Europe::Berlin, 45, "Spring talks", "");
    publish(&site, &server, &[("berlin", calendar(&[&a, &c]))], 2).await;
    let published: Value = serde_json::from_str(&fetch(&site.base, "/meetings.json").await.1).unwrap();
    let ids: Vec<String> =
        published["upcoming"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();

    let b = Browser::open(&site).await;
    for page in ["/meetings", "/groups/berlin"] {
        b.goto(page).await;
        b.wait_until("the meetings", "document.querySelectorAll('main li.meeting').length === 2").await;
        let hrefs = b
            .eval(
                "return [...document.querySelectorAll('main li.meeting')].map(li =>
                     [...li.querySelectorAll('a')].filter(a => a.textContent.startsWith('Add to calendar')).map(a => a.getAttribute('href')));",
            )
            .await;
        let hrefs: Vec<Vec<String>> = serde_json::from_value(hrefs).unwrap();
        assert!(hrefs.iter().all(|h| h.len() == 1), "one link a meeting on {page}: {hrefs:?}");
        for (href, (id, title)) in
            hrefs.iter().map(|h| &h[0]).zip(ids.iter().zip(["Kubernetes on OpenStack", "Spring talks"]))
        {
            let (status, kind, body) = fetch_bytes(&site.base, href).await;
            assert_eq!((status, kind.as_str()), (200, "text/calendar; charset=utf-8"), "{href}");
            let events = events_in(&String::from_utf8(body).unwrap());
            assert_eq!(
                events,
                [(id.clone(), title.to_owned())],
                "{href}: the meeting, with the UID its group's calendar gives it"
            );
        }
    }
    b.assert_accessible().await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meetings_by_month_with_calendars_to_subscribe_to_or_copy() {
    let site = start_site().await;
    let origin = groups_server::site_origin(site.dist());
    let host = origin.split_once("://").unwrap().1.to_owned();
    let server = FeedServer::start("127.0.0.1").await;
    let (a, a_date) = event("m1", chrono_tz::Europe::Berlin, 3, "Kubernetes on OpenStack", "");
    let (c, c_date) = event("m2", chrono_tz::Europe::Berlin, 45, "Spring talks", "");
    let (t, t_date) = event("m3", chrono_tz::Asia::Tokyo, 80, "Tokyo meetup", "");
    publish(&site, &server, &[("berlin", calendar(&[&a, &c])), ("tokyo", calendar(&[&t]))], 3).await;
    // "Thursday, 10 December 2026" is in "December 2026".
    let month = |date: &str| date.split(' ').skip(2).collect::<Vec<_>>().join(" ");
    let mut months: Vec<String> = [&a_date, &c_date, &t_date].iter().map(|d| month(d)).collect();
    months.dedup();

    let b = Browser::open(&site).await;
    b.cdp(
        "Browser.grantPermissions",
        json!({ "origin": site.base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    )
    .await;
    b.goto("/meetings").await;
    b.wait_for_text("main [role=status]", "3 meetings to come.").await;
    b.wait_for_texts("main .meetings-by-month h2", &months).await;
    let subscribe = b.link("main .subscribe", "Subscribe to these meetings").await;
    assert_eq!(subscribe.attr("href").await.unwrap(), Some(format!("webcal://{host}/meetings.ics")));
    b.click(button(&b, "Copy address").await).await;
    b.wait_for_text("main [role=status]", "Copied").await;
    let copied = b.clipboard_text().await;
    assert_eq!(copied, json!(format!("{origin}/meetings.ics")));
    b.assert_accessible().await;

    // A group's calendar, the same way.
    b.goto("/groups/berlin").await;
    b.wait_for_h1("OpenStack Berlin").await;
    let group = b.link("main .meetings", "Subscribe to its calendar").await;
    assert_eq!(group.attr("href").await.unwrap(), Some(format!("webcal://{host}/groups/berlin/meetings.ics")));
    b.click(button(&b, "Copy address").await).await;
    b.wait_for_text("main [role=status]", "Copied").await;
    let copied = b.clipboard_text().await;
    assert_eq!(copied, json!(format!("{origin}/groups/berlin/meetings.ics")));
    b.assert_clean().await;

    // Without JavaScript: the months, the webcal link and the address to copy by hand.
    let plain = Browser::open_without_javascript(&site).await;
    plain.goto("/meetings?region=europe").await;
    let mut europe: Vec<String> = [&a_date, &c_date].iter().map(|d| month(d)).collect();
    europe.dedup();
    plain.wait_for_texts("main .meetings-by-month h2", &europe).await;
    let subscribe = plain.link("main .subscribe", "Subscribe to these meetings").await;
    assert_eq!(subscribe.attr("href").await.unwrap(), Some(format!("webcal://{host}/meetings.ics?region=europe")));
    assert!(plain
        .texts("main .calendar-address")
        .await
        .iter()
        .any(|t| t.contains(&format!("{origin}/meetings.ics?region=europe"))));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_private_link_can_be_copied_from_the_confirmation() {
    let site = start_site().await;
    let b = open_form(&site.base).await;
    b.cdp(
        "Browser.grantPermissions",
        json!({ "origin": site.base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    )
    .await;
    fill_details(&b).await;
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;
    wait_for_reference(&b, Duration::from_secs(20)).await;
    let shown = b.texts(".private-link .link-text a").await;
    b.click(button(&b, "Copy link").await).await;
    b.wait_for_text(".private-link [role=status]", "Copied").await;
    let copied = b.clipboard_text().await;
    assert_eq!(copied, json!(shown[0]));
    b.assert_accessible().await;
    b.assert_clean().await;
}

/// The `content` of the `<meta property=…>` in `page`.
fn meta(page: &str, property: &str) -> Option<String> {
    let tag = format!("<meta property=\"{property}\" content=\"");
    let at = page.find(&tag)? + tag.len();
    Some(page[at..at + page[at..].find('"')?].to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_links_have_a_picture_from_the_site_itself() {
    let site: Site = start_site().await;
    let origin = groups_server::site_origin(site.dist());
    for path in ["/", "/groups", "/groups/berlin", "/meetings", "/privacy", "/new-group"] {
        let (_, page) = fetch(&site.base, path).await;
        let image = meta(&page, "og:image").unwrap_or_else(|| panic!("{path}: no og:image"));
        assert_eq!(image, format!("{origin}/og-image.png"), "{path}");
        assert!(meta(&page, "og:image:alt").is_some_and(|alt| alt.len() > 10), "{path}: no og:image:alt");
        assert_eq!(meta(&page, "og:image:width").as_deref(), Some("1200"), "{path}");
        assert_eq!(meta(&page, "og:image:height").as_deref(), Some("630"), "{path}");
    }
    let (status, kind, png) = fetch_bytes(&site.base, "/og-image.png").await;
    assert_eq!((status, kind.as_str()), (200, "image/png"));
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1200, 630), "its size, as the tags say");
}
