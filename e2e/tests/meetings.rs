//! Groups' meetings as a visitor meets them: a group's next meetings on its page (and in its
//! map's card), "meets in the next 30 days" in the directory, every meeting on `/meetings` by
//! region with Back, and the home page's next ones. The meetings come the way they do in
//! production: staff choose each group's feed, the server fetches it from a local feed
//! server. Every date is relative to now.

use std::sync::Arc;

use chrono::{Duration, Utc};
use fantoccini::Locator;
use groups_server::{
    clock::Timestamp,
    feed_policy,
    meetings::{
        fetch::Fetcher,
        refresh::{feeds, refresh_all, DEFAULT_EVERY},
    },
    store::{Decision, FeedMode, Store},
};

use crate::{
    feed_server::{FeedServer, Reply},
    support::{fetch, start_site, Browser, Site},
};

/// An event `days` from now at 18:30 in `zone`, and its date as the site writes it.
pub(crate) fn event(uid: &str, zone: chrono_tz::Tz, days: i64, summary: &str, extra: &str) -> (String, String) {
    let day = (Utc::now() + Duration::days(days)).with_timezone(&zone).date_naive();
    let text = format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID={}:{}\r\nDURATION:PT2H\r\n\
         SUMMARY:{summary}\r\n{extra}END:VEVENT\r\n",
        zone.name(),
        day.format("%Y%m%dT183000"),
    );
    (text, day.format("%A, %-d %B %Y").to_string())
}

pub(crate) fn calendar(events: &[&str]) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{}END:VCALENDAR\r\n", events.concat())
}

/// The dates of Berlin's three meetings (in 3, 10 (cancelled) and 45 days) and Tokyo's one
/// (in 50 days, online).
pub(crate) struct Dates {
    pub(crate) berlin: [String; 3],
    pub(crate) tokyo: String,
}

/// Serves Berlin's and Tokyo's feeds, has staff choose them and the server fetch them.
pub(crate) async fn with_meetings(site: &Site, server: &FeedServer) -> Dates {
    let (a, a_date) =
        event("b1", chrono_tz::Europe::Berlin, 3, "Kubernetes on OpenStack", "LOCATION:c-base\\, Berlin\r\n");
    let (b, b_date) = event("b2", chrono_tz::Europe::Berlin, 10, "Winter talks", "STATUS:CANCELLED\r\n");
    let (c, c_date) = event("b3", chrono_tz::Europe::Berlin, 45, "Spring talks", "");
    let (t, t_date) = event("t1", chrono_tz::Asia::Tokyo, 50, "Tokyo summer meetup", "LOCATION:Online event\r\n");
    publish(site, server, &[("berlin", calendar(&[&a, &b, &c])), ("tokyo", calendar(&[&t]))], 4).await;
    Dates { berlin: [a_date, b_date, c_date], tokyo: t_date }
}

