//! Calendars as other tools write them, each case in a fixture of its own (issue #29): what
//! the comparison with an independent reader found (`tests/calendars.rs`), made small.

use crate::common::{fixture, local, of, one, read, utc};

#[test]
fn a_note_after_the_end_is_ignored() {
    // A caching proxy wrote a line after END:VCALENDAR: the calendar is whole, not cut off.
    let parsed = read(&fixture("note-after-end.ics"));
    assert_eq!(one(&parsed, "note-after-end-1").start, utc(2026, 3, 4, 18, 0));
}

#[test]
fn a_misspelt_end_is_an_end() {
    let parsed = read(&fixture("misspelt-end.ics"));
    assert_eq!(one(&parsed, "misspelt-end-1").start, utc(2026, 3, 11, 18, 0));
}

#[test]
fn blank_lines_inside_a_folded_line_are_part_of_the_fold() {
    let parsed = read(&fixture("blank-lines-in-folds.ics"));
    let o = one(&parsed, "blank-fold-1");
    assert!(o.all_day);
    assert_eq!(local(o), "2026-04-01 00:00 CEST");
    assert_eq!(o.title, "Spring social");
    assert_eq!(of(&parsed, "blank-fold-1").len(), 1);
}

#[test]
fn an_empty_or_unreadable_rule_is_no_rule() {
    // A public holidays calendar writes `RRULE:` on every event: each is still its one day.
    let parsed = read(&fixture("holidays-empty-rules.ics"));
    assert_eq!(local(one(&parsed, "holiday-labour-day")), "2026-05-01 00:00 CEST");
    assert_eq!(local(one(&parsed, "holiday-unity-day")), "2026-10-03 00:00 CEST");
    // A rule that cannot be read leaves the first date, and says so.
    assert_eq!(local(one(&parsed, "holiday-garbled-rule")), "2026-12-25 00:00 CET");
    assert_eq!(
        parsed.skipped,
        ["UID holiday-garbled-rule: its recurrence rule is not readable, so only its first date is shown"]
    );
}

#[test]
fn every_rule_of_an_event_counts() {
    let parsed = read(&fixture("two-rules.ics"));
    let dates: Vec<String> = of(&parsed, "two-rules-1").into_iter().map(local).collect();
    assert_eq!(
        dates,
        [
            "2026-01-05 10:00 CET",
            "2026-01-19 10:00 CET",
            "2026-02-02 10:00 CET",
            "2026-02-16 10:00 CET",
            "2026-03-02 10:00 CET",
            "2026-03-16 10:00 CET"
        ]
    );
}

#[test]
fn a_negative_count_is_no_count() {
    // Confluence writes COUNT=-1 beside UNTIL: the series runs until UNTIL.
    let parsed = read(&fixture("negative-count.ics"));
    let dates: Vec<String> = of(&parsed, "negative-count-1").into_iter().map(local).collect();
    assert_eq!(dates, ["2026-01-05 00:00 CET", "2026-01-19 00:00 CET", "2026-02-02 00:00 CET", "2026-02-16 00:00 CET"]);
}

#[test]
fn a_date_given_as_a_period_lasts_as_long_as_its_period() {
    let parsed = read(&fixture("periods.ics"));
    let lengths: Vec<(String, i64)> = of(&parsed, "periods-1")
        .into_iter()
        .map(|o| (local(o), o.end.map_or(0, |end| (end - o.start).num_minutes())))
        .collect();
    let expected = [
        ("2026-02-09 18:00 CET", 60),
        ("2026-02-16 18:00 CET", 60),
        // A start and an end, in the zone of its TZID; a start and a duration; in UTC.
        ("2026-03-05 17:00 CET", 180),
        ("2026-03-12 18:00 CET", 30),
        ("2026-03-19 17:00 CET", 240),
    ];
    assert_eq!(lengths, expected.map(|(at, minutes)| (at.to_owned(), minutes)));
}

