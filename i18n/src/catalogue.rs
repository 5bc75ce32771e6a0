//! Each message's text in a language, and the app's current language.
//!
//! A language says a [`Section`] of the site whole or not at all: while a section lacks one
//! of its messages in a language, every message of that section is said in English there
//! (and the page says so, in `lang="en"`), never a mix of the two within a part.
//!
//! The wasm compiles in English only. Any other language's texts come with the page, as the
//! text [`Catalogue::to_text`] writes (pre-rendering puts it in every document of that
//! language), read once at start ([`Catalogue::from_text`]); the server and pre-rendering,
//! native, have every language compiled in ([`Catalogue::of`]).

use std::cell::Cell;

use crate::{generated::ENGLISH, number, Lang, Msg, Section};

/// One message's forms (one text, or one per plural category of its language), or `None`
/// while the language has not translated it.
pub type Entry = Option<&'static [&'static str]>;

/// A language's messages.
#[derive(Clone, Copy, Debug)]
pub struct Catalogue {
    lang: Lang,
    entries: &'static [Entry],
    /// Each country's name in the language by its code, sorted by code; empty for English,
    /// whose names are the directory's (`groups_core::regions`).
    countries: &'static [(&'static str, &'static str)],
    /// Which sections the language says whole (bit per section).
    complete: u64,
}

impl Catalogue {
    /// English, which has every message.
    pub fn english() -> Catalogue {
        Catalogue::new(Lang::En, &ENGLISH, &[])
    }

    /// `lang`'s messages, compiled in natively.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of(lang: Lang) -> Catalogue {
        match lang {
            Lang::En => Catalogue::english(),
            other => Catalogue::new(
                other,
                crate::generated::OTHERS[other as usize - 1],
                crate::generated::OTHER_COUNTRIES[other as usize - 1],
            ),
        }
    }

    /// `lang`'s messages as the page brought them (see [`Catalogue::to_text`]), kept for the
    /// rest of the visit. `None` when they are not this build's (another count): the app then
    /// speaks English rather than say one thing for another.
    pub fn from_text(lang: Lang, text: &str) -> Option<Catalogue> {
        let mut lines = text.split('\n');
        if lines.next() != Some(Msg::FINGERPRINT) {
            return None;
        }
        let entries = lines
            .by_ref()
            .take(Msg::COUNT)
            .map(|line| (!line.is_empty()).then(|| line.split('\t').map(str::to_owned).collect()))
            .collect();
        let leak = |text: &str| &*Box::leak(text.to_owned().into_boxed_str());
        let countries: Vec<(&'static str, &'static str)> = lines
            .map(|line| line.split_once('\t').map(|(code, name)| (leak(code), leak(name))))
            .collect::<Option<_>>()?;
        let countries = Box::leak(countries.into_boxed_slice());
        Catalogue::from_entries(lang, entries, countries)
    }

    /// `lang` with none of its words: every part said in English at `lang`'s addresses (a
    /// page that brought no words this build can read).
    pub fn untranslated(lang: Lang) -> Catalogue {
        Catalogue::from_entries(lang, vec![None; Msg::COUNT], &[]).expect("as many entries as messages")
    }

    fn from_entries(
        lang: Lang,
        entries: Vec<Option<Vec<String>>>,
        countries: &'static [(&'static str, &'static str)],
    ) -> Option<Catalogue> {
        if entries.len() != Msg::COUNT || !countries.is_sorted_by_key(|(code, _)| *code) {
            return None;
        }
        let leaked: Vec<Entry> = entries
            .into_iter()
            .map(|forms| {
                forms.map(|forms| {
                    let forms: Vec<&'static str> = forms.into_iter().map(|f| &*Box::leak(f.into_boxed_str())).collect();
                    &*Box::leak(forms.into_boxed_slice())
                })
            })
            .collect();
        Some(Catalogue::new(lang, Box::leak(leaked.into_boxed_slice()), countries))
    }

    fn new(lang: Lang, entries: &'static [Entry], countries: &'static [(&'static str, &'static str)]) -> Catalogue {
        let mut complete = u64::MAX;
        for msg in Msg::ALL {
            if entries[*msg as usize].is_none() {
                complete &= !(1 << msg.section() as u32);
            }
        }
        Catalogue { lang, entries, countries, complete }
    }

    /// The country's name in the language (`DE`: `ドイツ` in Japanese); `None` in English (the
    /// directory's names are English's) and for a code CLDR does not know.
    pub fn country(&self, code: &str) -> Option<&'static str> {
        self.countries.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| self.countries[i].1)
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the language says `section` whole (English always does).
    pub fn says(&self, section: Section) -> bool {
        self.complete & (1 << section as u32) != 0
    }

    /// Whether the language says every one of `sections`: a page made of them is shown in it.
    pub fn says_all(&self, sections: &[Section]) -> bool {
        sections.iter().all(|s| self.says(*s))
    }

    /// The language `msg` is said in: this one if it says the message's section, else English.
    pub fn lang_of(&self, msg: Msg) -> Lang {
        if self.says(msg.section()) {
            self.lang
        } else {
            Lang::En
        }
    }

    /// `msg`'s forms in [`Catalogue::lang_of`] it.
    pub fn forms(&self, msg: Msg) -> &'static [&'static str] {
        let entry = if self.says(msg.section()) { self.entries[msg as usize] } else { None };
        entry.or(ENGLISH[msg as usize]).expect("English has every message")
    }

    /// `msg`'s text (the last form of a plural: its `other`).
    pub fn text(&self, msg: Msg) -> &'static str {
        self.forms(msg).last().expect("a message has a form")
    }

    /// The form of `msg` for a count of `n`, by its language's plural rules.
    pub fn plural(&self, msg: Msg, n: u64) -> &'static str {
        let forms = self.forms(msg);
        let form = self.lang_of(msg).family().form(n);
        forms.get(form).or(forms.last()).expect("a message has a form")
    }

    /// The messages as a page carries them: a line per message in [`Msg`]'s order, its forms
    /// separated by tabs, an empty line where the language has none; then a line per country,
    /// its code, a tab and its name. (No message or name holds a line break, a tab or `<`: the
    /// build refuses them, so the text cannot end the element that holds it. Reading it takes
    /// the wasm a few lines, where JSON took half a kilobyte.)
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_text(&self) -> String {
        // What only the server says (its mail) is left out: the page's reader never needs it.
        let messages = self.entries.iter().zip(Msg::ALL).map(|(entry, msg)| match entry {
            Some(forms) if msg.section() != Section::Mail => forms.join("\t"),
            _ => String::new(),
        });
        let countries = self.countries.iter().map(|(code, name)| format!("{code}\t{name}"));
        std::iter::once(Msg::FINGERPRINT.to_owned()).chain(messages).chain(countries).collect::<Vec<_>>().join("\n")
    }
}

