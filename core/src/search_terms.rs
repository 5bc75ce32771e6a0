//! What else a visitor types for a group's country: its code ("US", "DE"), the common names and
//! abbreviations it goes by ("USA", "UK", "Holland"), and the parts of a country a place is
//! written with ("Boston, MA", "Cardiff, Wales", "London, ON"), which say which country a
//! group must be in, not where in it (the directory does not know a group's state).

/// Other names of a country by its code, folded, as visitors write them.
const ALIASES: &[(&str, &str)] = &[
    ("US", "usa america united states of america"),
    ("GB", "uk britain great britain england scotland wales northern ireland"),
    ("NL", "holland"),
    ("CZ", "czech republic"),
    ("TR", "turkey"),
    ("KR", "korea"),
    ("RU", "russia"),
    ("AE", "uae emirates"),
    ("CD", "drc congo"),
    ("CI", "ivory coast"),
    ("MM", "burma"),
    ("VN", "vietnam"),
    ("TW", "taiwan"),
    ("IR", "iran"),
    ("BO", "bolivia"),
    ("VE", "venezuela"),
];

/// States and provinces by code and one-word name, folded: a query word that is one of them
/// is met by any group of its country.
const PARTS: &[(&str, &str)] = &[
    (
        "US",
        "al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok \
         or pa ri sc sd tn tx ut vt va wa wv wi wy alabama alaska arizona arkansas california colorado connecticut \
         delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland \
         massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon \
         pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming",
    ),
    (
        "CA",
        "ab bc mb nb nl ns nt nu on pe qc sk yt alberta manitoba ontario quebec saskatchewan yukon",
    ),
    ("GB", "england scotland wales"),
    ("AU", "nsw vic qld wa sa tas act nt"),
    ("IN", "karnataka maharashtra telangana kerala delhi"),
];

/// The words a group of the country `code` is also found by: its code and its other names.
pub fn country_words(code: &str) -> String {
    let aliases = ALIASES.iter().find(|(c, _)| *c == code).map_or("", |(_, a)| a);
    format!("{} {aliases}", code.to_ascii_lowercase())
}

/// Whether the folded query word `word` names a part of the country `code` (a state, a
/// province, a nation of the United Kingdom).
pub fn is_part_of(word: &str, code: &str) -> bool {
    PARTS.iter().any(|(c, parts)| *c == code && parts.split(' ').any(|p| p == word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_found_by_its_code_and_other_names() {
        assert!(country_words("US").split(' ').any(|w| w == "usa"));
        assert!(country_words("US").starts_with("us "));
        assert!(country_words("GB").contains("uk"));
        assert_eq!(country_words("DE").trim(), "de");
    }

    #[test]
    fn states_and_nations_belong_to_their_country() {
        assert!(is_part_of("ma", "US") && is_part_of("massachusetts", "US"));
        assert!(is_part_of("on", "CA") && is_part_of("wales", "GB"));
        assert!(!is_part_of("ma", "DE") && !is_part_of("boston", "US"));
    }
}
