//! A Meetup calendar: VTIMEZONE Europe/Berlin and X-WR-TIMEZONE, folded lines (one inside
//! "ß"), escaped commas, HTML in a description, https and http links, an online event.

use crate::common::{fixture, local, of, one, read, utc};
use chrono_tz::Europe;

#[test]
fn folded_and_escaped_text_reads_back_whole() {
    let parsed = read(&fixture("meetup.ics"));
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    let e = one(&parsed, "event_305123456@meetup.com");
    assert_eq!(e.title, "Rust Hack & Learn: async, traits and more");
    assert_eq!(e.place.as_deref(), Some("c-base (Rungestraße 20, Berlin, DE)"), "a fold inside ß is joined");
    assert_eq!(e.url.as_deref(), Some("https://www.meetup.com/rust-berlin/events/305123456/"));
    assert_eq!((e.start, e.end), (utc(2026, 1, 22, 17, 30), Some(utc(2026, 1, 22, 20, 0))));
    assert_eq!((e.tz, e.online, e.cancelled, e.all_day), (Europe::Berlin, false, false, false));
    assert_eq!(
        e.last_modified,
        Some(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2025, 12, 1, 10, 10, 10).unwrap())
    );
    assert_eq!(e.recurrence_id, None, "a one-off event");
    // The HTML description is read (it is not shown) and leaks into nothing.
    assert!(parsed
        .occurrences
        .iter()
        .all(|o| !o.title.contains("<p>") && !o.place.as_deref().unwrap_or("").contains('<')));
    let floating = one(&parsed, "floating-event@meetup.com");
    assert_eq!(floating.title, "Floating-time event (no TZID, no Z; folded with TAB)");
}

#[test]
fn only_https_links_are_kept() {
    let parsed = read(&fixture("meetup.ics"));
    let utc_event = one(&parsed, "utc-event@meetup.com");
    assert_eq!(utc_event.url, None, "http:// is dropped");
    assert_eq!(utc_event.place.as_deref(), Some("Berlin, Mitte"));
}

#[test]
fn utc_and_floating_times_show_in_the_calendars_zone() {
    let parsed = read(&fixture("meetup.ics"));
    let utc_event = one(&parsed, "utc-event@meetup.com");
    assert_eq!((utc_event.tz, local(utc_event)), (Europe::Berlin, "2026-03-04 18:30 CET".to_owned()));
    let floating = one(&parsed, "floating-event@meetup.com");
    assert_eq!((floating.tz, local(floating)), (Europe::Berlin, "2026-06-11 18:30 CEST".to_owned()));
    assert_eq!(floating.start, utc(2026, 6, 11, 16, 30));
}

#[test]
fn online_events_are_told_by_their_place_or_their_link() {
    let parsed = read(&fixture("meetup.ics"));
    let weekly = of(&parsed, "weekly-since-2015@meetup.com");
    assert!(weekly.iter().all(|o| o.online && o.place.as_deref() == Some("Online event")));
    // No place, a Zoom link in the description.
    assert!(one(&parsed, "floating-event@meetup.com").online);
    assert!(!one(&parsed, "utc-event@meetup.com").online);
}

#[test]
fn a_weekly_series_from_2015_fills_the_window_only() {
    let parsed = read(&fixture("meetup.ics"));
    let weekly = of(&parsed, "weekly-since-2015@meetup.com");
    // Every Wednesday from 15 January 2025 to 13 January 2027.
    assert_eq!(weekly.len(), 105);
    assert_eq!(weekly.first().map(|o| o.start), Some(utc(2025, 1, 15, 17, 30)));
    assert_eq!(weekly.last().map(|o| o.start), Some(utc(2027, 1, 13, 17, 30)));
    assert!(weekly.iter().all(|o| local(o).ends_with("18:30 CET") || local(o).ends_with("18:30 CEST")));
    assert!(weekly.windows(2).all(|w| w[1].start - w[0].start >= chrono::TimeDelta::hours(167)));
}
