//! Each language's dates and times, as `groups_core::when` writes them from the catalogues'
//! CLDR names and patterns, against ICU4X's (an independent implementation with CLDR's own
//! data): every weekday and month, days of one and two digits, two years, every hour of the
//! clock. English is written as British English (the site's spelling) writes it.

use groups_core::when::{Clock, Day};
use groups_i18n::{catalogue::Speaking, Lang};
use icu_calendar::{Date, Gregorian};
use icu_datetime::{fieldsets, input::Time, options::Length, FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_locale_core::Locale;

/// The locale ICU4X is asked for in `lang`.
fn locale(lang: Lang) -> Locale {
    let tag = if lang == Lang::En { "en-GB" } else { lang.tag() };
    tag.parse().unwrap()
}

/// Days over two years: each weekday, each month, the first, a two-digit day and the last.
fn days() -> Vec<Day> {
    let mut days = Vec::new();
    for year in [2026, 2027] {
        for month in 1..=12 {
            for day in [1, 9, 10, 17, 28] {
                days.push(Day::new(year, month, day).unwrap());
            }
        }
    }
    days
}

/// ICU4X's formatter of `fields` in `lang`.
macro_rules! formatter {
    ($lang:expr, $fields:expr) => {
        FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(locale($lang).into(), $fields).unwrap()
    };
}

#[test]
fn dates_are_written_as_cldr_writes_them_in_every_language() {
    let mut checked = 0;
    for &lang in Lang::ALL {
        let full = formatter!(lang, fieldsets::YMDE::long());
        let day_month = formatter!(lang, fieldsets::MDE::long());
        let long = formatter!(lang, fieldsets::YMD::long());
        let month_year = formatter!(lang, fieldsets::YM::long());
        let _speaking = Speaking::page(lang, false);
        for day in days() {
            let date = Date::try_new_gregorian(day.year, day.month, day.day).unwrap();
            assert_eq!(day.full(), full.format(&date).to_string(), "{lang:?} {day} in full");
            assert_eq!(day.day_month(), day_month.format(&date).to_string(), "{lang:?} {day} without its year");
            assert_eq!(day.long(), long.format(&date).to_string(), "{lang:?} {day} without its weekday");
            assert_eq!(day.month_year(), month_year.format(&date).to_string(), "{lang:?} {day}'s month");
            checked += 4;
        }
    }
    assert_eq!(checked, 8 * 120 * 4);
}

#[test]
fn times_of_day_are_written_as_cldr_writes_them_in_every_language() {
    for &lang in Lang::ALL {
        let clock =
            NoCalendarFormatter::try_new(locale(lang).into(), fieldsets::T::hm().with_length(Length::Short)).unwrap();
        let _speaking = Speaking::page(lang, false);
        for hour in 0..24 {
            for minute in [0, 5, 30, 59] {
                let ours = Clock::new(hour, minute).unwrap().text();
                let theirs = clock.format(&Time::try_new(hour, minute, 0, 0).unwrap()).to_string();
                assert_eq!(ours, theirs, "{lang:?} at {hour}:{minute:02}");
            }
        }
    }
}
