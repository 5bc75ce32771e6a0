//! Text search that ignores case and accents: "sao paulo" finds "São Paulo".

/// Lowercases `text` and removes the accents of Latin letters (and a few ligatures), so
/// that two spellings a visitor would consider the same compare equal.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for lower in crate::case::lowercase(text).chars() {
        match base_letter(lower) {
            Some(base) => out.push_str(base),
            None => out.push(lower),
        }
    }
    out
}

/// The unaccented form of a lowercase Latin letter with a diacritic.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ' | 'ắ'
        | 'ằ' | 'ẳ' | 'ẵ' | 'ặ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => {
            "e"
        }
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ỉ' | 'ị' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' | 'ơ'
        | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ụ' | 'ủ' | 'ư' | 'ứ' | 'ừ' | 'ử' | 'ữ'
        | 'ự' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        // A word's last sigma, as lowercasing a whole text writes it: the same letter.
        'ς' => "σ",
        _ => return None,
    })
}

/// Whether every word of `query` (already folded) occurs in `haystack` (already folded).
/// Words are split at anything that is not a letter or a digit, so that punctuation a visitor
/// pastes with a place ("Boston, United States", a card's own line) finds it. A word of one or
/// two Latin letters or digits must begin a word of the haystack ("us" is the United States,
/// not the middle of "Austin" or "Russia"); longer words may stand anywhere ("stack").
pub fn matches_words(haystack: &str, folded_query: &str) -> bool {
    matches_words_or(haystack, folded_query, |_| false)
}

/// [`matches_words`], where a word that `met` says is met needs no match (a state's code for
/// a group of its country), as long as another word of the query matched: "Boston, MA" is met
/// by Boston's group, "MA" alone by no group for being in the United States.
pub fn matches_words_or(haystack: &str, folded_query: &str, met: impl Fn(&str) -> bool) -> bool {
    let mut any_found = false;
    let mut any_word = false;
    let all = folded_query.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|word| {
        any_word = true;
        let short = word.len() <= 2 && word.bytes().all(|b| b.is_ascii_alphanumeric());
        let found = if short {
            haystack.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(word))
        } else {
            haystack.contains(word)
        };
        any_found |= found;
        found || met(word)
    });
    all && (any_found || !any_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_are_ignored() {
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("ZÜRICH"), "zurich");
        assert_eq!(fold("Kraków"), "krakow");
        assert_eq!(fold("Hồ Chí Minh"), "ho chi minh");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Côte d’Ivoire"), "cote d’ivoire");
        assert_eq!(fold("東京"), "東京");
        assert_eq!(fold("ΑΘΗΝΑΣ"), fold("αθηνασ"), "a final sigma is the same letter");
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let hay = fold("OpenStack São Paulo Brazil");
        assert!(matches_words(&hay, &fold("sao")));
        assert!(matches_words(&hay, &fold("  BRAZIL  paulo ")));
        assert!(!matches_words(&hay, &fold("paulo berlin")));
        assert!(matches_words(&hay, ""));
    }

    #[test]
    fn a_short_word_begins_a_word() {
        let austin = fold("OpenStack Austin Austin United States us usa");
        let russia = fold("OpenStack Russia Moscow Russia ru");
        assert!(matches_words(&austin, "us") && !matches_words(&russia, "us"));
        assert!(!matches_words(&fold("OpenStack Cyprus Nicosia Cyprus cy"), "us"));
        assert!(matches_words(&austin, "au"), "as a visitor types Austin");
        assert!(matches_words(&austin, "stack"), "a longer word may stand anywhere");
        assert!(matches_words(&fold("東京"), &fold("京")));
    }

    #[test]
    fn a_qualifier_needs_a_word_that_matched() {
        let boston = fold("OpenStack Boston Boston United States us usa");
        let ma = |w: &str| w == "ma";
        assert!(matches_words_or(&boston, "boston ma", ma));
        assert!(!matches_words_or(&boston, "ma", ma), "a state alone finds no group for being in the country");
        assert!(!matches_words_or(&boston, "cambridge ma", ma));
        assert!(matches_words_or(&boston, "", ma));
    }

    #[test]
    fn punctuation_separates_words() {
        let hay = fold("OpenStack Boston Boston, United States");
        assert!(matches_words(&hay, &fold("Boston, United States")));
        assert!(matches_words(&hay, &fold("boston;united")));
        assert!(matches_words(&fold("Côte d’Ivoire"), &fold("cote d'ivoire")));
        assert!(!matches_words(&hay, &fold("Boston, Canada")));
    }
}