/// `template` with each `{name}` replaced by its value in `args`; a name without one stays.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|i| open + i) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &rest[open + 1..close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The words of `template` before and after its placeholder `{name}`, for a sentence that
/// holds an element (a link) there; all of it before, when it has no such placeholder.
pub fn around<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let placeholder = format!("{{{name}}}");
    template.split_once(placeholder.as_str()).unwrap_or((template, ""))
}

thread_local! {
    static CURRENT: Cell<Catalogue> = Cell::new(Catalogue::english());
    static PAGE_IN_ENGLISH: Cell<fn() -> bool> = const { Cell::new(never) };
}

fn never() -> bool {
    false
}

fn always() -> bool {
    true
}

/// Tells [`t`] how to know whether the page being drawn is shown in English although the
/// language is another (a page not translated yet): then every message but the shell's
/// (`Section::Shell`, the frame around the page) is said in English, so that a part the page
/// shares with translated ones (a region's name, a count) is never in another language inside
/// it. The app's rule reads its address; pre-rendering and the server set it per page
/// ([`set_page_in_english`], [`Speaking::page`]).
pub fn set_page_rule(rule: fn() -> bool) {
    PAGE_IN_ENGLISH.with(|r| r.set(rule));
}

/// Whether the page being drawn now is shown in English (see [`set_page_rule`]).
pub fn set_page_in_english(english: bool) {
    set_page_rule(if english { always } else { never });
}

/// The catalogue `msg` is said from: English's for a message of the page (not the shell's)
/// while the page is shown in English, else the current one.
pub fn speaking(msg: Msg) -> Catalogue {
    if msg.section() == Section::Shell {
        current()
    } else {
        page()
    }
}

/// Whether the page being drawn is shown in English although the language is another (by
/// the rule of [`set_page_rule`]).
pub fn page_in_english() -> bool {
    current().lang != Lang::En && PAGE_IN_ENGLISH.with(Cell::get)()
}

/// The catalogue the page being drawn speaks (English's while it is shown in English).
fn page() -> Catalogue {
    if page_in_english() {
        Catalogue::english()
    } else {
        current()
    }
}

/// The country's name in the language of the page being drawn; `None` where it is English
/// (the directory's own names are English's).
pub fn country(code: &str) -> Option<&'static str> {
    page().country(code)
}

/// Makes `catalogue` the one [`t`], [`tf`] and [`tn`] speak: once at the app's start, and
/// before each document pre-rendering draws.
pub fn set_current(catalogue: Catalogue) {
    CURRENT.with(|c| c.set(catalogue));
}

/// The current catalogue.
pub fn current() -> Catalogue {
    CURRENT.with(Cell::get)
}

