//! An Outlook calendar: Windows zone names with VTIMEZONEs, a monthly series on the second
//! Thursday across the daylight-saving changes, an EXDATE, moved dates, UNTIL in UTC.

use crate::common::{fixture, local, of, one, read, utc};
use chrono_tz::{America, Europe};
use groups_feeds::{local_when, Occurrence};

const SERIES: &str = "040000008200E00074C5B7101A82E00800000000A1B2C3D4E5F6";

fn series() -> Vec<Occurrence> {
    of(&read(&fixture("outlook.ics")), SERIES).into_iter().cloned().collect()
}

#[test]
fn the_series_keeps_its_wall_clock_time_across_daylight_saving() {
    let series = series();
    let regular: Vec<_> = series.iter().filter(|o| o.title == "Rust Budapest monthly").collect();
    assert_eq!(regular.len(), 20);
    for o in &regular {
        assert_eq!(o.tz, Europe::Berlin, "W. Europe Standard Time is Berlin's zone");
        assert!(local(o).contains(" 18:30 CE"), "{}", local(o));
        assert_eq!(o.end.map(|e| e - o.start), Some(chrono::TimeDelta::minutes(150)));
        assert_eq!(o.recurrence_id, Some(o.start), "a date of a series is known by its start");
        assert_eq!(o.place.as_deref(), Some("Budapest, Király utca 1; 2nd floor"));
        assert_eq!(o.last_modified, Some(utc(2025, 11, 1, 9, 0)));
    }
    let locals: Vec<String> = regular.iter().map(|o| local(o)).collect();
    // Both sides of both changes: late March and late October.
    for expected in [
        "2025-03-13 18:30 CET",
        "2025-04-10 18:30 CEST",
        "2025-10-09 18:30 CEST",
        "2025-12-11 18:30 CET",
        "2026-03-12 18:30 CET",
        "2026-04-09 18:30 CEST",
        "2026-11-12 18:30 CET",
    ] {
        assert!(locals.iter().any(|l| l == expected), "{expected} missing from {locals:?}");
    }
    assert_eq!(
        regular.iter().find(|o| local(o) == "2025-03-13 18:30 CET").map(|o| o.start),
        Some(utc(2025, 3, 13, 17, 30))
    );
    assert_eq!(
        regular.iter().find(|o| local(o) == "2025-04-10 18:30 CEST").map(|o| o.start),
        Some(utc(2025, 4, 10, 16, 30))
    );
}

#[test]
fn until_in_utc_includes_the_last_date() {
    let series = series();
    assert_eq!(series.last().map(|o| o.start), Some(utc(2026, 12, 10, 17, 30)));
}

#[test]
fn an_excluded_date_is_absent() {
    assert!(!series().iter().any(|o| o.start.date_naive().to_string() == "2025-07-10"));
}

#[test]
fn a_moved_date_is_moved_not_duplicated() {
    let series = series();
    let original = utc(2025, 11, 13, 17, 30);
    assert!(!series.iter().any(|o| o.start == original), "the original date is gone");
    let moved: Vec<_> = series.iter().filter(|o| o.recurrence_id == Some(original)).collect();
    assert_eq!(moved.len(), 1);
    let moved = moved[0];
    assert_eq!(moved.start, utc(2025, 11, 20, 18, 0));
    assert_eq!(moved.end, Some(utc(2025, 11, 20, 20, 30)));
    assert_eq!(local(moved), "2025-11-20 19:00 CET");
    assert_eq!(moved.title, "Rust Budapest monthly (moved one week)");
    assert_eq!(moved.place.as_deref(), Some("Budapest, other venue"));
    assert_eq!(moved.sequence, 2, "its SEQUENCE differs from the series' 0");
    assert_eq!(moved.last_modified, Some(utc(2025, 11, 5, 12, 0)));
    // uid + recurrence_id is unique.
    let mut keys: Vec<_> = series.iter().map(|o| o.recurrence_id).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), series.len());
}

#[test]
fn dates_moved_into_the_window_appear_and_out_of_it_do_not() {
    let series = series();
    // 9 January 2025 is before the window (15 January 2025); moved to the 16th, it is in.
    let into = series.iter().find(|o| o.recurrence_id == Some(utc(2025, 1, 9, 17, 30))).expect("moved into the window");
    assert_eq!(local(into), "2025-01-16 18:30 CET");
    // 8 October 2026 moved to February 2027, after the window: neither date appears.
    assert!(!series.iter().any(|o| o.recurrence_id == Some(utc(2026, 10, 8, 16, 30))));
    assert!(!series.iter().any(|o| o.start == utc(2026, 10, 8, 16, 30)));
    assert_eq!(series.len(), 22);
}

#[test]
fn windows_zone_names_and_customised_zones_resolve() {
    let parsed = read(&fixture("outlook.ics"));
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    let warsaw = one(&parsed, "single-cest-1");
    assert_eq!((warsaw.tz, local(warsaw)), (Europe::Warsaw, "2025-06-12 18:30 CEST".to_owned()));
    let seattle = one(&parsed, "single-pst-1");
    assert_eq!((seattle.tz, local(seattle)), (America::Los_Angeles, "2026-02-05 09:00 PST".to_owned()));
    assert_eq!(local_when(seattle).time(), "09:00–10:00 PST");
    // "Customized Time Zone" has Central Europe's offsets: the default zone (Budapest) fits.
    let custom = one(&parsed, "single-custom-1");
    assert_eq!((custom.tz, local(custom)), (Europe::Budapest, "2026-07-16 18:30 CEST".to_owned()));
    // Sorted by start.
    assert!(parsed.occurrences.windows(2).all(|w| w[0].start <= w[1].start));
}

#[test]
fn labels_name_winter_and_summer_time() {
    let series = series();
    let at = |day: &str| series.iter().find(|o| local(o).starts_with(day)).map(local_when).unwrap();
    let winter = at("2026-03-12");
    assert_eq!((winter.date().as_str(), winter.time().as_str()), ("Thursday, 12 March 2026", "18:30–21:00 CET"));
    let summer = at("2026-04-09");
    assert_eq!((summer.date().as_str(), summer.time().as_str()), ("Thursday, 9 April 2026", "18:30–21:00 CEST"));
}
