//! A meeting's day and hours in the meeting's own zone, as data each language writes
//! (`groups_core::when`): "Thursday, 10 December 2026", "18:30–21:00 CET" in English. The
//! zone's abbreviation comes from the tz database; where a zone has none in use, the database
//! writes its offset ("-03", "+0545"), which after a time reads like a range ("14:00–18:00
//! -03"): that offset is written as people read one, "UTC−3", "UTC+5:45".

use crate::Occurrence;
use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeDelta, Timelike, Utc};
use chrono_tz::Tz;
use groups_core::when::{Clock, Day, When};

/// When an occurrence is, in its own zone (see [`when_in_zone`]).
pub fn local_when(o: &Occurrence) -> When {
    when_in_zone(o.start, o.end, o.tz, o.all_day)
}

/// When a meeting from `start` to `end` is in `tz`; an all-day one's `end` is the midnight
/// after its last day.
pub fn when_in_zone(start: DateTime<Utc>, end: Option<DateTime<Utc>>, tz: Tz, all_day: bool) -> When {
    let from = start.with_timezone(&tz);
    let end = end.filter(|e| *e > start).map(|e| e.with_timezone(&tz));
    let first = day(from.date_naive());
    if all_day {
        // The end is exclusive: the last day is the one before it.
        let last = end.and_then(|e| e.checked_sub_signed(TimeDelta::seconds(1))).map(|e| e.date_naive());
        let to_day = last.filter(|l| *l > from.date_naive()).map(day);
        return When { day: first, from: None, to: None, to_day, zone: String::new(), to_zone: None };
    }
    let to_day = end.map(|to| to.date_naive()).filter(|d| *d != from.date_naive()).map(day);
    let start_zone = zone(&from);
    let to_zone = end.map(|to| zone(&to)).filter(|z| *z != start_zone);
    When { day: first, from: Some(clock(&from)), to: end.map(|to| clock(&to)), to_day, zone: start_zone, to_zone }
}

fn day(d: NaiveDate) -> Day {
    Day::new(d.year(), d.month() as u8, d.day() as u8).expect("a day of chrono's calendar")
}

fn clock(d: &DateTime<Tz>) -> Clock {
    Clock::new(d.hour() as u8, d.minute() as u8).expect("a time of chrono's clock")
}

