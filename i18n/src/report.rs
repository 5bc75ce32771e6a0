//! What each language has not translated yet, for translators (`cargo xtask i18n` prints it)
//! and for the test that keeps the shipped languages whole.

use crate::{Catalogue, Lang, Msg, Section};

/// The keys of the messages `lang` has no text for yet, in the catalogues' order.
pub fn missing(lang: Lang) -> Vec<&'static str> {
    Msg::ALL.iter().filter(|m| !has(lang, **m)).map(|m| m.key()).collect()
}

fn has(lang: Lang, msg: Msg) -> bool {
    lang == Lang::En || crate::generated::OTHERS[lang as usize - 1][msg as usize].is_some()
}

/// The sections `lang` does not say whole (each shown in English until it does).
pub fn incomplete_sections(lang: Lang) -> Vec<Section> {
    let catalogue = Catalogue::of(lang);
    Section::ALL.iter().copied().filter(|s| !catalogue.says(*s)).collect()
}

/// The report: per language, how many messages it has of how many, then each missing key.
pub fn text() -> String {
    let mut out = String::new();
    for lang in Lang::ALL {
        let missing = missing(*lang);
        let have = Msg::COUNT - missing.len();
        out += &format!("{} ({}): {have} of {} messages", lang.tag(), lang.name(), Msg::COUNT);
        if missing.is_empty() {
            out += ", complete\n";
        } else {
            out += &format!(", {} missing:\n", missing.len());
            for key in missing {
                out += &format!("  {key}\n");
            }
            let english: Vec<String> =
                incomplete_sections(*lang).iter().map(|s| format!("{s:?}").to_lowercase()).collect();
            out += &format!("  said in English until then: {}\n", english.join(", "));
        }
    }
    out
}
