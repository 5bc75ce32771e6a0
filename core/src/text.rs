//! What a text typed by a person may hold, for requests and directory records alike: no
//! control characters, no invisible format characters (bidi overrides, zero-width spaces,
//! byte-order marks: Unicode category Cf) except a zero-width joiner inside an emoji sequence,
//! no line or paragraph separators, and at least one visible character.
//!
//! A name holding U+202E reorders every line it is printed in (a staff terminal, a list), and
//! one of three zero-width spaces looks empty while it is not: both are refused, not cleaned,
//! so what is stored is exactly what the person sees.

use crate::problem::{Problem, Subject};

/// Why a text is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Empty, or nothing visible (only spaces and invisible characters).
    Empty,
    TooShort(usize),
    TooLong(usize),
    /// A control character (other than a line break or tab where lines are allowed).
    Control,
    /// An invisible format character, or a line or paragraph separator.
    Invisible,
}

impl TextError {
    /// The problem, about the text `subject` names.
    pub fn problem(self, subject: Subject) -> Problem {
        match self {
            TextError::Empty => Problem::Empty { subject },
            TextError::TooShort(min) => Problem::TooShort { subject, min: min as u32 },
            TextError::TooLong(max) => Problem::TooLong { subject, max: max as u32 },
            TextError::Control => Problem::Control { subject },
            TextError::Invisible => Problem::Invisible { subject },
        }
    }
}

/// Checks a (trimmed) text of `min..=max` characters, not bytes ("Zürich" is 6). `multiline`
/// allows line breaks and tabs.
pub fn check(value: &str, min: usize, max: usize, multiline: bool) -> Result<(), TextError> {
    let count = value.chars().count();
    if !value.chars().any(is_visible) {
        Err(TextError::Empty)
    } else if count < min {
        Err(TextError::TooShort(min))
    } else if count > max {
        Err(TextError::TooLong(max))
    } else if value.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) {
        Err(TextError::Control)
    } else if has_invisible(value) {
        Err(TextError::Invisible)
    } else {
        Ok(())
    }
}

/// Whether `value` holds a format character (outside an emoji sequence) or a line or
/// paragraph separator.
pub fn has_invisible(value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| match c {
        '\u{2028}' | '\u{2029}' => true,
        c if is_format(c) => !in_emoji_sequence(&chars, i),
        _ => false,
    })
}

/// Whether `c` shows as something: not a space, a control, a format character or one of the
/// blank "filler" letters that render as nothing.
pub fn is_visible(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || is_format(c)
        || matches!(c, '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{2800}' | '\u{3164}' | '\u{FFA0}' | '\u{180B}'..='\u{180D}' | '\u{FE00}'..='\u{FE0F}'))
}

/// Unicode general category Cf (Format), as of Unicode 16; a test checks this table against
/// the `unicode-properties` crate's, which is not linked into the app to keep the wasm small.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// Whether the format character at `i` is part of an emoji: a zero-width joiner between two
/// pictographs (👩‍💻), or a tag character after a black flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
fn in_emoji_sequence(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|c| !matches!(c, '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}'));
    match chars[i] {
        '\u{200D}' => {
            before.copied().is_some_and(is_pictograph) && chars.get(i + 1).copied().is_some_and(is_pictograph)
        }
        '\u{E0020}'..='\u{E007F}' => {
            let start = chars[..i].iter().rposition(|c| !is_tag(*c)).map_or(0, |p| p + 1);
            let end = chars[i..].iter().position(|c| !is_tag(*c)).map_or(chars.len(), |p| i + p);
            start > 0 && chars[start - 1] == '\u{1F3F4}' && is_subdivision_flag(&chars[start..end])
        }
        _ => false,
    }
}

fn is_tag(c: char) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
}

/// Whether the tag characters `tags` (after a black flag) make one of the subdivision flags
/// Unicode recommends (England, Scotland, Wales): tag characters can spell any hidden text
/// after a flag, so only these three are let through.
fn is_subdivision_flag(tags: &[char]) -> bool {
    const FLAGS: [&str; 3] = ["gbeng", "gbsct", "gbwls"];
    let Some((&'\u{E007F}', letters)) = tags.split_last() else { return false };
    let spelt: Option<String> =
        letters.iter().map(|&c| char::from_u32(c as u32 - 0xE0000).filter(char::is_ascii_alphanumeric)).collect();
    spelt.is_some_and(|spelt| FLAGS.contains(&spelt.as_str()))
}

/// The blocks where emoji pictographs live (a superset of Extended_Pictographic that is
/// enough to tell an emoji sequence from a joiner hidden in a word).
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2190}'..='\u{21FF}' | '\u{2300}'..='\u{23FF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

/// `value` with every control and format character written as `\u{…}`, for printing names
/// on a terminal where they would otherwise reorder or hide the rest of the line.
pub fn escape_invisible(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

    #[test]
    fn the_format_table_is_unicodes_cf() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_format(c), c.general_category() == GeneralCategory::Format, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn invisible_texts_are_empty() {
        assert_eq!(check("\u{200B}\u{200B}\u{200B}", 1, 100, false), Err(TextError::Empty));
        assert_eq!(check(" \u{3164} ", 1, 100, false), Err(TextError::Empty));
        assert_eq!(check("\u{FEFF}", 1, 100, false), Err(TextError::Empty));
        assert_eq!(check("", 1, 100, false), Err(TextError::Empty));
        assert_eq!(check("ok", 1, 100, false), Ok(()));
    }

    #[test]
    fn format_characters_and_separators_are_refused() {
        for bad in [
            "Open\u{202E}Stack",
            "a\u{200B}b",
            "\u{FEFF}Berlin",
            "x\u{2066}y\u{2069}",
            "line\u{2028}two",
            "soft\u{00AD}hyphen",
            // A flag followed by tag characters that spell hidden text, not a subdivision.
            "OpenStack 🏴\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}\u{E007F}",
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}",
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}\u{E0068}\u{E0069}\u{E007F}",
            "x\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            "zw\u{200C}nj",
            "a\u{200D}b",
        ] {
            assert_eq!(check(bad, 1, 100, true), Err(TextError::Invisible), "{bad:?}");
        }
        assert_eq!(check("one\ntwo", 1, 100, true), Ok(()));
        assert_eq!(check("one\ntwo", 1, 100, false), Err(TextError::Control));
    }

    #[test]
    fn emoji_sequences_keep_their_joiners() {
        for good in [
            "Devs 👩‍💻",
            "👨‍👩‍👧 families",
            "🏳️‍🌈 pride",
            "👋🏽‍➡️ hi",
            "Scotland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "Wales 🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F} and England 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            "Zürich",
            "北京",
            "مرحبا",
        ] {
            assert_eq!(check(good, 1, 100, false), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn lengths_count_characters() {
        assert_eq!(check("éé", 3, 10, false), Err(TextError::TooShort(3)));
        assert_eq!(check(&"é".repeat(11), 1, 10, false), Err(TextError::TooLong(10)));
        assert_eq!(check(&"é".repeat(10), 1, 10, false), Ok(()));
    }

    #[test]
    fn escaping_shows_what_is_hidden() {
        assert_eq!(escape_invisible("Open\u{202E}Stack"), "Open\\u{202e}Stack");
        assert_eq!(escape_invisible("tab\tbell\u{7}"), "tab\\u{9}bell\\u{7}");
        assert_eq!(escape_invisible("Zürich 👩‍💻"), "Zürich 👩\\u{200d}💻");
    }
}