/// Serves each group's feed (slug, calendar), has staff choose them and the server fetch
/// them, and waits until `/meetings.json` holds `expected` meetings.
pub(crate) async fn publish(site: &Site, server: &FeedServer, calendars: &[(&str, String)], expected: usize) {
    let store = Arc::new(Store::open_existing(&site.db).unwrap());
    for (slug, body) in calendars {
        let path = format!("/{slug}.ics");
        server.route(&path, Reply::Feed { body: body.clone(), etag: "\"1\"" });
        let decision = Decision::new("ann", Timestamp::now(), None);
        store.set_feed(slug, FeedMode::Url, Some(&server.url(&path)), &decision).unwrap().expect("a listed group");
    }
    let fetcher = Fetcher::new(feed_policy(&site.base, true));
    let all = feeds(&store).unwrap();
    for (feed, outcome) in refresh_all(&store, &fetcher, all, Timestamp::now(), DEFAULT_EVERY).await {
        assert!(outcome.to_string().starts_with("updated"), "{}: {outcome}", feed.slug);
    }
    // The server publishes what the store holds within a second or so: pages open after.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while fetch(&site.base, "/meetings.json").await.1.matches("\"group\":").count() < expected {
        assert!(std::time::Instant::now() < deadline, "the meetings were never published");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_groups_page_lists_its_next_meetings() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    let dates = with_meetings(&site, &server).await;
    let b = Browser::open_sized(&site, 390, 844).await;
    b.goto("/groups/berlin").await;
    b.wait_for_h1("OpenStack Berlin").await;
    let items = b.texts(".meeting-when").await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].starts_with(&format!("{}, 18:30–20:30 CE", dates.berlin[0])), "{items:?}");
    let what = b.texts(".meeting-what").await;
    assert_eq!(what, ["Kubernetes on OpenStack", "Cancelled: Winter talks", "Spring talks"]);
    assert_eq!(b.texts(".meeting-where").await, ["c-base, Berlin"]);
    b.link("main .meetings", "Subscribe to its calendar").await;
    b.assert_accessible().await;

    // With the page reloaded, the same: the server's copy and the app's agree.
    b.reload().await;
    assert_eq!(b.texts(".meeting-what").await.len(), 3);
    assert!(b.layout_shift().await < 0.01, "the meetings arrive with the page");
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_shows_next_dates_and_who_meets_in_the_next_30_days() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    let dates = with_meetings(&site, &server).await;
    let b = Browser::open(&site).await;
    b.goto("/groups?q=berlin").await;
    b.wait_for_text("main ul.group-list .next", &format!("Next meeting: {}", dates.berlin[0])).await;
    // The map's card says when the group meets next.
    b.wait_until("the group's marker", "document.querySelector('main .map button.marker')").await;
    let marker = b.client.find(Locator::Css("main .map button.marker")).await.unwrap();
    b.click(marker).await;
    b.wait_for_text(".map-card-next", &format!("Next meeting: {}", dates.berlin[0])).await;

    b.goto("/groups").await;
    let soon = b.wait_for_text("main label[for=filter-soon]", "Meets in the next 30 days (1)").await;
    b.click(soon).await;
    b.wait_for_text("main [role=status]", "Showing 1 of 116 groups").await;
    b.wait_for_path("/groups?meets=30").await;
    assert_eq!(b.texts("main ul.group-list li a").await, ["OpenStack Berlin"]);
    // The places count what they would show now.
    let regions = b.texts("#filter-region option").await;
    assert!(
        regions.contains(&"All regions (1)".to_owned()) && regions.contains(&"Europe (1)".to_owned()),
        "{regions:?}"
    );
    assert!(regions.contains(&"Asia (0)".to_owned()), "{regions:?}");
    b.assert_accessible().await;
    b.client.back().await.unwrap();
    b.wait_for_text("main [role=status]", "Showing all 116 groups").await;
    let checked = b.eval("return document.getElementById('filter-soon').checked;").await;
    assert_eq!(checked, false);
    // The count says what ticking would show with the other filters as they are (#31.12):
    // none in Asia, where only Tokyo has a calendar.
    b.goto("/groups?region=asia").await;
    b.wait_for_text("main label[for=filter-soon]", "Meets in the next 30 days (0)").await;
    b.goto("/groups?region=europe&status=official").await;
    b.wait_for_text("main label[for=filter-soon]", "Meets in the next 30 days (1)").await;
    // Tokyo meets in 50 days: not soon, but its date is there.
    b.goto("/groups?q=tokyo").await;
    b.wait_for_text("main ul.group-list .next", &format!("Next meeting: {}", dates.tokyo)).await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_meeting_by_date_and_region_with_back_and_the_home_pages_next_ones() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    let dates = with_meetings(&site, &server).await;
    let b = Browser::open_sized(&site, 320, 640).await;
    b.goto("/").await;
    let home = "main .next-meetings .meeting-what";
    b.wait_for_text(home, "Kubernetes on OpenStack").await;
    assert_eq!(
        b.texts(home).await,
        ["Kubernetes on OpenStack", "Spring talks", "Tokyo summer meetup"],
        "none cancelled"
    );
    b.click(b.link("main .next-meetings", "Every upcoming meeting").await).await;
    b.wait_for_h1("Meetings").await;
    b.wait_for_text("main [role=status]", "4 meetings to come.").await;
    let when = b.texts(".meeting-when time").await;
    assert_eq!(when, [&dates.berlin[..], std::slice::from_ref(&dates.tokyo)].concat(), "by date");
    assert!(b.texts(".meeting-where").await.contains(&"Japan OpenStack User Group (Tokyo) · Online".to_owned()));
    assert!(!b.overflows_horizontally().await, "readable at 320 px");
    b.assert_accessible().await;

    b.client.find(Locator::Id("meetings-region")).await.unwrap().select_by_value("asia").await.unwrap();
    b.wait_for_text("main [role=status]", "1 meeting to come.").await;
    assert_eq!(b.path().await, "/meetings?region=asia");
    let subscribe = b.link("main .subscribe", "Subscribe to these meetings").await;
    let host = groups_server::site_origin(site.dist()).split_once("://").unwrap().1.to_owned();
    assert_eq!(subscribe.attr("href").await.unwrap(), Some(format!("webcal://{host}/meetings.ics?region=asia")));
    // Countries follow the region: Japan's, not Germany's.
    let countries = b.texts("#meetings-country option").await;
    assert_eq!(countries, ["All countries", "Japan (1)"]);
    b.client.find(Locator::Id("meetings-country")).await.unwrap().select_by_value("JP").await.unwrap();
    b.wait_for_text("main [role=status]", "1 meeting to come.").await;
    assert_eq!(b.path().await, "/meetings?region=asia&country=jp");
    b.client.back().await.unwrap();
    b.client.back().await.unwrap();
    b.wait_for_text("main [role=status]", "4 meetings to come.").await;
    assert_eq!(b.path().await, "/meetings");
    b.assert_clean().await;

    // Without JavaScript, the server lists them and its form filters them.
    let plain = Browser::open_without_javascript(&site).await;
    plain.goto("/meetings?region=europe").await;
    plain.wait_for_text("main .result-count", "3 meetings to come.").await;
    assert_eq!(
        plain.texts("main .meeting-what").await,
        ["Kubernetes on OpenStack", "Cancelled: Winter talks", "Spring talks"]
    );
}

