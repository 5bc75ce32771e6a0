//! A feed's raw bytes made ready for the iCalendar parser: line endings made one, folded
//! lines joined, the text decoded and mended (`repair`), and files that are not a whole
//! calendar refused.

use crate::repair::repair;
use crate::text::clean;
use crate::FeedError;
use std::borrow::Cow;

/// How much of the first line a "not an iCalendar file" message quotes.
const QUOTE_MAX: usize = 16;

/// The feed as text for the parser, or why it is not a calendar.
pub(crate) fn prepare(bytes: &[u8]) -> Result<String, FeedError> {
    // Lossy: one broken byte should cost a character, not the feed.
    let text = String::from_utf8_lossy(&unfold(bytes)).into_owned();
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = body.lines().map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\0'));
    let Some(first) = lines.find(|l| !l.is_empty()) else {
        return Err(FeedError::Empty);
    };
    if !first.eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return Err(FeedError::NotICalendar { starts_with: clean(first, QUOTE_MAX) });
    }
    let end = last_end(body).ok_or(FeedError::Truncated)?;
    // What follows the end is left out, and a misspelt end is written as it should be.
    let whole = format!("{}END:VCALENDAR\n", body.get(..end).unwrap_or_default());
    Ok(match repair(&whole) {
        Cow::Borrowed(_) => whole,
        Cow::Owned(mended) => mended,
    })
}

/// Where the line that ends the last calendar starts, or `None` when the file is cut off.
///
/// Real feeds end with a line of junk after END:VCALENDAR (a caching proxy's note) or with a
/// misspelt END:VCALENDARD: both are whole calendars. A BEGIN after the last end is not junk
/// but the start of something the download lost.
fn last_end(body: &str) -> Option<usize> {
    let mut end = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_matches(|c: char| c.is_whitespace() || c == '\0');
        let head = text.get(..13).unwrap_or_default();
        if head.eq_ignore_ascii_case("END:VCALENDAR") && text.chars().skip(13).all(|c| c.is_ascii_alphabetic()) {
            end = Some(at);
        } else if end.is_some() && text.get(..6).is_some_and(|b| b.eq_ignore_ascii_case("BEGIN:")) {
            end = None;
        }
        at += line.len();
    }
    end
}

/// Line endings made LF (CRLF, bare LF and bare CR all occur), and folded lines joined.
///
/// This works on bytes, before decoding: real feeds fold at 75 octets and sometimes split a
/// multi-byte character across the fold ("Rungestra\xC3<CRLF><SP>\x9Fe"), which decoding
/// line by line would turn into two replacement characters.
pub(crate) fn unfold(raw: &[u8]) -> Vec<u8> {
    let mut lf = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'\r' {
            lf.push(b'\n');
            i += if raw.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        } else {
            lf.push(b);
            i += 1;
        }
    }
    let mut out = Vec::with_capacity(lf.len());
    let mut i = 0;
    while let Some(&b) = lf.get(i) {
        // Blank lines inside a fold belong to it (Thunderbird has written "UID", a blank
        // line, then " :1234"): a line break, any empty lines, then a space or a tab.
        let blank = lf.get(i + 1..).map_or(0, |rest| rest.iter().take_while(|&&c| c == b'\n').count());
        if b == b'\n' && matches!(lf.get(i + 1 + blank), Some(b' ' | b'\t')) {
            i += 2 + blank;
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_joined_whatever_the_line_endings() {
        assert_eq!(unfold(b"A:1\r\n 2\n\t3\r 4\r\nB:5\rC:6\n"), b"A:1234\nB:5\nC:6\n");
        // Blank lines inside a fold; a blank line between two properties stays.
        assert_eq!(unfold(b"UID\r\n\r\n :1\r\nX:2\n\n\n 3\nY:4\n\nZ:5\n"), b"UID:1\nX:23\nY:4\n\nZ:5\n");
        // A fold inside a two-byte character.
        assert_eq!(String::from_utf8(unfold(b"L:Stra\xC3\r\n \x9Fe\r\n")).unwrap(), "L:Straße\n");
    }

    #[test]
    fn only_whole_calendars_pass() {
        assert_eq!(prepare(b"  \r\n\n"), Err(FeedError::Empty));
        assert_eq!(prepare(b""), Err(FeedError::Empty));
        assert_eq!(
            prepare(b"<!DOCTYPE html>\n<html><body>Log in</body></html>"),
            Err(FeedError::NotICalendar { starts_with: "<!DOCTYPE html>".into() })
        );
        assert_eq!(
            prepare(b"{\"error\": \"not found\", \"code\": 404}"),
            Err(FeedError::NotICalendar { starts_with: "{\"error\": \"not…".into() })
        );
        assert_eq!(prepare(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\n"), Err(FeedError::Truncated));
        assert!(prepare(b"\xEF\xBB\xBFbegin:vcalendar\r\nEND:VCALENDAR\r\n\r\n").is_ok());
        // Junk after the end, and a misspelt end, are whole calendars; a calendar begun
        // after the end, or an end cut in the middle, are not.
        let whole = "BEGIN:VCALENDAR\nUID:1\nEND:VCALENDAR\n";
        assert_eq!(prepare(b"BEGIN:VCALENDAR\r\nUID:1\r\nEND:VCALENDAR\r\nX-NOTE:cached\r\n").as_deref(), Ok(whole));
        assert_eq!(prepare(b"BEGIN:VCALENDAR\nUID:1\nend:vcalendard\n").as_deref(), Ok(whole));
        assert_eq!(prepare(b"BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\nUID:2\n"), Err(FeedError::Truncated));
        assert_eq!(prepare(b"BEGIN:VCALENDAR\nUID:1\nEND:VCALEND"), Err(FeedError::Truncated));
    }

    #[test]
    fn errors_read_well() {
        let e = FeedError::NotICalendar { starts_with: "<html…".into() };
        assert_eq!(e.to_string(), "the feed is not an iCalendar file (it starts with <html…)");
        assert_eq!(FeedError::Truncated.to_string(), "the feed is cut off: it does not end with END:VCALENDAR");
    }
}
