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
