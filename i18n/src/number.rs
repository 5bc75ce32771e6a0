//! Whole numbers as each language writes them: `12,345` in English, `12.345` in German,
//! `12 345` in Russian, `1234` but `12.345` in Spanish (CLDR's separators and minimum grouping
//! digits). The browser's `Intl` would say the same, but counts are also written on the
//! server and in pre-rendered pages, which must match the app's to the character.

use crate::Lang;

/// `n` with its thousands grouped as `lang` groups them.
pub fn format(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let (separator, min_grouping) = lang.grouping();
    if digits.len() < 4 + usize::from(min_grouping.saturating_sub(1)) {
        return digits;
    }
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_by_each_languages_conventions() {
        assert_eq!(format(Lang::En, 7), "7");
        assert_eq!(format(Lang::En, 1234), "1,234");
        assert_eq!(format(Lang::En, 1234567), "1,234,567");
        assert_eq!(format(Lang::De, 12345), "12.345");
        assert_eq!(format(Lang::PtBr, 2306), "2.306");
        assert_eq!(format(Lang::Es, 2306), "2306");
        assert_eq!(format(Lang::Es, 12345), "12.345");
        assert_eq!(format(Lang::Ru, 2306), "2\u{a0}306");
        assert_eq!(format(Lang::Ja, 10000), "10,000");
        assert_eq!(format(Lang::ZhHans, 999), "999");
    }
}
