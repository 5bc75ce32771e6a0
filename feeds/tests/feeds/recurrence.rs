//! Repeating events as calendar programs write them: ordinal weekdays, month days,
//! intervals, counts, excluded dates in the event's zone or in UTC, extra dates (RDATE),
//! moved dates named in UTC, daylight-saving gaps, and copies of one event.

use crate::common::{local, of, read, utc};
use chrono_tz::Europe;

/// A calendar of `events` (each the inside of a VEVENT).
fn feed(events: &[&str]) -> Vec<u8> {
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\n");
    for e in events {
        ics.push_str(&format!("BEGIN:VEVENT\r\n{}\r\nEND:VEVENT\r\n", e.trim().replace('\n', "\r\n")));
    }
    ics.push_str("END:VCALENDAR\r\n");
    ics.into_bytes()
}

fn locals(bytes: &[u8], uid: &str) -> Vec<String> {
    of(&read(bytes), uid).into_iter().map(local).collect()
}

#[test]
fn last_fridays_month_days_weekdays_and_years() {
    let bytes = feed(&[
        "UID:last-friday\nDTSTART;TZID=Europe/Berlin:20260130T190000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
        "UID:every-other-15th\nDTSTART;TZID=Europe/Berlin:20260115T180000\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;COUNT=3",
        "UID:weekly-two-days\nDTSTART;TZID=Europe/Berlin:20260302T180000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260312T235959Z",
        "UID:yearly\nDTSTART;VALUE=DATE:20250620\nRRULE:FREQ=YEARLY",
    ]);
    assert_eq!(locals(&bytes, "last-friday"), ["2026-01-30 19:00 CET", "2026-02-27 19:00 CET", "2026-03-27 19:00 CET"]);
    assert_eq!(
        locals(&bytes, "every-other-15th"),
        ["2026-01-15 18:00 CET", "2026-03-15 18:00 CET", "2026-05-15 18:00 CEST"]
    );
    assert_eq!(
        locals(&bytes, "weekly-two-days"),
        ["2026-03-02 18:00 CET", "2026-03-05 18:00 CET", "2026-03-09 18:00 CET", "2026-03-12 18:00 CET"]
    );
    assert_eq!(locals(&bytes, "yearly"), ["2025-06-20 00:00 CEST", "2026-06-20 00:00 CEST"]);
}

#[test]
fn excluded_dates_in_the_events_zone_or_in_utc() {
    let bytes = feed(&["UID:weekly\nDTSTART;TZID=Europe/Berlin:20260105T180000\nRRULE:FREQ=WEEKLY;COUNT=6\n\
EXDATE;TZID=Europe/Berlin:20260112T180000,20260119T180000\nEXDATE:20260202T170000Z"]);
    assert_eq!(locals(&bytes, "weekly"), ["2026-01-05 18:00 CET", "2026-01-26 18:00 CET", "2026-02-09 18:00 CET"]);
}

#[test]
fn extra_dates_join_the_series() {
    let bytes = feed(&["UID:rdate\nDTSTART;TZID=Europe/Berlin:20260105T180000\nRRULE:FREQ=WEEKLY;COUNT=2\n\
RDATE;TZID=Europe/Berlin:20260120T190000,20260105T180000\nRDATE;VALUE=PERIOD:20260301T170000Z/PT2H"]);
    assert_eq!(
        locals(&bytes, "rdate"),
        ["2026-01-05 18:00 CET", "2026-01-12 18:00 CET", "2026-01-20 19:00 CET", "2026-03-01 18:00 CET"]
    );
    let parsed = read(&bytes);
    assert!(of(&parsed, "rdate").iter().all(|o| o.recurrence_id == Some(o.start)));
}

