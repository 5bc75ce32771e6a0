//! Groups' meetings end to end on the server: a group's calendar feed, served by a local feed
//! server, chosen and fetched by staff commands; the meetings then in `/meetings.json`, on the
//! group's page (with and without JavaScript), in the directory's "meets in the next 30 days",
//! on `/meetings` and in the calendars to subscribe to; a feed that goes bad keeps the last
//! good meetings, says why to staff and nothing to visitors. Every time is relative to now.

use groups_testkit as common;

use std::time::{Duration, Instant};

use chrono::Utc;
use chrono_tz::Europe::Berlin;
use common::{feed_server::FeedServer, feed_server::Reply, ok, staff, start, Site};
use groups_core::when::{Day, When};
use reqwest::{header, StatusCode};
use serde_json::Value;

/// A time `days` from now at 18:30 in Berlin, as an iCalendar local time, and its day.
fn berlin_evening(days: i64) -> (String, Day) {
    let day = (Utc::now() + chrono::Duration::days(days)).with_timezone(&Berlin).date_naive();
    (day.format("%Y%m%dT183000").to_string(), day.format("%Y-%m-%d").to_string().parse().unwrap())
}

/// A meeting's `when` in `/meetings.json`, read.
fn when(meeting: &Value) -> When {
    serde_json::from_value(meeting["when"].clone()).unwrap()
}

fn event(uid: &str, start: &str, summary: &str, extra: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{}\r\nDTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT2H30M\r\n\
         SUMMARY:{summary}\r\n{extra}END:VEVENT\r\n",
        Utc::now().format("%Y%m%dT%H%M%SZ")
    )
}

/// Berlin's feed: a meeting in 3 days (with hostile text and a good link), one cancelled in
/// 10 days, one 40 days ago (with a link no one should follow).
fn feed() -> (String, [Day; 3]) {
    let (next, next_date) = berlin_evening(3);
    let (off, off_date) = berlin_evening(10);
    let (past, past_date) = berlin_evening(-40);
    let events = [
        event(
            "talks-1@test",
            &next,
            "<script>alert(1)</script> Talks & demos",
            "LOCATION:c-base\\, Berlin\r\nURL:https://example.org/events/1\r\n",
        ),
        event("talks-2@test", &off, "Winter talks", "STATUS:CANCELLED\r\n"),
        event("talks-0@test", &past, "Autumn talks", "URL:javascript:alert(1)\r\n"),
    ]
    .concat();
    let body = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n");
    (body, [next_date, off_date, past_date])
}

