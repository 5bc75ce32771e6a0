//! Which language `/` sends a visitor to: the one they chose with the language switcher (a
//! first-party cookie, [`COOKIE`]), else the best their browser asks for (`Accept-Language`,
//! RFC 9110 §12.5.4), else English. Only `/` negotiates: every other address names its
//! language, so a shared link shows what its sender saw.

use crate::Lang;

/// The cookie that keeps the visitor's choice: its value is a language's tag.
pub const COOKIE: &str = "lang";

/// How long the choice is kept, in seconds (a year).
pub const COOKIE_MAX_AGE: u32 = 365 * 24 * 60 * 60;

/// The language `/` shows: the stored choice from the `Cookie` header, else the best of
/// `Accept-Language`, else English.
pub fn choose(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    cookie.and_then(from_cookie).or_else(|| accept_language.and_then(from_accept_language)).unwrap_or(Lang::En)
}

/// The language a link of the switcher chose (`?lang=ja` on any page's address), and the query
/// without it: the server keeps the choice and sends the visitor on to the address without
/// it, so the switcher remembers without JavaScript.
pub fn chosen_by_link(query: &str) -> Option<(Lang, String)> {
    let mut chosen = None;
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.strip_prefix(COOKIE).and_then(|p| p.strip_prefix('=')) {
            Some(tag) if chosen.is_none() => chosen = Some(Lang::by_tag(tag)?),
            _ => rest.push(pair),
        }
    }
    chosen.map(|lang| (lang, rest.join("&")))
}

/// The link to the same page's address (`to`: path and query) in the switcher: the choice
/// rides along as `lang=<tag>` for the server to keep (see [`chosen_by_link`]).
pub fn choosing_link(to: &str, lang: Lang) -> String {
    let separator = if to.contains('?') { '&' } else { '?' };
    format!("{to}{separator}{COOKIE}={}", lang.tag())
}

/// The `Set-Cookie` value that keeps `lang` for `/`.
pub fn cookie(lang: Lang) -> String {
    format!("{COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly", lang.tag())
}

/// The language stored in a `Cookie` header (`a=1; lang=ja`), if it is one the site speaks.
pub fn from_cookie(header: &str) -> Option<Lang> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| Lang::by_tag(value.trim_matches('"')))
}

/// The best language of an `Accept-Language` header the site speaks: ranges by weight,
/// highest first (ties in their order), each matched by its primary subtag (`de-AT` is German,
/// `pt-PT` the site's Portuguese), except Chinese, where only Simplified matches (`zh`,
/// `zh-CN`, `zh-SG`, `zh-Hans…`; not `zh-TW`, `zh-HK`, `zh-MO` nor `zh-Hant…`). `*` is English.
/// `None` when nothing matches: the caller's default.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut ranges: Vec<(u16, &str)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .map_or(Some(1000), weight)?;
            (!range.is_empty() && weight > 0).then_some((weight, range))
        })
        .collect();
    // Stable: equal weights keep the header's order.
    ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
    ranges.into_iter().find_map(|(_, range)| matching(range))
}

/// A weight (`0.8`) in thousandths; `None` when it is not one.
fn weight(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0).contains(&value).then(|| (value * 1000.0).round() as u16)
}

fn matching(range: &str) -> Option<Lang> {
    if range == "*" {
        return Some(Lang::En);
    }
    let range = range.to_ascii_lowercase();
    let mut subtags = range.split(['-', '_']);
    let primary = subtags.next()?;
    if primary == "zh" {
        // A script says it; else a region where Traditional is written does.
        let rest: Vec<&str> = subtags.collect();
        let traditional =
            if rest.contains(&"hans") { false } else { rest.iter().any(|s| matches!(*s, "hant" | "tw" | "hk" | "mo")) };
        return (!traditional).then_some(Lang::ZhHans);
    }
    Lang::ALL.iter().copied().find(|lang| lang.tag().split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_best_language_the_site_speaks() {
        assert_eq!(from_accept_language("ja,en-US;q=0.9,en;q=0.8"), Some(Lang::Ja));
        assert_eq!(from_accept_language("fr-CH, fr;q=0.9, de;q=0.7, *;q=0.5"), Some(Lang::De));
        assert_eq!(from_accept_language("en;q=0.5, ru;q=0.8"), Some(Lang::Ru));
        assert_eq!(from_accept_language("pt-PT"), Some(Lang::PtBr));
        assert_eq!(from_accept_language("pt-BR,pt;q=0.9"), Some(Lang::PtBr));
        assert_eq!(from_accept_language("es-419"), Some(Lang::Es));
        assert_eq!(from_accept_language("ko-KR"), Some(Lang::Ko));
        assert_eq!(from_accept_language("de-AT;q=1.0"), Some(Lang::De));
        assert_eq!(from_accept_language("en-GB"), Some(Lang::En));
    }

    #[test]
    fn simplified_chinese_only_for_readers_of_simplified_chinese() {
        for header in ["zh-CN", "zh", "zh-Hans-CN", "zh-SG", "zh_CN", "zh-Hans-TW", "zh-Hans-HK"] {
            assert_eq!(from_accept_language(header), Some(Lang::ZhHans), "{header}");
        }
        for header in ["zh-TW", "zh-Hant", "zh-HK", "zh-Hant-TW"] {
            assert_eq!(from_accept_language(header), None, "{header}");
        }
        assert_eq!(from_accept_language("zh-TW, ja;q=0.5"), Some(Lang::Ja));
    }

    #[test]
    fn nothing_it_speaks_or_refused_is_no_choice() {
        assert_eq!(from_accept_language(""), None);
        assert_eq!(from_accept_language("fr, it;q=0.5"), None);
        assert_eq!(from_accept_language("ja;q=0, fr"), None);
        assert_eq!(from_accept_language("ja;q=2"), None);
        assert_eq!(from_accept_language("ja;q=abc, de;q=0.1"), Some(Lang::De));
        assert_eq!(from_accept_language("*"), Some(Lang::En));
    }

    #[test]
    fn the_switchers_link_carries_the_choice_for_the_server_to_keep() {
        assert_eq!(choosing_link("/ja/groups", Lang::Ja), "/ja/groups?lang=ja");
        assert_eq!(choosing_link("/groups?region=asia", Lang::En), "/groups?region=asia&lang=en");
        assert_eq!(chosen_by_link("region=asia&lang=pt-BR&q=x"), Some((Lang::PtBr, "region=asia&q=x".to_owned())));
        assert_eq!(chosen_by_link("lang=ja"), Some((Lang::Ja, String::new())));
        assert_eq!(chosen_by_link("lang=xx&region=asia"), None, "a language the site does not speak");
        assert_eq!(chosen_by_link("language=ja"), None);
        assert_eq!(chosen_by_link("region=asia"), None);
        assert_eq!(cookie(Lang::Ko), "lang=ko; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    }

    #[test]
    fn a_stored_choice_comes_first() {
        assert_eq!(choose(Some("theme=dark; lang=ko"), Some("ja")), Lang::Ko);
        assert_eq!(choose(Some("lang=pt-BR"), None), Lang::PtBr);
        assert_eq!(choose(Some("lang=en"), Some("ja")), Lang::En);
        assert_eq!(choose(Some("lang=xx"), Some("ja")), Lang::Ja);
        assert_eq!(choose(Some("mylang=ko"), None), Lang::En);
        assert_eq!(choose(None, Some("fr")), Lang::En);
        assert_eq!(choose(None, None), Lang::En);
    }
}
