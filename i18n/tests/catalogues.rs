//! Every language the site ships says every message: the report of what is missing is empty.
//! (A page whose texts are not in the catalogues yet is shown in English, with a notice, in
//! every other language: `groups_core::routes::Route::sections`.)

use groups_i18n::{report, Lang};

#[test]
fn no_shipped_language_misses_a_message() {
    for lang in Lang::ALL {
        assert_eq!(report::missing(*lang), Vec::<&str>::new(), "{}:\n{}", lang.tag(), report::text());
    }
}

#[test]
fn each_language_is_named_in_itself_and_has_its_own_address() {
    let names: Vec<_> = Lang::ALL.iter().map(|l| l.name()).collect();
    assert_eq!(
        names,
        ["English", "Deutsch", "Español", "日本語", "한국어", "Português (Brasil)", "Русский", "简体中文"]
    );
    let addresses: Vec<_> = Lang::ALL.iter().map(|l| l.address()).collect();
    assert_eq!(addresses, ["", "de", "es", "ja", "ko", "pt-br", "ru", "zh-hans"]);
}
