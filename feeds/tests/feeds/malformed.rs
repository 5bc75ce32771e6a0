//! Files that are not calendars, cut off, or with a broken event among good ones.

use crate::common::{fixture, now, one, read, window};
use chrono_tz::Europe;
use groups_feeds::{parse, FeedError};

fn parse_bytes(bytes: &[u8]) -> Result<groups_feeds::Parsed, FeedError> {
    parse(bytes, now(), window(), Europe::Budapest)
}

#[test]
fn a_login_page_is_not_a_calendar() {
    let err = parse_bytes(&fixture("login.html")).unwrap_err();
    assert_eq!(err, FeedError::NotICalendar { starts_with: "<!DOCTYPE html>".into() });
    assert_eq!(err.to_string(), "the feed is not an iCalendar file (it starts with <!DOCTYPE html>)");
    assert!(
        matches!(parse_bytes(b"<html><body>Sign in to continue</body></html>"), Err(FeedError::NotICalendar { starts_with }) if starts_with == "<html><body>Sig…")
    );
}

#[test]
fn empty_and_json_are_not_calendars() {
    assert_eq!(parse_bytes(b""), Err(FeedError::Empty));
    assert_eq!(parse_bytes(b"\r\n \r\n"), Err(FeedError::Empty));
    assert!(matches!(parse_bytes(b"{\"events\": []}"), Err(FeedError::NotICalendar { .. })));
    assert!(matches!(parse_bytes(b"\x00\x01\x02\xff"), Err(FeedError::NotICalendar { .. })));
}

#[test]
fn a_cut_off_download_is_refused_whole() {
    let err = parse_bytes(&fixture("truncated.ics")).unwrap_err();
    assert_eq!(err, FeedError::Truncated);
    assert_eq!(err.to_string(), "the feed is cut off: it does not end with END:VCALENDAR");
    let whole = fixture("meetup.ics");
    assert_eq!(parse_bytes(&whole[..whole.len() - 10]), Err(FeedError::Truncated));
}

#[test]
fn a_broken_event_costs_only_itself() {
    let parsed = read(&fixture("broken-middle.ics"));
    let uids: Vec<&str> = parsed.occurrences.iter().map(|o| o.uid.as_str()).collect();
    assert_eq!(uids, ["good-before", "good-after"]);
    assert_eq!(parsed.skipped.len(), 1, "{:?}", parsed.skipped);
    assert_eq!(parsed.skipped, ["UID broken-dtstart: an unreadable start (2026-02-3XT25:00)"]);
    // An end before the start is dropped, not the event.
    assert_eq!(one(&parsed, "good-after").end, None);
    assert_eq!(one(&parsed, "good-before").url.as_deref(), Some("https://example.org/good"));
}

#[test]
fn events_without_uid_get_a_stable_one() {
    let feed = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260301T180000Z\r\nSUMMARY:No UID\r\nDTSTAMP:20260101T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20260302T180000Z\r\nSUMMARY:No UID\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let first = read(feed);
    let again = read(&String::from_utf8_lossy(feed).replace("20260101T000000Z", "20260202T000000Z").into_bytes());
    assert_eq!(first.occurrences.len(), 2);
    assert!(first.occurrences.iter().all(|o| o.uid.starts_with("generated-")));
    assert_ne!(first.occurrences[0].uid, first.occurrences[1].uid);
    assert_eq!(first, again);
}

#[test]
fn a_missing_start_is_reported() {
    let feed = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:When?\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let parsed = read(feed);
    assert!(parsed.occurrences.is_empty());
    assert_eq!(parsed.skipped, ["UID x: no start"]);
}
