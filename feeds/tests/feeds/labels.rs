//! Dates and times as people read them, in the meeting's own zone.

use crate::common::{read, utc};
use chrono_tz::{America, Europe};
use groups_feeds::{local_when, when_in_zone as labels};

#[test]
fn budapest_in_winter_and_summer() {
    let feed = b"BEGIN:VCALENDAR\r\n\
BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Europe/Budapest:20261210T183000\r\nDTEND;TZID=Europe/Budapest:20261210T210000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:s\r\nDTSTART;TZID=Europe/Budapest:20260611T183000\r\nDTEND;TZID=Europe/Budapest:20260611T210000\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let parsed = read(feed);
    let all: Vec<_> = parsed.occurrences.iter().map(local_when).map(|l| (l.date(), l.time())).collect();
    assert_eq!(
        all,
        [
            ("Thursday, 11 June 2026".to_owned(), "18:30–21:00 CEST".to_owned()),
            ("Thursday, 10 December 2026".to_owned(), "18:30–21:00 CET".to_owned()),
        ]
    );
}

#[test]
fn los_angeles_in_winter_and_summer() {
    let tz = America::Los_Angeles;
    assert_eq!(labels(utc(2026, 12, 10, 2, 30), Some(utc(2026, 12, 10, 5, 0)), tz, false).time(), "18:30–21:00 PST");
    let summer = labels(utc(2026, 6, 12, 1, 30), Some(utc(2026, 6, 12, 4, 0)), tz, false);
    assert_eq!((summer.date().as_str(), summer.time().as_str()), ("Thursday, 11 June 2026", "18:30–21:00 PDT"));
}

#[test]
fn all_day_and_next_day_ends() {
    let tz = Europe::Budapest;
    let all_day = labels(utc(2026, 12, 9, 23, 0), Some(utc(2026, 12, 10, 23, 0)), tz, true);
    assert_eq!((all_day.date().as_str(), all_day.time().as_str()), ("Thursday, 10 December 2026", "All day"));
    let late = labels(utc(2026, 12, 10, 17, 30), Some(utc(2026, 12, 11, 0, 0)), tz, false);
    assert_eq!(
        (late.date().as_str(), late.time().as_str()),
        ("Thursday, 10 December 2026", "18:30 CET – Friday 11 December 01:00 CET")
    );
}
