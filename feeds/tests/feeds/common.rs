//! What the tests share: a fixed `now`, the server's window around it, fixtures.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use groups_feeds::{parse, Occurrence, Parsed};

/// Thursday 15 January 2026, noon UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap()
}

/// What the server passes: a year either side of `now`.
pub fn window() -> (DateTime<Utc>, DateTime<Utc>) {
    (now() - TimeDelta::days(365), now() + TimeDelta::days(365))
}

pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A feed read with the server's window and Budapest as the default zone.
pub fn read(bytes: &[u8]) -> Parsed {
    parse(bytes, now(), window(), chrono_tz::Europe::Budapest).unwrap()
}

/// Its start on the wall clock of its zone: "2026-03-12 18:30 CET".
pub fn local(o: &Occurrence) -> String {
    o.start.with_timezone(&o.tz).format("%Y-%m-%d %H:%M %Z").to_string()
}

/// The occurrences of one UID.
pub fn of<'a>(parsed: &'a Parsed, uid: &str) -> Vec<&'a Occurrence> {
    parsed.occurrences.iter().filter(|o| o.uid == uid).collect()
}

/// The one occurrence of a UID.
pub fn one<'a>(parsed: &'a Parsed, uid: &str) -> &'a Occurrence {
    match of(parsed, uid).as_slice() {
        [o] => o,
        other => panic!("{uid}: {} occurrences", other.len()),
    }
}