/// Speaks `lang` until dropped, then the language spoken before: for the server, which fills
/// one page at a time on a thread (without an `.await` in between) in the page's language.
#[cfg(not(target_arch = "wasm32"))]
#[must_use = "the language is spoken only while this lives"]
pub struct Speaking(Catalogue, fn() -> bool);

#[cfg(not(target_arch = "wasm32"))]
impl Speaking {
    /// Speaks `lang` for a page shown in it (`english`: false) or in English with the shell in
    /// `lang` (true: a page not translated yet).
    pub fn page(lang: Lang, english: bool) -> Speaking {
        let before = Speaking(current(), PAGE_IN_ENGLISH.with(Cell::get));
        set_current(Catalogue::of(lang));
        set_page_in_english(english);
        before
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Drop for Speaking {
    fn drop(&mut self) {
        set_current(self.0);
        set_page_rule(self.1);
    }
}

/// `msg` in the current language (in English inside a page shown in English, but for the
/// shell's: [`set_page_rule`]).
pub fn t(msg: Msg) -> &'static str {
    speaking(msg).text(msg)
}

/// `msg` in the current language with its placeholders filled.
pub fn tf(msg: Msg, args: &[(&str, &str)]) -> String {
    fill(t(msg), args)
}

/// `n` written as `msg` writes its numbers (in the language that says it: "1,234", "1.234"),
/// for a number of a message besides its count.
pub fn number_as(msg: Msg, n: u64) -> String {
    number::format(speaking(msg).lang_of(msg), n)
}

/// `msg`'s form for `n` in the current language, `{n}` written as the language writes
/// numbers, the other placeholders filled from `args`.
pub fn tn(msg: Msg, n: u64, args: &[(&str, &str)]) -> String {
    speaking(msg).counted(msg, n, args)
}

impl Catalogue {
    /// `msg`'s form for `n` in this catalogue, `{n}` written as the language that says it here
    /// writes numbers, the other placeholders filled from `args`.
    pub fn counted(&self, msg: Msg, n: u64, args: &[(&str, &str)]) -> String {
        let count = number::format(self.lang_of(msg), n);
        let mut all = vec![("n", count.as_str())];
        all.extend_from_slice(args);
        fill(self.plural(msg, n), &all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_splits_around_its_element() {
        assert_eq!(around("Check the {link}: now.", "link"), ("Check the ", ": now."));
        assert_eq!(around("{link}を確認", "link"), ("", "を確認"));
        assert_eq!(around("No link.", "link"), ("No link.", ""));
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("There is no page at {path}.", &[("path", "/x")]), "There is no page at /x.");
        assert_eq!(fill("{a} and {b}", &[("b", "2")]), "{a} and 2");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[]), "open { only");
    }

    #[test]
    fn each_language_says_its_own_words() {
        assert_eq!(Catalogue::english().text(Msg::ShellMenu), "Menu");
        assert_eq!(Catalogue::of(Lang::Ja).text(Msg::ShellNotFoundTitle), "ページが見つかりません");
        assert_eq!(Catalogue::of(Lang::De).text(Msg::ShellSkipToMain), "Zum Hauptinhalt springen");
        set_current(Catalogue::of(Lang::Ru));
        assert_eq!(tf(Msg::ShellLoading, &[("page", "Группы")]), "Загрузка: Группы…");
        set_current(Catalogue::english());
        assert_eq!(t(Msg::ShellLanguage), "Language");
    }

    #[test]
    fn a_section_missing_a_message_is_said_whole_in_english() {
        let mut entries: Vec<Option<Vec<String>>> = Catalogue::of(Lang::Ja)
            .entries
            .iter()
            .map(|e| e.map(|forms| forms.iter().map(|f| (*f).to_owned()).collect()))
            .collect();
        entries[Msg::ShellMenu as usize] = None;
        let partial = Catalogue::from_entries(Lang::Ja, entries, &[]).unwrap();
        assert!(!partial.says(Section::Shell));
        assert_eq!(partial.text(Msg::ShellMenu), "Menu");
        assert_eq!(partial.text(Msg::ShellLanguage), "Language", "not 言語: no mix within a section");
        assert_eq!(partial.lang_of(Msg::ShellLanguage), Lang::En);
        assert!(Catalogue::of(Lang::Ja).says(Section::Shell));
    }

