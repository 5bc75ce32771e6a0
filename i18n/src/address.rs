//! A page's address in each language: English's are today's (`/groups`), every other
//! language's are the same under its own first segment (`/ja/groups`, `/pt-br/groups/sao-paulo`).
//! Every English address (old ones, `/content/…`, included) so has one in each language.

use crate::Lang;

/// The language of `path` and the path it asks for within it: `/ja/groups` is Japanese's
/// `/groups`, `/ja` and `/ja/` its home page, `/groups` English's.
pub fn split(path: &str) -> (Lang, &str) {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let (first, rest) = match trimmed.find('/') {
        Some(at) => (&trimmed[..at], &trimmed[at..]),
        None => (trimmed, "/"),
    };
    match Lang::by_address(first) {
        Some(lang) => (lang, rest),
        None => (Lang::En, path),
    }
}

/// The prefix of `lang`'s addresses: `""` for English, `/ja` for Japanese (the app's router's
/// base).
pub fn base(lang: Lang) -> String {
    match lang.address() {
        "" => String::new(),
        address => format!("/{address}"),
    }
}

/// The address in `lang` of `path`, an English address that may carry a query and a
/// fragment: `/groups?region=asia` → `/ja/groups?region=asia`, `/` → `/ja/`.
pub fn localize(lang: Lang, path: &str) -> String {
    debug_assert!(path.starts_with('/'), "an absolute path: {path}");
    format!("{}{path}", base(lang))
}

/// The same page as `path` (any language's address) in `lang`. Slashes doubled at its start
/// count once: `//elsewhere.example` read by a browser is another site.
pub fn switch(path: &str, lang: Lang) -> String {
    localize(lang, &format!("/{}", split(path).1.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_names_its_language_by_its_first_segment() {
        assert_eq!(split("/ja/groups"), (Lang::Ja, "/groups"));
        assert_eq!(split("/pt-br/groups/sao-paulo"), (Lang::PtBr, "/groups/sao-paulo"));
        assert_eq!(split("/zh-hans/"), (Lang::ZhHans, "/"));
        assert_eq!(split("/ru"), (Lang::Ru, "/"));
        assert_eq!(split("/groups"), (Lang::En, "/groups"));
        assert_eq!(split("/"), (Lang::En, "/"));
        // Not a language's segment: an English page (or none) by that name.
        assert_eq!(split("/jap/groups"), (Lang::En, "/jap/groups"));
        assert_eq!(split("/en/groups"), (Lang::En, "/en/groups"));
        assert_eq!(split("/JA/groups"), (Lang::En, "/JA/groups"));
    }

    #[test]
    fn every_english_address_has_one_in_each_language() {
        assert_eq!(localize(Lang::Ja, "/groups?region=asia#list"), "/ja/groups?region=asia#list");
        assert_eq!(localize(Lang::Ja, "/"), "/ja/");
        assert_eq!(localize(Lang::En, "/content/privacy"), "/content/privacy");
        assert_eq!(switch("/ja/groups/tokyo", Lang::De), "/de/groups/tokyo");
        assert_eq!(switch("/ja/groups/tokyo", Lang::En), "/groups/tokyo");
        assert_eq!(switch("/meetings", Lang::Ko), "/ko/meetings");
        assert_eq!(switch("//elsewhere.example/x", Lang::En), "/elsewhere.example/x", "never another site");
        assert_eq!(switch("/ja//elsewhere.example/x", Lang::En), "/elsewhere.example/x");
        assert_eq!(switch("/ja//x", Lang::De), "/de/x");
        for lang in Lang::ALL {
            for path in ["/", "/groups", "/groups/berlin", "/content/privacy"] {
                assert_eq!(split(&localize(*lang, path)), (*lang, path), "{lang:?} {path}");
            }
        }
    }
}
