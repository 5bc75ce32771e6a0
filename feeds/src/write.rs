//! iCalendar files (RFC 5545) written for subscribers from the occurrences as they were read
//! (no copy of them in another shape): times in UTC, dates of all-day meetings in their zone, text escaped, lines folded at 75 octets without splitting a
//! character, CRLF line endings.

use crate::text::https_only;
use crate::Occurrence;
use chrono::{DateTime, TimeDelta, Utc};

/// The longest line, in octets, without its CRLF (RFC 5545 section 3.1).
const LINE_MAX: usize = 75;
const PRODID: &str = "-//Groups portal//Meetings//EN";

/// A calendar named `name` holding `meetings`, stamped `now`: each meeting with the UID it is
/// published under, which stays the same from one export to the next so that calendar
/// programs update rather than duplicate it. An all-day meeting is written as dates
/// (VALUE=DATE) in its zone; a link only when it is a valid `https://` address.
pub fn write_calendar<'a>(
    name: &str,
    meetings: impl IntoIterator<Item = (String, &'a Occurrence)>,
    now: DateTime<Utc>,
) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for (uid, o) in meetings {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&uid)));
        line(format!("DTSTAMP:{}", utc(now)));
        if o.all_day {
            let first = o.start.with_timezone(&o.tz).date_naive();
            let after = o.end.map(|end| end.with_timezone(&o.tz).date_naive()).filter(|d| *d > first);
            let after = after.or_else(|| first.checked_add_signed(TimeDelta::days(1)));
            line(format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")));
            if let Some(after) = after {
                line(format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
            }
        } else {
            line(format!("DTSTART:{}", utc(o.start)));
            if let Some(end) = o.end.filter(|end| *end > o.start) {
                line(format!("DTEND:{}", utc(end)));
            }
        }
        line(format!("SUMMARY:{}", escape(&o.title)));
        if let Some(place) = &o.place {
            line(format!("LOCATION:{}", escape(place)));
        }
        // A URI is not escaped: only an address without spaces or controls may go in.
        if let Some(url) = o.url.as_deref().and_then(https_only) {
            line(format!("URL:{url}"));
        }
        line(format!("STATUS:{}", if o.cancelled { "CANCELLED" } else { "CONFIRMED" }));
        line(format!("SEQUENCE:{}", o.sequence));
        if let Some(modified) = o.last_modified {
            line(format!("LAST-MODIFIED:{}", utc(modified)));
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// An instant as a UTC date-time: `20261210T173000Z`.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: `\`, `;` and `,` escaped, a line break (CRLF, CR or LF) written `\n`, tabs
/// made spaces and other control characters dropped, so no text can start a line of its own.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded into lines of at most [`LINE_MAX`] octets (continuation
/// lines start with a space, which counts), never inside a character.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LINE_MAX {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a\\b;c,d\r\ne\nf\rg\th\u{0}i"), "a\\\\b\\;c\\,d\\ne\\nf\\ng hi");
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "ű".repeat(100));
        fold_into(&mut out, &line);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= LINE_MAX, "{l}");
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        let mut short = String::new();
        fold_into(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }
}
