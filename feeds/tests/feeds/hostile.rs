//! A feed written to attack: markup and scripts in every text, dangerous links, invisible
//! characters, a huge title, attempts to inject lines. Texts come out sanitised and nothing
//! more: markup stays literal text, for the pages to escape.

use crate::common::{one, read};
use groups_core::text::is_format;
use groups_feeds::Parsed;

/// The feed; `\\n` is an escaped line break in iCalendar text, `\r` a raw carriage return.
fn hostile() -> Vec<u8> {
    let long_title = "Ω".repeat(10_000);
    let long_place = "p".repeat(5_000);
    format!(
        "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:evil\r\n\
BEGIN:VEVENT\r\n\
UID:<script>alert('uid')</script>\u{202E}evil\u{200B}\r\n\
DTSTART:20260301T180000Z\r\n\
SUMMARY:<b onmouseover=alert(1)>Rust</b> <script>alert(\"x\")</script>\u{202E}gnp.exe\u{200B}\r\n\
LOCATION:<img src=x onerror=alert(1)>\u{200B} Hall\u{202E} A\u{FEFF}\r\n\
DESCRIPTION:<script>document.location='https://zoom.us.evil.example'</script>\r\n\
URL:javascript:alert(document.cookie)\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:data-url\r\n\
DTSTART:20260302T180000Z\r\n\
SUMMARY:\u{200B}\u{202E} \r\n\
URL:data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:long-title\r\n\
DTSTART:20260303T180000Z\r\n\
SUMMARY:{long_title}\r\n\
LOCATION:{long_place}\r\n\
URL:JAVASCRIPT://example.org/%0Aalert(1)\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:injection\\nX-INJECTED:1\r\n\
DTSTART:20260304T180000Z\r\n\
SUMMARY:Innocent\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\nSUMMARY:Injected\r\n\
LOCATION:Room 1\rSET-COOKIE: a=b\r\n\
URL:https://example.org/a b\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:ok-link\r\n\
DTSTART:20260305T180000Z\r\n\
SUMMARY:Fine\r\n\
URL:HTTPS://Example.org/ok?a=1&b=<x>\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n"
    )
    .into_bytes()
}

fn parsed() -> Parsed {
    read(&hostile())
}

#[test]
fn markup_stays_literal_text_and_invisible_characters_go() {
    let parsed = parsed();
    let o = one(&parsed, "<script>alert('uid')</script>evil");
    assert_eq!(o.title, "<b onmouseover=alert(1)>Rust</b> <script>alert(\"x\")</script>gnp.exe");
    assert_eq!(o.place.as_deref(), Some("<img src=x onerror=alert(1)> Hall A"));
    assert!(!o.online, "a lookalike host in a description is not a meeting link");
}

#[test]
fn dangerous_links_are_dropped() {
    let parsed = parsed();
    assert_eq!(one(&parsed, "<script>alert('uid')</script>evil").url, None, "javascript:");
    assert_eq!(one(&parsed, "data-url").url, None, "data:");
    assert_eq!(one(&parsed, "long-title").url, None);
    assert_eq!(one(&parsed, "injection X-INJECTED:1").url, None, "a space in the address");
    assert_eq!(one(&parsed, "ok-link").url.as_deref(), Some("HTTPS://Example.org/ok?a=1&b=<x>"));
}

#[test]
fn a_huge_title_is_cut_with_an_ellipsis() {
    let parsed = parsed();
    let o = one(&parsed, "long-title");
    assert_eq!(o.title.chars().count(), 200);
    assert!(o.title.ends_with("ΩΩ…"));
    let place = o.place.as_deref().unwrap();
    assert_eq!(place.chars().count(), 200);
    assert!(place.ends_with('…'));
}

#[test]
fn an_empty_title_becomes_meeting() {
    assert_eq!(one(&parsed(), "data-url").title, "Meeting");
}

#[test]
fn injected_line_breaks_are_flattened_and_start_no_event() {
    let parsed = parsed();
    assert_eq!(parsed.occurrences.len(), 5, "{:#?}", parsed.occurrences);
    let o = one(&parsed, "injection X-INJECTED:1");
    assert_eq!(o.title, "Innocent END:VEVENT BEGIN:VEVENT SUMMARY:Injected");
    // A raw CR ends the line: what follows is a line of its own, an unknown property.
    assert_eq!(o.place.as_deref(), Some("Room 1"));
}

#[test]
fn no_text_holds_a_control_or_format_character() {
    for o in &parsed().occurrences {
        for text in [Some(&o.uid), Some(&o.title), o.place.as_ref(), o.url.as_ref()].into_iter().flatten() {
            assert!(!text.chars().any(|c| c.is_control() || is_format(c)), "{text:?}");
            assert_eq!(text.trim(), text);
            assert!(!text.contains("  "));
        }
        assert!(o.uid.chars().count() <= 255);
    }
}
