//! The portal's languages: English (the default, at today's addresses) and every language with
//! a catalogue in `i18n/messages/`, each at `/<address>/…`.
//!
//! - [`Lang`] and [`Msg`] are written by `build.rs` from the catalogues, which it checks.
//! - [`address`]: a path's language and the same page in another.
//! - [`negotiate`]: the language `/` sends a visitor to (their stored choice, else their
//!   browser's `Accept-Language`).
//! - [`plural`] and [`number`]: counts said by CLDR's rules and numbers written by each
//!   language's conventions.
//! - [`catalogue`]: each message's text in a language, the app's current language
//!   ([`t`], [`tf`], [`tn`]; English inside a page not translated yet, but for the shell),
//!   and the text a page carries for a language the wasm does not compile in (it has English
//!   only: a visitor downloads their own language's texts alone).
//! - [`report`]: what each language has not translated yet.

pub mod address;
pub mod catalogue;
pub mod negotiate;
pub mod number;
pub mod plural;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

pub use catalogue::{around, t, tf, tn, Catalogue};
pub use generated::{Lang, Msg, Section};

impl Lang {
    /// The language whose addresses start with `segment` (`ja`, `zh-hans`); never English.
    pub fn by_address(segment: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| !l.address().is_empty() && l.address() == segment)
    }

    /// The language of a BCP 47 tag, compared without case (`pt-br`, `zh-Hans`).
    pub fn by_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }
}