async fn get(site: &Site, path: &str) -> (StatusCode, String) {
    let response = reqwest::get(format!("{}{path}", site.base)).await.unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn meetings_json(site: &Site) -> Value {
    serde_json::from_str(&get(site, "/meetings.json").await.1).unwrap()
}

/// Waits until `/meetings.json` satisfies `ready` (a staff command's change is published
/// within a second or so).
async fn wait_for(site: &Site, ready: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let file = meetings_json(site).await;
        if ready(&file) {
            return file;
        }
        assert!(Instant::now() < deadline, "the published meetings are still {file}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

// The staff commands block their thread while the feed server answers them from another:
// each test runs on two.

/// A site whose Berlin group takes its meetings from `feeds`' `/berlin.ics`, fetched once.
async fn site_with_feed(feeds: &FeedServer) -> Site {
    let site = start().await;
    let url = feeds.url("/berlin.ics");
    let said = ok(staff(&site, &["groups", "calendar", "berlin", &url, "--insecure-feeds"]));
    assert!(said.contains("its meetings come from http://127.0.0.1"), "{said}");
    let said = ok(staff(&site, &["meetings", "refresh", "--insecure-feeds"]));
    assert!(said.contains("updated with 3 meetings"), "{said}");
    site
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_groups_feed_becomes_its_meetings_everywhere_they_are_shown() {
    let feeds = FeedServer::start("127.0.0.1").await;
    let (body, [next_date, off_date, past_date]) = feed();
    feeds.route("/berlin.ics", Reply::Feed { body, etag: "\"v1\"" });
    let site = site_with_feed(&feeds).await;

    let file = wait_for(&site, |f| f["upcoming"].as_array().is_some_and(|u| u.len() == 2)).await;
    let first = &file["upcoming"][0];
    assert_eq!(first["title"], "<script>alert(1)</script> Talks & demos", "text, kept as text");
    assert_eq!(when(first).day, next_date);
    assert!(when(first).time().starts_with("18:30–21:00 CE"), "in Berlin's own time: {first}");
    assert_eq!(
        (first["place"].as_str(), first["url"].as_str()),
        (Some("c-base, Berlin"), Some("https://example.org/events/1"))
    );
    assert_eq!((when(&file["upcoming"][1]).day, file["upcoming"][1]["cancelled"].as_bool()), (off_date, Some(true)));
    let story = &file["groups"]["berlin"];
    assert_eq!(
        (story["last"].as_str(), story["next_date"].as_str()),
        (Some(past_date.to_string().as_str()), Some(next_date.to_string().as_str()))
    );
    assert_eq!((story["source"].as_str(), story["quiet"].as_bool()), (Some("127.0.0.1"), Some(false)));

    // The group's page, as the server sends it (what readers without JavaScript keep).
    let (status, page) = get(&site, "/groups/berlin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h2 id=\"meetings-title\">Next meetings</h2>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Talks &amp; demos") && !page.contains("<script>alert"),
        "{page}"
    );
    assert!(page.contains(&format!("Last met on {}.", past_date.full())), "{page}");
    assert!(page.contains("<strong class=\"meeting-cancelled\">Cancelled:</strong>"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
    assert!(
        page.contains("<script type=\"application/ld+json\">") && page.contains("\\u003cscript\\u003e"),
        "the events for search engines, unable to close their element: {page}"
    );

    // The directory's "meets in the next 30 days", and the meetings page, without JavaScript.
    let (_, groups) = get(&site, "/groups?meets=30").await;
    assert!(groups.contains("Showing all 1 groups") || groups.contains(">OpenStack &lt;Berlin&gt;</a>"), "{groups}");
    assert!(groups.contains(&format!("Next meeting: {}", next_date.full())), "{groups}");
    assert!(groups.contains("Meets in the next 30 days (1)"), "{groups}");
    // The count says what ticking it would show with the other filters: Berlin is in Europe.
    let (_, asia) = get(&site, "/groups?region=asia").await;
    assert!(asia.contains("Meets in the next 30 days (0)"), "{asia}");
    let (_, meetings) = get(&site, "/meetings?region=europe").await;
    assert!(meetings.contains("2 meetings to come."), "{meetings}");
    assert!(
        meetings.contains(
            "<a href=\"webcal://groups.example.org/meetings.ics?region=europe\">Subscribe to these meetings</a>"
        ),
        "{meetings}"
    );
    let (_, elsewhere) = get(&site, "/meetings?region=asia").await;
    assert!(elsewhere.contains("No meeting is planned in these places yet."), "{elsewhere}");
    assert!(
        elsewhere.contains("href=\"webcal://groups.example.org/meetings.ics?region=asia\""),
        "subscribing to a place before its first meeting"
    );

    // Calendars to subscribe to, with UIDs that stay the same from one download to the next.
    let response = reqwest::get(format!("{}/groups/berlin/meetings.ics", site.base)).await.unwrap();
    assert_eq!(response.headers()[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
    let calendar = response.text().await.unwrap();
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 3, "the past meeting too: {calendar}");
    assert!(calendar.contains("STATUS:CANCELLED"), "{calendar}");
    let uids = |text: &str| text.lines().filter(|l| l.starts_with("UID:")).map(str::to_owned).collect::<Vec<_>>();
    ok(staff(&site, &["meetings", "refresh", "--insecure-feeds"]));
    assert_eq!(uids(&get(&site, "/groups/berlin/meetings.ics").await.1), uids(&calendar));
    assert_eq!(get(&site, "/meetings.ics?region=europe").await.1.matches("BEGIN:VEVENT").count(), 3);
    assert_eq!(get(&site, "/meetings.ics?region=asia").await.1.matches("BEGIN:VEVENT").count(), 0);
    assert_eq!(get(&site, "/groups/atlantis/meetings.ics").await.0, StatusCode::NOT_FOUND);

    // Each meeting alone, to add to a calendar: the same event, under the same UID.
    let id = file["upcoming"][0]["id"].as_str().unwrap();
    let key = id.split('@').next().unwrap();
    let alone = reqwest::get(format!("{}/groups/berlin/meetings/{key}.ics", site.base)).await.unwrap();
    assert_eq!(alone.status(), StatusCode::OK);
    assert_eq!(alone.headers()[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
    let alone = alone.text().await.unwrap();
    assert_eq!(uids(&alone), [format!("UID:{id}")], "{alone}");
    let unfolded = alone.replace("\r\n ", "");
    assert!(unfolded.contains("X-WR-CALNAME:OpenStack <Berlin>: <script>alert(1)</script> Talks & demos"), "{alone}");
    assert!(page.contains(&format!("href=\"/groups/berlin/meetings/{key}.ics\">Add to calendar")), "{page}");
    for wrong in [
        format!("/groups/berlin/meetings/{key}"),
        "/groups/berlin/meetings/0000.ics".into(),
        format!("/groups/atlantis/meetings/{key}.ics"),
    ] {
        assert_eq!(get(&site, &wrong).await.0, StatusCode::NOT_FOUND, "{wrong}");
    }

    // A reload of the app's file costs a 304 until the meetings change.
    let etag = reqwest::get(format!("{}/meetings.json", site.base)).await.unwrap().headers()[header::ETAG].clone();
    let again = reqwest::Client::new()
        .get(format!("{}/meetings.json", site.base))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feed_gone_bad_keeps_the_last_good_meetings_and_tells_staff_not_visitors() {
    let feeds = FeedServer::start("127.0.0.1").await;
    let (body, [next_date, ..]) = feed();
    feeds.route("/berlin.ics", Reply::Feed { body: body.clone(), etag: "\"v1\"" });
    let site = site_with_feed(&feeds).await;
    wait_for(&site, |f| f["upcoming"].as_array().is_some_and(|u| u.len() == 2)).await;

    let cut = body[..body.len() / 2].to_owned();
    let bad = [
        (Reply::Feed { body: cut, etag: "\"cut\"" }, "cut off"),
        (
            Reply::Feed { body: "<html><body>Please log in</body></html>".into(), etag: "\"login\"" },
            "not an iCalendar file",
        ),
        (Reply::Status { status: 500, headers: String::new() }, "500"),
        (Reply::Huge(8 * 1024 * 1024), "larger than"),
        (Reply::Redirect(feeds.url("/berlin.ics")), "redirect"),
    ];
    for (reply, why) in bad {
        feeds.route("/berlin.ics", reply);
        let said = ok(staff(&site, &["meetings", "refresh", "--insecure-feeds"]));
        assert!(said.contains("error:") && said.contains(why), "{why}: {said}");
        let status = ok(staff(&site, &["meetings", "status"]));
        assert!(status.contains("last error:") && status.contains(why), "{why}: {status}");
        assert!(status.contains("3 meetings held"), "{why}: {status}");
    }
    // Visitors still see the last good meetings, and no error.
    let file = meetings_json(&site).await;
    assert_eq!(file["upcoming"].as_array().unwrap().len(), 2, "{file}");
    let (status, page) = get(&site, "/groups/berlin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&next_date.full()) && !page.contains("error"), "{page}");

    // Fixed, the feed replaces them again.
    let (fixed, _) = feed();
    let fixed = fixed.replace("Winter talks", "Winter party");
    feeds.route("/berlin.ics", Reply::Feed { body: fixed, etag: "\"v2\"" });
    assert!(ok(staff(&site, &["meetings", "refresh", "--insecure-feeds"])).contains("updated with 3 meetings"));
    wait_for(&site, |f| f["upcoming"][1]["title"] == "Winter party").await;
    assert!(!ok(staff(&site, &["meetings", "status"])).contains("last error"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_turn_a_groups_meetings_off_and_they_go() {
    let feeds = FeedServer::start("127.0.0.1").await;
    feeds.route("/berlin.ics", Reply::Feed { body: feed().0, etag: "\"v1\"" });
    let site = site_with_feed(&feeds).await;
    wait_for(&site, |f| f["upcoming"].as_array().is_some_and(|u| u.len() == 2)).await;
    let said = ok(staff(&site, &["groups", "calendar", "berlin", "--off"]));
    assert!(said.contains("no longer imported"), "{said}");
    let file = wait_for(&site, |f| f["upcoming"].as_array().is_some_and(Vec::is_empty)).await;
    assert!(file["groups"].as_object().unwrap().is_empty(), "{file}");
    let history = ok(staff(&site, &["groups", "history", "berlin"]));
    assert!(history.contains("calendar"), "the choice is in the group's history: {history}");
    // An address that is not https is refused, unless staff test with local feeds.
    let refused = common::refused(staff(&site, &["groups", "calendar", "berlin", "http://example.org/x.ics"]));
    assert!(refused.contains("https"), "{refused}");
}

/// An Outlook calendar (Windows zone names, a monthly series with an excluded date and a
/// moved one, across the autumn change of time), read as of a fixed moment: the server's
/// clock and the refresh both take it as a parameter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outlook_series_shows_its_dates_as_outlook_does() {
    let now = "2025-06-13T12:00:00Z";
    let feeds = FeedServer::start("127.0.0.1").await;
    let outlook = include_str!("../../feeds/tests/fixtures/outlook.ics").to_owned();
    feeds.route("/outlook.ics", Reply::Feed { body: outlook, etag: "\"o\"" });
    let site = common::start_with(true, |mut config| {
        config.clock = groups_server::clock::Clock::Fixed(now.parse().unwrap());
        config
    })
    .await;
    ok(staff(&site, &["groups", "calendar", "berlin", &feeds.url("/outlook.ics"), "--insecure-feeds"]));
    let said = ok(staff(&site, &["meetings", "refresh", "--insecure-feeds", "--now", now]));
    assert!(said.contains("updated with"), "{said}");
    wait_for(&site, |f| f["upcoming"].as_array().is_some_and(|u| !u.is_empty())).await;

    let (_, page) = get(&site, "/groups/berlin").await;
    let whens: Vec<&str> =
        page.split("<p class=\"meeting-when\">").skip(1).map(|p| p.split("</p>").next().unwrap()).collect();
    let expected = [
        // 10 July is excluded; 14 August and the rest keep 18:30 in summer time…
        ("Thursday, 14 August 2025", "18:30–21:00 CEST"),
        ("Thursday, 11 September 2025", "18:30–21:00 CEST"),
        ("Thursday, 9 October 2025", "18:30–21:00 CEST"),
        // …13 November moved a week later, and 19:00, in winter time…
        ("Thursday, 20 November 2025", "19:00–21:30 CET"),
        // …and the series' 18:30 in winter time.
        ("Thursday, 11 December 2025", "18:30–21:00 CET"),
    ];
    assert_eq!(whens.len(), expected.len(), "{whens:#?}");
    for (when, (date, time)) in whens.iter().zip(expected) {
        assert!(when.contains(&format!(">{date}</time>, {time}")), "{when} is not {date}, {time}");
    }
    assert!(page.contains("Rust Budapest monthly (moved one week)"), "{page}");
    assert!(page.contains("Last met on Thursday, 12 June 2025."), "{page}");
    assert!(!page.contains("10 July 2025"), "the excluded date");
}

/// A feed of UTC times that names no zone (as several event sites export them) is shown in
/// the zone of the group's own place, and so are its floating times; a zone whose
/// abbreviation is an offset reads as one ("UTC−3"), not as "-03", which reads like a range.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feed_that_names_no_zone_is_shown_in_the_zone_of_the_groups_place() {
    let day = (Utc::now() + chrono::Duration::days(5)).date_naive();
    let date = day.format("%Y-%m-%d").to_string();
    let ymd = day.format("%Y%m%d");
    let calendar = |events: &[(&str, String, String)]| {
        let events: String = events
            .iter()
            .map(|(uid, start, end)| {
                format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:Talks\r\nEND:VEVENT\r\n")
            })
            .collect();
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//events//EN\r\n{events}END:VCALENDAR\r\n")
    };
    let feeds = FeedServer::start("127.0.0.1").await;
    feeds.route(
        "/tokyo.ics",
        Reply::Feed {
            body: calendar(&[
                ("utc@test", format!("{ymd}T100000Z"), format!("{ymd}T123000Z")),
                ("floating@test", format!("{ymd}T190000"), format!("{ymd}T210000")),
            ]),
            etag: "\"t\"",
        },
    );
    feeds.route(
        "/sao-paulo.ics",
        Reply::Feed {
            body: calendar(&[("sp@test", format!("{ymd}T170000Z"), format!("{ymd}T210000Z"))]),
            etag: "\"s\"",
        },
    );
    let site = start().await;
    let directory = site.dist.join("with-tokyo.json");
    std::fs::write(
        &directory,
        r#"{"version": 1, "groups": [
            {"slug": "tokyo", "name": "OpenStack Tokyo", "city": "Tokyo", "country": "JP", "lat": 35.69, "lon": 139.692, "status": "official"},
            {"slug": "sao-paulo", "name": "OpenStack São Paulo", "city": "São Paulo", "country": "BR", "lat": -23.551, "lon": -46.633, "status": "official"}]}"#,
    )
    .unwrap();
    ok(staff(&site, &["groups", "import", directory.to_str().unwrap()]));
    for slug in ["tokyo", "sao-paulo"] {
        ok(staff(&site, &["groups", "calendar", slug, &feeds.url(&format!("/{slug}.ics")), "--insecure-feeds"]));
    }
    let said = ok(staff(&site, &["meetings", "refresh", "--insecure-feeds"]));
    assert!(said.contains("updated with 2 meetings") && said.contains("updated with 1 meetings"), "{said}");

    let file = wait_for(&site, |f| f["upcoming"].as_array().is_some_and(|u| u.len() == 3)).await;
    let shown: Vec<(&str, String, String)> = file["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["group"].as_str().unwrap(), when(m).day.to_string(), when(m).time()))
        .collect();
    assert_eq!(
        shown,
        [
            // The floating 19:00 and the UTC 10:00 are one instant: by UID then.
            ("tokyo", date.clone(), "19:00–21:00 JST".to_owned()),
            ("tokyo", date.clone(), "19:00–21:30 JST".to_owned()),
            ("sao-paulo", date.clone(), "14:00–18:00 UTC−3".to_owned()),
        ],
        "{file}"
    );
}
