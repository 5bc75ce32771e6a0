//! A Google calendar: all-day events of one and several days, cancelled events, a
//! cancelled date of a series, an all-day series with an excluded date.

use crate::common::{fixture, of, one, read, utc};
use chrono::TimeDelta;
use chrono_tz::Europe;
use groups_feeds::local_when;

#[test]
fn all_day_events_run_from_midnight_to_midnight_in_the_calendars_zone() {
    let parsed = read(&fixture("allday.ics"));
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    let single = one(&parsed, "allday-single@google.com");
    assert!(single.all_day);
    assert_eq!(single.tz, Europe::Zurich);
    assert_eq!((single.start, single.end), (utc(2026, 2, 28, 23, 0), Some(utc(2026, 3, 1, 23, 0))));
    let labels = local_when(single);
    assert_eq!((labels.date().as_str(), labels.time().as_str()), ("Sunday, 1 March 2026", "All day"));

    let multi = one(&parsed, "allday-multi@google.com");
    assert_eq!((multi.start, multi.end), (utc(2026, 7, 19, 22, 0), Some(utc(2026, 7, 22, 22, 0))));
    assert_eq!(local_when(multi).time(), "All day – Wednesday 22 July");
    assert_eq!(multi.place.as_deref(), Some("Zürich"));

    let no_end = one(&parsed, "allday-no-end@google.com");
    assert_eq!(no_end.end.map(|e| e - no_end.start), Some(TimeDelta::days(1)));
}

#[test]
fn cancelled_events_are_kept_and_marked() {
    let parsed = read(&fixture("allday.ics"));
    let cancelled = one(&parsed, "cancelled-one@google.com");
    assert!(cancelled.cancelled);
    assert!(!one(&parsed, "allday-single@google.com").cancelled);
}

#[test]
fn a_cancelled_date_of_a_series_is_kept_and_marked() {
    let parsed = read(&fixture("allday.ics"));
    let weekly = of(&parsed, "weekly-six@google.com");
    assert_eq!(weekly.len(), 6, "COUNT=6");
    let cancelled: Vec<_> = weekly.iter().filter(|o| o.cancelled).collect();
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0].recurrence_id, Some(utc(2026, 1, 20, 17, 30)));
    assert_eq!(cancelled[0].start, utc(2026, 1, 20, 17, 30));
    assert_eq!(cancelled[0].sequence, 4);
    assert_eq!(
        cancelled[0].place.as_deref(),
        Some("ETH, room 42"),
        "what the moved date does not say, the series does"
    );
    assert!(weekly.iter().filter(|o| !o.cancelled).all(|o| o.sequence == 3));
}

#[test]
fn an_all_day_series_skips_its_excluded_date() {
    let parsed = read(&fixture("allday.ics"));
    let monthly = of(&parsed, "allday-monthly@google.com");
    let starts: Vec<_> = monthly.iter().map(|o| o.start).collect();
    assert_eq!(starts, [utc(2026, 5, 31, 22, 0), utc(2026, 7, 31, 22, 0)]);
    assert!(monthly.iter().all(|o| o.all_day && o.end.map(|e| e - o.start) == Some(TimeDelta::days(1))));
}
