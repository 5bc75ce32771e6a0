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
    /// Which sections the language says whole (bit per section).
    complete: u64,
}

impl Catalogue {
    /// English, which has every message.
    pub fn english() -> Catalogue {
        Catalogue::new(Lang::En, &ENGLISH)
    }

    /// `lang`'s messages, compiled in natively.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of(lang: Lang) -> Catalogue {
        match lang {
            Lang::En => Catalogue::english(),
            other => Catalogue::new(other, crate::generated::OTHERS[other as usize - 1]),
        }
    }

    /// `lang`'s messages as the page brought them (see [`Catalogue::to_text`]), kept for the
    /// rest of the visit. `None` when they are not this build's (another count): the app then
    /// speaks English rather than say one thing for another.
    pub fn from_text(lang: Lang, text: &str) -> Option<Catalogue> {
        let entries = text
            .split('\n')
            .map(|line| (!line.is_empty()).then(|| line.split('\t').map(str::to_owned).collect()))
            .collect();
        Catalogue::from_entries(lang, entries)
    }

    fn from_entries(lang: Lang, entries: Vec<Option<Vec<String>>>) -> Option<Catalogue> {
        if entries.len() != Msg::COUNT {
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
        Some(Catalogue::new(lang, Box::leak(leaked.into_boxed_slice())))
    }

    fn new(lang: Lang, entries: &'static [Entry]) -> Catalogue {
        let mut complete = u64::MAX;
        for msg in Msg::ALL {
            if entries[*msg as usize].is_none() {
                complete &= !(1 << msg.section() as u32);
            }
        }
        Catalogue { lang, entries, complete }
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
    /// separated by tabs, an empty line where the language has none. (No message holds a line
    /// break, a tab or `<`: the build refuses them, so the text cannot end the element that
    /// holds it. Reading it takes the wasm a few lines, where JSON took a kilobyte.)
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_text(&self) -> String {
        let lines: Vec<String> =
            self.entries.iter().map(|entry| entry.map(|forms| forms.join("\t")).unwrap_or_default()).collect();
        lines.join("\n")
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

thread_local! {
    static CURRENT: Cell<Catalogue> = Cell::new(Catalogue::english());
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
pub struct Speaking(Catalogue);

#[cfg(not(target_arch = "wasm32"))]
impl Speaking {
    pub fn new(lang: Lang) -> Speaking {
        let before = current();
        set_current(Catalogue::of(lang));
        Speaking(before)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Drop for Speaking {
    fn drop(&mut self) {
        set_current(self.0);
    }
}

/// `msg` in the current language.
pub fn t(msg: Msg) -> &'static str {
    current().text(msg)
}

/// `msg` in the current language with its placeholders filled.
pub fn tf(msg: Msg, args: &[(&str, &str)]) -> String {
    fill(t(msg), args)
}

/// `msg`'s form for `n` in the current language, `{n}` written as the language writes
/// numbers, the other placeholders filled from `args`.
pub fn tn(msg: Msg, n: u64, args: &[(&str, &str)]) -> String {
    let catalogue = current();
    let count = number::format(catalogue.lang_of(msg), n);
    let mut all = vec![("n", count.as_str())];
    all.extend_from_slice(args);
    fill(catalogue.plural(msg, n), &all)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let partial = Catalogue::from_entries(Lang::Ja, entries).unwrap();
        assert!(!partial.says(Section::Shell));
        assert_eq!(partial.text(Msg::ShellMenu), "Menu");
        assert_eq!(partial.text(Msg::ShellLanguage), "Language", "not 言語: no mix within a section");
        assert_eq!(partial.lang_of(Msg::ShellLanguage), Lang::En);
        assert!(Catalogue::of(Lang::Ja).says(Section::Shell));
    }

    #[test]
    fn a_catalogue_of_another_build_is_not_taken() {
        assert!(Catalogue::from_entries(Lang::Ja, vec![None; Msg::COUNT - 1]).is_none());
    }

    #[test]
    fn the_text_a_page_carries_reads_back_whole_and_cannot_end_its_element() {
        for lang in Lang::ALL {
            let text = Catalogue::of(*lang).to_text();
            assert!(!text.contains('<'), "{text}");
            assert_eq!(text.lines().count(), Msg::COUNT);
            let back = Catalogue::from_text(*lang, &text).unwrap();
            for msg in Msg::ALL {
                assert_eq!(back.forms(*msg), Catalogue::of(*lang).forms(*msg), "{lang:?} {msg:?}");
            }
        }
        let mut lines = vec![""; Msg::COUNT];
        lines[Msg::ShellMenu as usize] = "メニュー";
        let partial = Catalogue::from_text(Lang::Ja, &lines.join("\n")).unwrap();
        assert_eq!(partial.text(Msg::ShellMenu), "Menu", "a section missing messages is English");
        assert!(Catalogue::from_text(Lang::Ja, "one line").is_none(), "another build's");
    }
}