    #[test]
    fn counts_take_each_languages_plural_forms_and_number_format() {
        let groups = |lang, n| {
            set_current(Catalogue::of(lang));
            let said = tn(Msg::PlaceGroups, n, &[]);
            set_current(Catalogue::english());
            said
        };
        assert_eq!(
            [groups(Lang::En, 1), groups(Lang::En, 2), groups(Lang::En, 0)],
            ["1 group", "2 groups", "0 groups"]
        );
        assert_eq!(
            [1, 2, 5, 21, 11, 22, 112].map(|n| groups(Lang::Ru, n)),
            ["1 группа", "2 группы", "5 групп", "21 группа", "11 групп", "22 группы", "112 групп"]
        );
        assert_eq!(groups(Lang::Ru, 12345), "12\u{a0}345 групп");
        assert_eq!(
            [groups(Lang::PtBr, 0), groups(Lang::PtBr, 1), groups(Lang::PtBr, 2)],
            ["0 grupo", "1 grupo", "2 grupos"]
        );
        assert_eq!(groups(Lang::Es, 1_000_000), "1.000.000 de grupos");
        assert_eq!(groups(Lang::Es, 1234), "1234 grupos");
        assert_eq!(groups(Lang::De, 1), "1 Gruppe");
        assert_eq!(groups(Lang::Ja, 1), "1 グループ");
        assert_eq!(groups(Lang::Ko, 3), "그룹 3개");
        assert_eq!(groups(Lang::ZhHans, 1200), "1,200 个用户组");
    }

    #[test]
    fn inside_a_page_shown_in_english_only_the_shell_speaks_the_language() {
        set_current(Catalogue::of(Lang::Ja));
        assert_eq!(t(Msg::PlaceRegionEurope), "ヨーロッパ");
        set_page_in_english(true);
        assert_eq!(t(Msg::PlaceRegionEurope), "Europe");
        assert_eq!(tn(Msg::PlaceGroups, 5, &[]), "5 groups");
        assert_eq!(t(Msg::ShellMenu), "メニュー", "the frame around the page stays Japanese");
        set_page_in_english(false);
        {
            let _speaking = Speaking::page(Lang::Ru, true);
            assert_eq!(t(Msg::PlaceRegionEurope), "Europe");
            assert_eq!(t(Msg::ShellMenu), "Меню");
        }
        assert_eq!(t(Msg::PlaceRegionEurope), "ヨーロッパ", "as before the page");
        set_current(Catalogue::english());
    }

    #[test]
    fn countries_are_named_in_each_language_by_cldr() {
        assert_eq!(Catalogue::of(Lang::Ja).country("DE"), Some("ドイツ"));
        assert_eq!(Catalogue::of(Lang::Ja).country("HK"), Some("香港"), "the short name");
        assert_eq!(Catalogue::of(Lang::De).country("US"), Some("Vereinigte Staaten"));
        assert_eq!(Catalogue::of(Lang::PtBr).country("BR"), Some("Brasil"));
        assert_eq!(Catalogue::of(Lang::ZhHans).country("KR"), Some("韩国"));
        assert_eq!(Catalogue::of(Lang::Ru).country("XX"), None);
        assert_eq!(Catalogue::english().country("DE"), None, "English's are the directory's");
        set_current(Catalogue::of(Lang::Ko));
        assert_eq!(country("JP"), Some("일본"));
        set_page_in_english(true);
        assert_eq!(country("JP"), None, "inside a page shown in English");
        set_page_in_english(false);
        set_current(Catalogue::english());
    }

    #[test]
    fn a_catalogue_of_another_build_is_not_taken() {
        assert!(Catalogue::from_entries(Lang::Ja, vec![None; Msg::COUNT - 1], &[]).is_none());
    }

    #[test]
    fn the_text_a_page_carries_reads_back_whole_and_cannot_end_its_element() {
        for lang in Lang::ALL {
            let text = Catalogue::of(*lang).to_text();
            assert!(!text.contains('<'), "{text}");
            let countries = if *lang == Lang::En { 0 } else { Catalogue::of(*lang).countries.len() };
            assert_eq!(text.lines().count(), 1 + Msg::COUNT + countries);
            let back = Catalogue::from_text(*lang, &text).unwrap();
            // All but the server's own words (its mail), which a page does not carry.
            for msg in Msg::ALL.iter().filter(|m| m.section() != Section::Mail) {
                assert_eq!(back.forms(*msg), Catalogue::of(*lang).forms(*msg), "{lang:?} {msg:?}");
            }
            assert_eq!(back.countries, Catalogue::of(*lang).countries);
        }
        let mut lines = vec![""; Msg::COUNT];
        lines[Msg::ShellMenu as usize] = "メニュー";
        let partial = Catalogue::from_text(Lang::Ja, &format!("{}\n{}", Msg::FINGERPRINT, lines.join("\n"))).unwrap();
        assert_eq!(partial.text(Msg::ShellMenu), "Menu", "a section missing messages is English");
        assert!(Catalogue::from_text(Lang::Ja, "one line").is_none(), "another build's");
        let other_build = format!("0123456789abcdef\n{}", lines.join("\n"));
        assert!(Catalogue::from_text(Lang::Ja, &other_build).is_none(), "as many lines, other keys");
    }
}
