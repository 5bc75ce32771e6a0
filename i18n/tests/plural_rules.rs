//! Our plural rules agree with ICU4X's (an independent implementation of CLDR's) for every
//! language of the site, over the counts a page can show and the millions where Spanish and
//! Portuguese change form.

use groups_i18n::Lang;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

fn name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[test]
fn every_languages_rules_match_icu4x() {
    let counts: Vec<u64> = (0..=1_200).chain([10_000, 100_001, 1_000_000, 2_000_000, 3_000_001, 21_000_000]).collect();
    for lang in Lang::ALL {
        let locale: Locale = lang.tag().parse().unwrap();
        let icu = PluralRules::try_new_cardinal((&locale).into()).unwrap();
        let family = lang.family();
        for &n in &counts {
            let ours = family.categories()[family.form(n)];
            assert_eq!(ours, name(icu.category_for(n)), "{} {n}", lang.tag());
        }
    }
}

#[test]
fn russian_counts_take_their_four_forms() {
    let family = Lang::Ru.family();
    let form = |n| family.categories()[family.form(n)];
    assert_eq!(
        [form(1), form(2), form(5), form(21), form(11), form(22), form(112)],
        ["one", "few", "many", "one", "many", "few", "many"]
    );
}
