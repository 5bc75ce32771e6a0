//! Calendars written for subscribers, and read back by the crate's own reader.

use crate::common::{fixture, now, read, utc};
use chrono::TimeDelta;
use chrono_tz::Europe;
use groups_feeds::{parse, write_calendar, Occurrence};

/// The UID the server would publish an occurrence under: one VEVENT per date, its own.
fn uid(o: &Occurrence) -> String {
    format!("{}/{}@groups.example", o.uid, o.recurrence_id.map_or(0, |r| r.timestamp()))
}

fn written() -> (Vec<Occurrence>, String) {
    let mut all = Vec::new();
    for name in ["outlook.ics", "meetup.ics", "allday.ics"] {
        all.extend(read(&fixture(name)).occurrences);
    }
    let ics = write_calendar("Rust, Budapest; \\ meetups", all.iter().map(|o| (uid(o), o)), now());
    (all, ics)
}

#[test]
fn what_is_written_reads_back_the_same() {
    let (all, ics) = written();
    // All-day dates are written in their zone's date; read back in that zone.
    let back = parse(ics.as_bytes(), now(), (utc(2000, 1, 1, 0, 0), utc(2100, 1, 1, 0, 0)), Europe::Zurich).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    assert_eq!(back.occurrences.len(), all.len());
    let mut expected: Vec<_> = all.iter().map(|o| (o.start, uid(o), o.title.clone(), o.cancelled, o.all_day)).collect();
    let mut got: Vec<_> =
        back.occurrences.iter().map(|o| (o.start, o.uid.clone(), o.title.clone(), o.cancelled, o.all_day)).collect();
    expected.sort();
    got.sort();
    for (e, g) in expected.iter().zip(&got) {
        // Dates of Berlin or Budapest feeds read back at Zurich's midnight: the same instant.
        assert_eq!(e, g);
    }
    for o in &back.occurrences {
        let original = all.iter().find(|a| uid(a) == o.uid).unwrap();
        assert_eq!(
            (o.end, &o.place, &o.url, o.sequence),
            (original.end, &original.place, &original.url, original.sequence)
        );
        assert_eq!(o.last_modified, original.last_modified);
    }
}

#[test]
fn lines_are_crlf_and_at_most_75_octets_without_splitting_a_character() {
    let (_, ics) = written();
    let bytes = ics.as_bytes();
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains(['\r', '\n']), "no bare CR or LF");
    for line in bytes.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(line.len() <= 75, "{}", String::from_utf8_lossy(line));
        assert!(std::str::from_utf8(line).is_ok(), "a fold split a character: {line:?}");
    }
    // Long titles with multi-byte characters were folded.
    let title = "Ünnepi Rust találkozó – őszi évadnyitó: Zürich, Győr és Székesfehérvár közös estje";
    let o = Occurrence { title: title.into(), ..read(&fixture("meetup.ics")).occurrences[0].clone() };
    let one = write_calendar("x", [(uid(&o), &o)], now());
    assert!(one.contains("\r\n "));
    let back = parse(one.as_bytes(), now(), (utc(2000, 1, 1, 0, 0), utc(2100, 1, 1, 0, 0)), Europe::Berlin).unwrap();
    assert_eq!(back.occurrences[0].title, title);
}

#[test]
fn the_calendar_has_its_header_and_each_event_its_properties() {
    let (_, ics) = written();
    let lines: Vec<&str> = ics.split("\r\n").collect();
    assert_eq!(
        &lines[..6],
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Groups portal//Meetings//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Rust\\, Budapest\\; \\\\ meetups"
        ]
    );
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("\r\nDTSTAMP:20260115T120000Z\r\n"));
    assert!(unfolded.contains("\r\nDTSTART:20251120T180000Z\r\nDTEND:20251120T203000Z\r\n"));
    assert!(unfolded.contains("\r\nDTSTART;VALUE=DATE:20260720\r\nDTEND;VALUE=DATE:20260723\r\n"));
    assert!(unfolded.contains("\r\nSUMMARY:Rust Hack & Learn: async\\, traits and more\r\n"));
    assert!(unfolded.contains("\r\nLOCATION:Budapest\\, Király utca 1\\; 2nd floor\r\n"));
    assert!(unfolded.contains("\r\nURL:https://www.meetup.com/rust-berlin/events/305123456/\r\n"));
    assert!(unfolded.contains("\r\nSTATUS:CANCELLED\r\n") && unfolded.contains("\r\nSTATUS:CONFIRMED\r\n"));
    assert!(unfolded.contains("\r\nSEQUENCE:2\r\n"));
    assert!(unfolded.contains("\r\nLAST-MODIFIED:20251105T120000Z\r\n"));
}

#[test]
fn hostile_text_cannot_add_lines_and_bad_links_are_left_out() {
    // What the reader never gives (it cleans texts and keeps only https links), and what the
    // writer must make harmless all the same.
    let o = Occurrence {
        uid: "a,b;c\\d".into(),
        recurrence_id: None,
        title: "Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:injected".into(),
        start: utc(2026, 3, 1, 18, 0),
        end: Some(utc(2026, 3, 1, 17, 0)),
        tz: Europe::Berlin,
        all_day: false,
        place: Some("Room\r1\u{0}".into()),
        online: false,
        url: Some("javascript:alert(1)\r\nX-EVIL:1".into()),
        cancelled: false,
        last_modified: None,
        sequence: 0,
    };
    let ics = write_calendar("x\r\nX-EVIL:1", [(o.uid.clone(), &o)], now());
    assert_eq!(ics.matches("\r\nBEGIN:VEVENT\r\n").count(), 1);
    assert!(!ics.contains("\r\nX-EVIL") && !ics.contains("\r\nURL") && !ics.contains("\r\nDTEND"));
    assert!(ics.contains("\r\nSUMMARY:Evil\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:injected\r\n"));
    assert!(ics.contains("\r\nLOCATION:Room\\n1\r\n"), "a control character dropped");
    let back = parse(ics.as_bytes(), now(), (utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0)), Europe::Berlin).unwrap();
    assert_eq!(back.occurrences.len(), 1);
    assert_eq!(back.occurrences[0].uid, "a,b;c\\d");
    assert_eq!(back.occurrences[0].title, "Evil END:VEVENT BEGIN:VEVENT SUMMARY:injected");
    assert_eq!(back.occurrences[0].place.as_deref(), Some("Room 1"));
    assert_eq!(back.occurrences[0].end, None);
    assert_eq!(back.occurrences[0].start - utc(2026, 3, 1, 18, 0), TimeDelta::zero());
}
