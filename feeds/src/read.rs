//! A feed's raw bytes made ready for the iCalendar parser: line endings made one, folded
//! lines joined, the text decoded, and files that are not a whole calendar refused.

use crate::text::clean;
use crate::FeedError;

/// How much of the first line a "not an iCalendar file" message quotes.
const QUOTE_MAX: usize = 16;

/// The feed as text for the parser, or why it is not a calendar.
pub(crate) fn prepare(bytes: &[u8]) -> Result<String, FeedError> {
    // Lossy: one broken byte should cost a character, not the feed.
    let text = String::from_utf8_lossy(&unfold(bytes)).into_owned();
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = body.lines().map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\0'));
    let Some(first) = lines.clone().find(|l| !l.is_empty()) else {
        return Err(FeedError::Empty);
    };
    if !first.eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return Err(FeedError::NotICalendar { starts_with: clean(first, QUOTE_MAX) });
    }
    if !lines.rfind(|l| !l.is_empty()).is_some_and(|l| l.eq_ignore_ascii_case("END:VCALENDAR")) {
        return Err(FeedError::Truncated);
    }
    Ok(body.to_owned())
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
        if b == b'\n' && matches!(lf.get(i + 1), Some(b' ' | b'\t')) {
            i += 2;
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
    }

    #[test]
    fn errors_read_well() {
        let e = FeedError::NotICalendar { starts_with: "<html…".into() };
        assert_eq!(e.to_string(), "the feed is not an iCalendar file (it starts with <html…)");
        assert_eq!(FeedError::Truncated.to_string(), "the feed is cut off: it does not end with END:VCALENDAR");
    }
}