#[test]
fn all_day_dates_moved_or_excluded_by_a_time_are_moved_or_excluded() {
    // Exchange names the original day of an all-day series as its midnight, in a zone or UTC
    // (London's here, while the calendar's days are Budapest's, the default).
    let parsed = read(&fixture("allday-moved-by-times.ics"));
    let days: Vec<(String, &str)> =
        of(&parsed, "hack-day-1").into_iter().map(|o| (local(o), o.title.as_str())).collect();
    assert_eq!(
        days,
        [
            ("2026-04-02 00:00 CEST".to_owned(), "Hack day"),
            ("2026-04-17 00:00 CEST".to_owned(), "Hack day (on Friday)"),
            ("2026-05-01 00:00 CEST".to_owned(), "Hack day (on Friday again)"),
        ]
    );
    let moved = of(&parsed, "hack-day-1")[1];
    assert_eq!(moved.recurrence_id, Some(utc(2026, 4, 15, 22, 0)), "the original day, as the series' dates are");
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
}

#[test]
fn a_date_that_carries_a_time_is_read_with_its_time() {
    // `DTSTART;VALUE=DATE:20260305T183000Z`: the time is what the writer meant, not all day.
    let parsed = read(&fixture("date-with-time.ics"));
    let o = one(&parsed, "date-with-time-1");
    assert!(!o.all_day);
    assert_eq!((o.start, o.end), (utc(2026, 3, 5, 18, 30), Some(utc(2026, 3, 5, 20, 30))));
}

#[test]
fn a_date_moved_with_all_later_ones_moves_them_too() {
    // RANGE=THISANDFUTURE: from the third date on, an hour later, three hours long, renamed;
    // a date moved on its own after that keeps its own start.
    let parsed = read(&fixture("this-and-future.ics"));
    let dates: Vec<(String, i64, &str, Option<&str>)> = of(&parsed, "new-time-1")
        .into_iter()
        .map(|o| (local(o), o.end.map_or(0, |e| (e - o.start).num_minutes()), o.title.as_str(), o.place.as_deref()))
        .collect();
    let library = Some("Library");
    assert_eq!(
        dates,
        [
            ("2026-02-05 18:00 CET".to_owned(), 120, "Reading group", library),
            ("2026-02-12 18:00 CET".to_owned(), 120, "Reading group", library),
            ("2026-02-19 19:00 CET".to_owned(), 180, "Reading group (new time)", library),
            ("2026-02-26 19:00 CET".to_owned(), 180, "Reading group (new time)", library),
            ("2026-03-06 19:00 CET".to_owned(), 120, "Reading group (on Friday)", library),
            ("2026-03-12 19:00 CET".to_owned(), 180, "Reading group (new time)", library),
        ]
    );
    // Each date is still known by its first planned start.
    let parsed_ids: Vec<_> = of(&parsed, "new-time-1").into_iter().map(|o| o.recurrence_id).collect();
    assert_eq!(parsed_ids[3], Some(utc(2026, 2, 26, 17, 0)));
}

#[test]
fn zones_nobody_names_are_read_by_their_own_rules() {
    let parsed = read(&fixture("unnamed-zones.ics"));
    // A fixed offset of its own name.
    assert_eq!(one(&parsed, "fixed-offset-1").start, utc(2026, 3, 9, 22, 0));
    // Rules of its own that are Helsinki's (+02:00, +03:00 in summer).
    assert_eq!(one(&parsed, "own-rules-1").start, utc(2026, 7, 2, 15, 0));
    // Evolution's names: the IANA name after the vendor's prefix.
    let berlin = one(&parsed, "evolution-1");
    assert_eq!((berlin.start, berlin.tz), (utc(2026, 7, 2, 16, 0), chrono_tz::Europe::Berlin));
    assert_eq!(one(&parsed, "evolution-2").start, utc(2026, 7, 2, 21, 0));
    // Rules no known zone has: read by them all the same (+12:00, then +10:00 from June).
    assert_eq!(one(&parsed, "made-up-1").start, utc(2026, 3, 1, 0, 0));
    assert_eq!(one(&parsed, "made-up-2").start, utc(2026, 7, 1, 2, 0));
    // A name without a definition: read in the calendar's zone, and said so.
    assert_eq!(local(one(&parsed, "nowhere-1")), "2026-07-01 12:00 CEST");
    assert_eq!(
        parsed.skipped,
        [
            "zone “Made up”: its rules are no known zone's, so it is read by them, and a repeating event in it keeps the UTC time of its first date",
            "zone “Western/Central Europe”: unknown and not defined in the feed, so its times are read in the calendar's zone (Europe/Budapest)"
        ]
    );
}
