//! Which of GeoNames' alternate names a town is found by.
//!
//! GeoNames lists every name it knows for a town: in other scripts, automatic ASCII
//! transliterations of those ("bai lin", "berurin" for Berlin), and airport and other codes
//! ("BER", "EDDB"). A visitor types Latin letters, and a transliteration or a code only adds
//! false matches ("can" would find Guangzhou by its airport), so those go; names in Latin
//! letters, with or without accents, stay: München, Praha, Bombay, Saigon, Kiev. Of about
//! 387,000 names for 34,006 towns, about 119,000 distinct folded names remain.

use crate::fold::is_latin_letter;

/// Whether the alternate name `name` is kept.
pub fn keep_alternate(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty() && in_latin_script(name) && has_upper_case(name) && !is_code(name)
}

/// Every letter is Latin (digits, spaces and punctuation may stand beside them).
pub fn in_latin_script(name: &str) -> bool {
    name.chars().all(|c| !c.is_alphabetic() || c.is_ascii() || is_latin_letter(c))
}

/// GeoNames' automatic transliterations are all lower case; a name people write has at least
/// one capital.
fn has_upper_case(name: &str) -> bool {
    name.chars().any(char::is_uppercase)
}

/// Two to four capitals: an IATA or ICAO code, or an abbreviation that names many things
/// ("HCMC", "NYC" and "LA" go with them: two letters also stand for Chornomorsk, "CH", and
/// Marine Parade, "MP", and would come first for every visitor who typed them).
fn is_code(name: &str) -> bool {
    (2..=4).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_names_with_or_without_accents_stay() {
        for name in ["München", "Praha", "Warszawa", "Bombay", "Saigon", "Kiev", "Łódź", "Lungsod ng Muenchen", "Ulm"]
        {
            assert!(keep_alternate(name), "{name}");
        }
    }

    #[test]
    fn other_scripts_transliterations_and_codes_go() {
        for name in ["Берлин", "柏林", "bai lin", "berurin", "BER", "EDDB", "HCMC", "LA", "", "  "] {
            assert!(!keep_alternate(name), "{name:?}");
        }
    }
}
