//! Feed text made safe to store and show: a feed is written by anyone, so a title may hold
//! a bidi override, zero-width spaces, line breaks meant to inject headers, or ten thousand
//! characters. Markup is left alone (the pages escape it); it is never interpreted here.

use groups_core::links::check_address;
use groups_core::text::is_format;

/// `raw` on one line: control and format characters (Unicode Cf: U+202E, zero-width spaces)
/// removed, every run of white space (line breaks included) made one space, trimmed, and cut
/// to at most `max` characters, ending with "…" when cut.
pub(crate) fn clean(raw: &str, max: usize) -> String {
    #[cfg(test)]
    CLEANED.with(|n| n.set(n.get() + raw.len()));
    let mut out = String::with_capacity(raw.len().min(max * 4));
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !(c.is_control() || is_format(c)) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    cut(out, max)
}

#[cfg(test)]
thread_local! {
    /// How many bytes [`clean`] has read on this thread: the work a feed's texts cost.
    pub(crate) static CLEANED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// [`clean`], `None` when nothing is left.
pub(crate) fn clean_opt(raw: Option<&str>, max: usize) -> Option<String> {
    raw.map(|r| clean(r, max)).filter(|s| !s.is_empty())
}

/// At most `max` characters, the last one "…" when `s` was longer (cut on a character).
pub(crate) fn cut(s: String, max: usize) -> String {
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `raw` if it is a web address the portal accepts (see [`check_address`]) and a secure one:
/// `http:`, `javascript:`, `data:` and anything with a space or an invisible character are
/// dropped, not repaired.
pub(crate) fn https_only(raw: &str) -> Option<String> {
    let scheme: String = raw.chars().take(8).collect();
    (scheme.eq_ignore_ascii_case("https://") && check_address(raw).is_ok()).then(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_control_characters_go_and_space_is_collapsed() {
        assert_eq!(clean("  Rust\u{202E}  Meetup\u{200B}\r\nBerlin\u{0007}!  ", 200), "Rust Meetup Berlin!");
        assert_eq!(clean("a\u{200B}b\u{FEFF}c\u{2028}d", 200), "abc d");
        assert_eq!(clean("\u{200B} \u{202E}", 200), "");
        assert_eq!(clean_opt(Some(" \n "), 200), None);
        assert_eq!(clean("<script>alert(1)</script> &amp;", 200), "<script>alert(1)</script> &amp;");
    }

    #[test]
    fn long_texts_are_cut_on_a_character_with_an_ellipsis() {
        let long = "é".repeat(10_000);
        let cut = clean(&long, 200);
        assert_eq!(cut.chars().count(), 200);
        assert!(cut.ends_with("é…"));
        assert_eq!(clean("abc def", 5), "abc…");
        assert_eq!(clean("abcde", 5), "abcde");
    }

    #[test]
    fn only_secure_web_addresses_are_kept() {
        for good in ["https://www.meetup.com/rust-berlin/events/1/", "HTTPS://example.org/x?a=1,2;b"] {
            assert_eq!(https_only(good).as_deref(), Some(good));
        }
        for bad in [
            "http://example.org",
            "javascript:alert(1)",
            "JavaScript:alert(document.cookie)",
            "data:text/html,<script>alert(1)</script>",
            "https://exa mple.org",
            "https://example.org/\u{202E}",
            "https://user:pw@example.org/",
            "ftp://example.org",
            "",
        ] {
            assert_eq!(https_only(bad), None, "{bad}");
        }
        assert_eq!(https_only(&format!("https://example.org/{}", "a".repeat(300))), None);
    }
}