#[test]
fn a_date_moved_by_a_utc_recurrence_id_replaces_its_date() {
    // Google names the moved date in UTC while the series is in Berlin's zone.
    let bytes = feed(&[
        "UID:g\nDTSTART;TZID=Europe/Berlin:20260603T183000\nDTEND;TZID=Europe/Berlin:20260603T200000\nRRULE:FREQ=WEEKLY;COUNT=3\nSUMMARY:Series\nLOCATION:Hall",
        "UID:g\nRECURRENCE-ID:20260610T163000Z\nDTSTART;TZID=Europe/Berlin:20260611T183000\nSUMMARY:Moved a day",
    ]);
    let parsed = read(&bytes);
    let series = of(&parsed, "g");
    assert_eq!(
        series.iter().map(|o| local(o)).collect::<Vec<_>>(),
        ["2026-06-03 18:30 CEST", "2026-06-11 18:30 CEST", "2026-06-17 18:30 CEST"]
    );
    let moved = series[1];
    assert_eq!(moved.recurrence_id, Some(utc(2026, 6, 10, 16, 30)));
    assert_eq!((moved.title.as_str(), moved.place.as_deref()), ("Moved a day", Some("Hall")));
    // Without an end of its own, it lasts as long as the series' dates.
    assert_eq!(moved.end, Some(utc(2026, 6, 11, 18, 0)));
}

#[test]
fn a_cancelled_series_cancels_every_date_unless_a_date_says_otherwise() {
    let bytes = feed(&[
        "UID:c\nDTSTART:20260601T170000Z\nRRULE:FREQ=DAILY;COUNT=3\nSTATUS:CANCELLED",
        "UID:c\nRECURRENCE-ID:20260602T170000Z\nDTSTART:20260602T170000Z\nSTATUS:CONFIRMED",
    ]);
    let parsed = read(&bytes);
    let flags: Vec<bool> = of(&parsed, "c").iter().map(|o| o.cancelled).collect();
    assert_eq!(flags, [true, false, true]);
}

#[test]
fn moved_dates_without_their_series_are_meetings_of_their_own() {
    let bytes = feed(&["UID:orphan\nRECURRENCE-ID:20260610T163000Z\nDTSTART:20260611T163000Z\nSUMMARY:Alone"]);
    let parsed = read(&bytes);
    let orphan = of(&parsed, "orphan");
    assert_eq!(orphan.len(), 1);
    assert_eq!((orphan[0].start, orphan[0].recurrence_id), (utc(2026, 6, 11, 16, 30), Some(utc(2026, 6, 10, 16, 30))));
}

#[test]
fn daylight_saving_gaps_move_forward_and_repeated_hours_take_the_first() {
    let bytes = feed(&[
        "UID:night\nDTSTART;TZID=Europe/Berlin:20260322T023000\nDTEND;TZID=Europe/Berlin:20260322T033000\nRRULE:FREQ=WEEKLY;COUNT=2",
        "UID:autumn\nDTSTART;TZID=Europe/Berlin:20261018T023000\nRRULE:FREQ=WEEKLY;COUNT=2",
    ]);
    let parsed = read(&bytes);
    let night = of(&parsed, "night");
    // 02:30 does not exist on 29 March: 03:30 CEST, as calendar programs show it.
    assert_eq!(night.iter().map(|o| local(o)).collect::<Vec<_>>(), ["2026-03-22 02:30 CET", "2026-03-29 03:30 CEST"]);
    assert_eq!(night[1].end, Some(utc(2026, 3, 29, 1, 30) + chrono::TimeDelta::hours(1)));
    let autumn = of(&parsed, "autumn");
    assert_eq!(autumn[1].start, utc(2026, 10, 25, 0, 30), "the first 02:30, still summer time");
    assert!(autumn.iter().all(|o| o.tz == Europe::Berlin));
}

#[test]
fn a_second_copy_of_an_event_is_left_out() {
    let bytes = feed(&[
        "UID:dup\nSEQUENCE:1\nDTSTART:20260601T170000Z\nSUMMARY:Old",
        "UID:dup\nSEQUENCE:2\nDTSTART:20260601T170000Z\nSUMMARY:New",
    ]);
    let parsed = read(&bytes);
    assert_eq!(of(&parsed, "dup").iter().map(|o| o.title.as_str()).collect::<Vec<_>>(), ["New"]);
    assert_eq!(parsed.skipped, ["UID dup: a second copy of the event (same UID)"]);
}

#[test]
fn floating_times_take_the_default_zone_without_x_wr_timezone() {
    let bytes = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTART:20260611T183000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let parsed = read(bytes);
    assert_eq!(
        parsed.occurrences.iter().map(local).collect::<Vec<_>>(),
        ["2026-06-11 18:30 CEST", "2026-06-18 18:30 CEST"]
    );
    assert!(parsed.occurrences.iter().all(|o| o.tz == Europe::Budapest));
}
