//! `parse` never panics and never runs away, whatever the bytes: the fixtures cut, with bytes
//! changed, and with hostile lines inserted, a few hundred times each.

use crate::common::{fixture, now, window};
use chrono_tz::Europe;
use groups_feeds::{fingerprint, parse, MAX_OCCURRENCES};
use std::time::{Duration, Instant};

const FIXTURES: [&str; 6] =
    ["outlook.ics", "meetup.ics", "allday.ics", "broken-middle.ics", "daily.ics", "truncated.ics"];

/// Bytes that matter to the grammar, and some that break UTF-8.
const BYTES: &[u8] = b":;,=\\\r\n\t \"ZT-+0129\x00\xc3\xa9\xff\x80";

/// Lines that have broken calendar readers.
const NASTY: [&str; 30] = [
    "RRULE:FREQ=DAILY;COUNT=4000000000",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2,4,6",
    "RRULE:FREQ=WEEKLY;INTERVAL=0",
    "RRULE:FREQ=MINUTELY",
    "RRULE:FREQ=DAILY;UNTIL=19000101",
    "RRULE:FREQ=DAILY;BYHOUR=1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=0,1,2,3,4,5",
    "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=-1SU;BYSETPOS=-1",
    "RRULE:FREQ=MONTHLY;BYDAY=5FR;INTERVAL=65535",
    "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z",
    "DTSTART:00010101T000000Z",
    "DTSTART;VALUE=DATE:99991231",
    "DTSTART;TZID=Nowhere/Void:20260329T023000",
    "DTSTART;TZID=Europe/Berlin:20260329T023000",
    "DTEND:00000000T000000",
    "DURATION:P99999999W",
    "DURATION:-P1D",
    "EXDATE:20260101T000000Z,garbage,20250101",
    "RDATE;VALUE=PERIOD:20260101T000000Z/PT1H,19700101T000000Z/20380119T031407Z",
    "RECURRENCE-ID:20251113T173000Z",
    "RECURRENCE-ID;VALUE=DATE:20251113",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VTIMEZONE",
    "UID:",
    "SEQUENCE:-99999999999999999999",
    "LAST-MODIFIED:99999999T999999Z",
    "X-WR-TIMEZONE:Mars/Olympus_Mons",
    "TZOFFSETTO:+9999",
    "STATUS:CANCELLED",
];

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn check(case: &str, bytes: &[u8]) {
    let started = Instant::now();
    let result = parse(bytes, now(), window(), Europe::Budapest);
    // Generous for an unoptimised build on a busy machine; runaway work takes far longer.
    assert!(started.elapsed() < Duration::from_secs(5), "{case}: took {:?}", started.elapsed());
    let _ = fingerprint(bytes);
    if let Ok(parsed) = result {
        assert!(parsed.occurrences.len() <= MAX_OCCURRENCES, "{case}");
        assert!(parsed.occurrences.windows(2).all(|w| w[0].start <= w[1].start), "{case}");
        for o in &parsed.occurrences {
            assert!(o.start >= window().0 && o.start < window().1, "{case}");
            assert!(o.end.is_none_or(|e| e > o.start), "{case}");
            assert!(o.title.chars().count() <= 200 && !o.title.is_empty(), "{case}");
        }
    }
}

/// With END:VCALENDAR put back, so that the cut text is read rather than refused.
fn closed(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\r\nEND:VCALENDAR\r\n");
    out
}

#[test]
fn cut_files_never_panic() {
    for name in FIXTURES {
        let feed = fixture(name);
        let step = (feed.len() / 60).max(1);
        for at in (0..feed.len()).step_by(step) {
            check(&format!("{name} cut at {at}"), &feed[..at]);
            check(&format!("{name} cut at {at}, closed"), &closed(&feed[..at]));
        }
    }
}

#[test]
fn changed_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for name in FIXTURES {
        let feed = closed(&fixture(name));
        for round in 0..60 {
            let mut bytes = feed.clone();
            for _ in 0..=rng.below(8) {
                let at = rng.below(bytes.len());
                match rng.below(3) {
                    0 => bytes[at] = BYTES[rng.below(BYTES.len())],
                    1 => bytes.insert(at, BYTES[rng.below(BYTES.len())]),
                    _ => {
                        bytes.remove(at);
                    }
                }
            }
            check(&format!("{name} round {round}"), &bytes);
        }
    }
}

#[test]
fn hostile_lines_never_panic() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for name in FIXTURES {
        let feed = String::from_utf8_lossy(&closed(&fixture(name))).into_owned();
        let lines: Vec<&str> = feed.split("\r\n").collect();
        for round in 0..40 {
            let mut mutated: Vec<&str> = lines.clone();
            for _ in 0..=rng.below(4) {
                let at = 1 + rng.below(mutated.len().saturating_sub(2));
                mutated.insert(at, NASTY[rng.below(NASTY.len())]);
            }
            check(&format!("{name} round {round}: {mutated:?}"), mutated.join("\r\n").as_bytes());
        }
    }
}

#[test]
fn each_hostile_line_in_each_event_never_panics() {
    let feed = String::from_utf8_lossy(&fixture("outlook.ics")).into_owned();
    for nasty in NASTY {
        let mutated = feed.replace("END:VEVENT", &format!("{nasty}\r\nEND:VEVENT"));
        check(nasty, mutated.as_bytes());
    }
}
