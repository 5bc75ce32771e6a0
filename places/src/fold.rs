//! Folding a name or a query into the form the index is keyed by: lower case, Latin letters
//! without their accents, words separated by one space.
//!
//! The same function folds both sides, so "München", "MUNCHEN" and "munchen" meet at
//! `munchen`, and "Łódź" at `lodz`. Latin letters go through `deunicode`, which also folds
//! the letters Unicode's decomposition leaves whole (ł → l, ø → o, ß → ss, æ → ae, đ → d).
//! Other scripts are only lowered, never transliterated: a country's own name in its script
//! (日本, Ελλάδα) is a key as written, and a guess such as 日本 → "ri ben" would meet nothing
//! a person types. Apostrophes vanish ("N'Djamena" → `ndjamena`: people type it both ways);
//! every other run of punctuation, spaces or symbols is one space ("Saint-Étienne",
//! "Saint Etienne" → `saint etienne`).

/// `text` folded; empty when it holds no letter or digit.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    let mut push = |out: &mut String, c: char| {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else if !is_apostrophe(c) {
            gap = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(&mut out, c.to_ascii_lowercase());
        } else if is_apostrophe(c) || is_combining_mark(c) {
            // Typed or not, they are not part of the word: "Pʻrak", "e\u{301}".
        } else if is_latin_letter(c) {
            match deunicode::deunicode_char(c) {
                Some(ascii) => ascii.chars().for_each(|a| push(&mut out, a.to_ascii_lowercase())),
                None => push(&mut out, c),
            }
        } else if c.is_alphanumeric() {
            c.to_lowercase().for_each(|l| push(&mut out, l));
        } else {
            push(&mut out, ' ');
        }
    }
    out
}

/// How many characters `folded` has (the typo allowance and the ranking count characters, not
/// bytes: "日本" is two).
pub fn length(folded: &str) -> usize {
    folded.chars().count()
}

/// Letters (and fullwidth digits) of the Latin script beyond ASCII: the Latin-1 Supplement's
/// letters, the Latin Extended blocks, the fullwidth forms an East Asian keyboard types.
pub(crate) fn is_latin_letter(c: char) -> bool {
    c.is_alphanumeric()
        && matches!(c as u32,
            0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFF10..=0xFF5A)
}

/// Marks that only decorate the letter before them: the combining diacritics of a decomposed
/// "é" (the marks of Indic scripts are not among them: there they are vowels).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '`' | '´' | '‘' | '’' | 'ʹ' | 'ʻ' | 'ʼ' | 'ʽ' | 'ˈ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_fold_on_both_sides() {
        for (text, folded) in [
            ("München", "munchen"),
            ("MÜNCHEN", "munchen"),
            ("Praha", "praha"),
            ("Zürich", "zurich"),
            ("São Paulo", "sao paulo"),
            ("Kraków", "krakow"),
            ("İstanbul", "istanbul"),
            ("Magyarország", "magyarorszag"),
            ("Česko", "cesko"),
            ("Reykjavík", "reykjavik"),
        ] {
            assert_eq!(fold(text), folded, "{text}");
        }
    }

    #[test]
    fn letters_that_decomposition_leaves_whole_are_folded_too() {
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Wrocław"), "wroclaw");
        assert_eq!(fold("København"), "kobenhavn");
        assert_eq!(fold("Tromsø"), "tromso");
        assert_eq!(fold("Gießen"), "giessen");
        assert_eq!(fold("Æro"), "aero");
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("Þórshöfn"), "thorshofn");
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        assert_eq!(fold("Mu\u{308}nchen"), "munchen");
        assert_eq!(fold("Ko\u{308}ln"), fold("Köln"));
    }

    #[test]
    fn punctuation_and_spaces_are_one_space_and_apostrophes_vanish() {
        assert_eq!(fold("  Saint-Étienne  "), "saint etienne");
        assert_eq!(fold("Frankfurt (Oder)"), "frankfurt oder");
        assert_eq!(fold("N'Djamena"), "ndjamena");
        assert_eq!(fold("St. John’s"), "st johns");
        assert_eq!(fold("Washington,\tD.C."), "washington d c");
        assert_eq!(fold("--"), "");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fullwidth_latin_is_plain_latin() {
        assert_eq!(fold("ＵＳＡ"), "usa");
    }

    #[test]
    fn other_scripts_are_lowered_not_transliterated() {
        assert_eq!(fold("日本"), "日本");
        assert_eq!(fold("ΕΛΛΆΔΑ"), "ελλάδα");
        assert_eq!(fold("Россия"), "россия");
        assert_eq!(length("日本"), 2);
    }

    #[test]
    fn control_characters_separate_words() {
        assert_eq!(fold("Ber\u{0}lin\u{7}"), "ber lin");
    }
}