/// The zone at `d` as a label names it: its abbreviation ("CET"), or where the tz database
/// writes an offset instead, that offset after "UTC", with a minus sign (not a hyphen, which
/// reads as "to"): "UTC−3", "UTC+5:45", "UTC" for none.
fn zone(d: &DateTime<Tz>) -> String {
    let abbreviation = d.format("%Z").to_string();
    if !abbreviation.starts_with(['+', '-']) {
        return abbreviation;
    }
    let seconds = d.offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '−' } else { '+' };
    match (seconds.abs() / 3600, seconds.abs() % 3600 / 60) {
        (0, 0) => "UTC".to_owned(),
        (hours, 0) => format!("UTC{sign}{hours}"),
        (hours, minutes) => format!("UTC{sign}{hours}:{minutes:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    /// Its date and hours in English.
    fn both(w: When) -> (String, String) {
        (w.date(), w.time())
    }

    fn labels(start: DateTime<Utc>, end: Option<DateTime<Utc>>, tz: Tz, all_day: bool) -> When {
        when_in_zone(start, end, tz, all_day)
    }

    #[test]
    fn winter_and_summer_in_budapest() {
        let tz = chrono_tz::Europe::Budapest;
        assert_eq!(
            both(labels(utc(2026, 12, 10, 17, 30), Some(utc(2026, 12, 10, 20, 0)), tz, false)),
            ("Thursday, 10 December 2026".into(), "18:30–21:00 CET".into())
        );
        assert_eq!(
            both(labels(utc(2026, 7, 9, 16, 30), Some(utc(2026, 7, 9, 19, 0)), tz, false)),
            ("Thursday, 9 July 2026".into(), "18:30–21:00 CEST".into())
        );
    }

    #[test]
    fn winter_and_summer_in_los_angeles() {
        let tz = chrono_tz::America::Los_Angeles;
        assert_eq!(labels(utc(2026, 2, 5, 17, 0), Some(utc(2026, 2, 5, 18, 0)), tz, false).time(), "09:00–10:00 PST");
        assert_eq!(labels(utc(2026, 6, 4, 16, 0), None, tz, false).time(), "09:00 PDT");
    }

    #[test]
    fn an_end_on_another_day_names_it() {
        let tz = chrono_tz::Europe::Budapest;
        let l = labels(utc(2026, 12, 10, 17, 30), Some(utc(2026, 12, 11, 0, 0)), tz, false);
        assert_eq!(l.time(), "18:30 CET – Friday 11 December 01:00 CET");
        let l = labels(utc(2026, 12, 31, 20, 0), Some(utc(2027, 1, 1, 1, 0)), tz, false);
        assert_eq!(l.time(), "21:00 CET – Friday, 1 January 2027 02:00 CET");
        // Across the autumn change, on one night.
        let l = labels(utc(2026, 10, 24, 23, 30), Some(utc(2026, 10, 25, 2, 30)), tz, false);
        assert_eq!(l.time(), "01:30 CEST – 03:30 CET");
    }

    #[test]
    fn all_day_meetings_have_no_hours() {
        let tz = chrono_tz::Europe::Budapest;
        let one = labels(utc(2026, 2, 28, 23, 0), Some(utc(2026, 3, 1, 23, 0)), tz, true);
        assert_eq!(both(one), ("Sunday, 1 March 2026".into(), "All day".into()));
        let three = labels(utc(2026, 7, 19, 22, 0), Some(utc(2026, 7, 22, 22, 0)), tz, true);
        assert_eq!(both(three), ("Monday, 20 July 2026".into(), "All day – Wednesday 22 July".into()));
    }

    #[test]
    fn a_zone_whose_abbreviation_is_an_offset_reads_as_one() {
        // The tz database writes "-03" where a zone has no abbreviation in use: after a time,
        // "14:00–18:00 -03" reads like a range.
        let sao_paulo = chrono_tz::America::Sao_Paulo;
        let l = labels(utc(2026, 12, 12, 17, 0), Some(utc(2026, 12, 12, 21, 0)), sao_paulo, false);
        assert_eq!(l.time(), "14:00–18:00 UTC−3");
        assert_eq!(labels(utc(2026, 12, 12, 17, 0), None, sao_paulo, false).time(), "14:00 UTC−3");
        let l = labels(utc(2026, 5, 1, 15, 0), Some(utc(2026, 5, 1, 17, 0)), chrono_tz::Asia::Dubai, false);
        assert_eq!(l.time(), "19:00–21:00 UTC+4");
        let l = labels(utc(2026, 5, 1, 13, 15), None, chrono_tz::Asia::Kathmandu, false);
        assert_eq!(l.time(), "19:00 UTC+5:45", "\"+0545\"");
        let l = labels(utc(2026, 5, 1, 13, 30), None, chrono_tz::Antarctica::Troll, false);
        assert_eq!(l.time(), "15:30 UTC+2");
        let l = labels(utc(2026, 1, 1, 13, 30), None, chrono_tz::Antarctica::Troll, false);
        assert_eq!(l.time(), "13:30 UTC", "\"+00\"");
        // Santiago's clocks go back on the night of 4 April 2026: from "-03" to "-04".
        let night = labels(utc(2026, 4, 5, 1, 30), Some(utc(2026, 4, 5, 4, 30)), chrono_tz::America::Santiago, false);
        assert_eq!(night.time(), "22:30 UTC−3 – Sunday 5 April 00:30 UTC−4");
        // Zones with letters keep them.
        let l = labels(utc(2026, 5, 1, 13, 30), None, chrono_tz::Asia::Kolkata, false);
        assert_eq!(l.time(), "19:00 IST");
        assert_eq!(labels(utc(2026, 5, 1, 13, 30), None, chrono_tz::UTC, false).time(), "13:30 UTC");
    }
}