/// Reads an iCalendar file with Python's `icalendar` (in `tools/venv`): each event's UID,
/// start in UTC, title and status, as JSON.
fn read_with_icalendar(text: &str) -> Vec<serde_json::Value> {
    const READER: &str = r#"
import json, sys
from datetime import timezone
from icalendar import Calendar
calendar = Calendar.from_ical(sys.stdin.buffer.read())
events = []
for event in calendar.walk("VEVENT"):
    start = event.decoded("DTSTART")
    events.append({
        "uid": str(event["UID"]),
        "start": start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "title": str(event["SUMMARY"]),
        "cancelled": str(event.get("STATUS", "")) == "CANCELLED",
        "sequence": int(event.get("SEQUENCE", 0)),
    })
print(json.dumps(events))
"#;
    serde_json::from_value(crate::support::python_json(READER, text)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendars_read_back_with_an_independent_reader_with_the_same_uids_every_time() {
    let site = start_site().await;
    let server = FeedServer::start("127.0.0.1").await;
    with_meetings(&site, &server).await;
    let published: serde_json::Value = serde_json::from_str(&fetch(&site.base, "/meetings.json").await.1).unwrap();
    let upcoming: Vec<(String, String, String, bool)> = published["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let text = |k: &str| m[k].as_str().unwrap().to_owned();
            (text("id"), text("start"), text("title"), m["cancelled"].as_bool().unwrap())
        })
        .collect();
    let read = |events: Vec<serde_json::Value>| -> Vec<(String, String, String, bool)> {
        let mut events: Vec<_> = events
            .iter()
            .map(|e| {
                let text = |k: &str| e[k].as_str().unwrap().to_owned();
                (text("uid"), text("start"), text("title"), e["cancelled"].as_bool().unwrap())
            })
            .collect();
        events.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
        events
    };
    let everyone = read(read_with_icalendar(&fetch(&site.base, "/meetings.ics").await.1));
    assert_eq!(everyone, upcoming, "the same meetings, UIDs and times as the site shows");
    let berlin = read(read_with_icalendar(&fetch(&site.base, "/groups/berlin/meetings.ics").await.1));
    assert_eq!(berlin.len(), 3);
    assert!(berlin[1].3, "the cancelled one is kept, as cancelled");

    // The feed changed (a title) and fetched again: the calendar updates the same events.
    let (a, _) = event("b1", chrono_tz::Europe::Berlin, 3, "Kubernetes on OpenStack", "");
    let (b, _) = event("b2", chrono_tz::Europe::Berlin, 10, "Winter talks", "STATUS:CANCELLED\r\n");
    let (c, _) = event("b3", chrono_tz::Europe::Berlin, 45, "Spring talks, with pizza", "");
    server.route("/berlin.ics", Reply::Feed { body: calendar(&[&a, &b, &c]), etag: "\"b2\"" });
    let store = Arc::new(Store::open_existing(&site.db).unwrap());
    let fetcher = Fetcher::new(feed_policy(&site.base, true));
    let done = refresh_all(&store, &fetcher, feeds(&store).unwrap(), Timestamp::now(), DEFAULT_EVERY).await;
    assert!(done[0].1.to_string().starts_with("updated"), "{}", done[0].1);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let again = loop {
        let again = read(read_with_icalendar(&fetch(&site.base, "/groups/berlin/meetings.ics").await.1));
        if again[2].2 == "Spring talks, with pizza" || std::time::Instant::now() > deadline {
            break again;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(again[2].2, "Spring talks, with pizza");
    let identity = |events: &[(String, String, String, bool)]| {
        events.iter().map(|e| (e.0.clone(), e.1.clone())).collect::<Vec<_>>()
    };
    assert_eq!(identity(&again), identity(&berlin), "the same UIDs and times");
}
