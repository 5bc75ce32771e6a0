//! When a meeting is, in its own zone, and how each language writes it.
//!
//! The server works out a meeting's day, clock times and zone in the meeting's own zone (it has
//! the tz database; the app has none) and publishes them as data ([`When`]); the app and the
//! server then write them in the page's language with the same code and the language's CLDR
//! names and patterns, which come with its words (`date.*` in `i18n/messages/`). One formatter
//! on both sides is what lets the app draw exactly the page the server sent; that it writes
//! what CLDR says is checked against ICU4X for every language (`core/tests/dates.rs`).

use std::{fmt, str::FromStr};

use groups_i18n::{t, tf, Msg};
use serde::{Deserialize, Serialize};

/// A day of the (proleptic Gregorian) calendar, as the files write it: `2026-12-10`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day {
    pub year: i32,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
}

/// A time of day on a 24-hour clock: `18:30`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Clock {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

/// When a meeting is, in its own zone: the day it starts, and for a meeting with hours its
/// start and end on the clock and the zone's name then ("CET", or "UTC−3" where the zone has
/// no abbreviation); an all-day meeting has none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    pub day: Day,
    /// The clock at its start; `None` for an all-day meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Clock>,
    /// The clock at its end, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Clock>,
    /// The day it ends (an all-day meeting: its last day), when not the day it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_day: Option<Day>,
    /// The zone's name at its start; empty for an all-day meeting.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub zone: String,
    /// The zone's name at its end, when not the same (the clocks changed in between).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_zone: Option<String>,
}

const WEEKDAYS: [Msg; 7] = [
    Msg::DateWeekdayMonday,
    Msg::DateWeekdayTuesday,
    Msg::DateWeekdayWednesday,
    Msg::DateWeekdayThursday,
    Msg::DateWeekdayFriday,
    Msg::DateWeekdaySaturday,
    Msg::DateWeekdaySunday,
];

const MONTHS: [Msg; 12] = [
    Msg::DateMonthJanuary,
    Msg::DateMonthFebruary,
    Msg::DateMonthMarch,
    Msg::DateMonthApril,
    Msg::DateMonthMay,
    Msg::DateMonthJune,
    Msg::DateMonthJuly,
    Msg::DateMonthAugust,
    Msg::DateMonthSeptember,
    Msg::DateMonthOctober,
    Msg::DateMonthNovember,
    Msg::DateMonthDecember,
];

const MONTHS_ALONE: [Msg; 12] = [
    Msg::DateAloneJanuary,
    Msg::DateAloneFebruary,
    Msg::DateAloneMarch,
    Msg::DateAloneApril,
    Msg::DateAloneMay,
    Msg::DateAloneJune,
    Msg::DateAloneJuly,
    Msg::DateAloneAugust,
    Msg::DateAloneSeptember,
    Msg::DateAloneOctober,
    Msg::DateAloneNovember,
    Msg::DateAloneDecember,
];

impl Day {
    /// The day, if it is one on the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm: eras of 400 years from 1 March).
    pub fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Its day of the week, 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> usize {
        (self.days_since_epoch() + 3).rem_euclid(7) as usize
    }

    /// In full, in the page's language: "Thursday, 10 December 2026", "2026年12月10日木曜日".
    pub fn full(self) -> String {
        self.written(Msg::DateFull, &MONTHS)
    }

    /// Without its year, as a later day of a meeting reads: "Friday 11 December".
    pub fn day_month(self) -> String {
        self.written(Msg::DateDayMonth, &MONTHS)
    }

    /// Without its weekday: "2 December 2026".
    pub fn long(self) -> String {
        self.written(Msg::DateLong, &MONTHS)
    }

    /// Its month and year, as a heading: "December 2026", "декабрь 2026 г.".
    pub fn month_year(self) -> String {
        self.written(Msg::DateMonthYear, &MONTHS_ALONE)
    }

    fn written(self, pattern: Msg, months: &[Msg; 12]) -> String {
        tf(
            pattern,
            &[
                ("weekday", t(WEEKDAYS[self.weekday()])),
                ("day", &self.day.to_string()),
                ("month", t(months[usize::from(self.month - 1)])),
                ("year", &self.year.to_string()),
            ],
        )
    }
}

impl Clock {
    /// The clock, if it shows one.
    pub fn new(hour: u8, minute: u8) -> Option<Clock> {
        (hour < 24 && minute < 60).then_some(Clock { hour, minute })
    }

    /// As the page's language reads a time: "18:30", "9:05" (Japanese), "오후 6:30" (Korean).
    pub fn text(self) -> String {
        let twelve = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        let period = if self.hour < 12 { t(Msg::DateAm) } else { t(Msg::DatePm) };
        tf(
            Msg::DateClock,
            &[
                ("hours", &format!("{:02}", self.hour)),
                ("hour", &self.hour.to_string()),
                ("hour_of_twelve", &twelve.to_string()),
                ("period", period),
                ("minutes", &format!("{:02}", self.minute)),
            ],
        )
    }
}

impl When {
    /// The day it starts, in full: "Thursday, 10 December 2026".
    pub fn date(&self) -> String {
        self.day.full()
    }

    /// Its hours in its own zone: "18:30–21:00 CET", "18:30 CET" (no end), "18:30 CET –
    /// Friday 11 December 01:00 CET" (ends another day), "01:30 CEST – 03:30 CET" (the clocks
    /// changed), "All day", "All day – Wednesday 22 July" (several days).
    pub fn time(&self) -> String {
        let Some(from) = self.from else {
            return match self.to_day {
                Some(last) => tf(Msg::DateAllDayUntil, &[("day", &self.later(last))]),
                None => t(Msg::DateAllDay).to_owned(),
            };
        };
        let zone = &self.zone;
        let to_zone = self.to_zone.as_deref().unwrap_or(zone);
        let start = from.text();
        match (self.to, self.to_day) {
            (None, _) => format!("{start} {zone}"),
            (Some(to), None) if to_zone == zone => {
                format!("{} {zone}", tf(Msg::DateRange, &[("from", &start), ("to", &to.text())]))
            }
            (Some(to), None) => {
                tf(Msg::DateSpan, &[("from", &format!("{start} {zone}")), ("to", &format!("{} {to_zone}", to.text()))])
            }
            (Some(to), Some(day)) => tf(
                Msg::DateSpan,
                &[
                    ("from", &format!("{start} {zone}")),
                    ("to", &format!("{} {} {to_zone}", self.later(day), to.text())),
                ],
            ),
        }
    }

    /// The date and hours as one line: "Thursday, 10 December 2026, 18:30–21:00 CET".
    pub fn text(&self) -> String {
        tf(Msg::DateWhen, &[("date", &self.date()), ("time", &self.time())])
    }

    /// A later day than its first: "Friday 11 December", with the year when it is another.
    fn later(&self, day: Day) -> String {
        if day.year == self.day.year {
            day.day_month()
        } else {
            day.full()
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Day {
    type Err = String;

    fn from_str(text: &str) -> Result<Day, String> {
        let bad = || format!("`{text}` is not a day such as 2026-12-10");
        let mut parts = text.splitn(3, '-');
        let mut next =
            || parts.next().filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).ok_or_else(bad);
        let (year, month, day) = (next()?, next()?, next()?);
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(bad());
        }
        Day::new(year.parse().map_err(|_| bad())?, month.parse().map_err(|_| bad())?, day.parse().map_err(|_| bad())?)
            .ok_or_else(bad)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl FromStr for Clock {
    type Err = String;

    fn from_str(text: &str) -> Result<Clock, String> {
        let bad = || format!("`{text}` is not a time of day such as 18:30");
        let (hour, minute) = text.split_once(':').ok_or_else(bad)?;
        if hour.len() != 2 || minute.len() != 2 || !(hour.bytes().chain(minute.bytes()).all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        Clock::new(hour.parse().map_err(|_| bad())?, minute.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

impl TryFrom<String> for Day {
    type Error = String;

    fn try_from(text: String) -> Result<Day, String> {
        text.parse()
    }
}

impl From<Day> for String {
    fn from(day: Day) -> String {
        day.to_string()
    }
}

impl TryFrom<String> for Clock {
    type Error = String;

    fn try_from(text: String) -> Result<Clock, String> {
        text.parse()
    }
}

impl From<Clock> for String {
    fn from(clock: Clock) -> String {
        clock.to_string()
    }
}

#[cfg(test)]
mod tests {
    use groups_i18n::{catalogue::Speaking, Lang};

    use super::*;

    fn day(text: &str) -> Day {
        text.parse().unwrap()
    }

    fn clock(text: &str) -> Clock {
        text.parse().unwrap()
    }

    fn when(on: &str, from: &str, to: &str, zone: &str) -> When {
        When {
            day: day(on),
            from: Some(clock(from)),
            to: Some(clock(to)),
            to_day: None,
            zone: zone.into(),
            to_zone: None,
        }
    }

    #[test]
    fn days_and_clocks_read_and_write_the_files_form() {
        assert_eq!(day("2026-12-10"), Day { year: 2026, month: 12, day: 10 });
        assert_eq!(day("2028-02-29").to_string(), "2028-02-29");
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "2026-12-10x", "26-12-10", "", "2026-00-10", "2100-02-29"]
        {
            assert!(bad.parse::<Day>().is_err(), "{bad}");
        }
        assert_eq!(clock("09:05").to_string(), "09:05");
        for bad in ["24:00", "9:05", "09:60", "0905", "-1:00", "09:5"] {
            assert!(bad.parse::<Clock>().is_err(), "{bad}");
        }
        let json = serde_json::to_string(&when("2026-12-10", "18:30", "21:00", "CET")).unwrap();
        assert_eq!(json, r#"{"day":"2026-12-10","from":"18:30","to":"21:00","zone":"CET"}"#);
        assert!(serde_json::from_str::<When>(r#"{"day":"2026-12-32"}"#).is_err());
    }

    #[test]
    fn weekdays_across_eras_and_leap_days() {
        // Known days: the epoch, a leap day, the first of a century that is no leap year, and
        // before 1970.
        assert_eq!(day("1970-01-01").weekday(), 3, "Thursday");
        assert_eq!(day("2024-02-29").weekday(), 3, "Thursday");
        assert_eq!(day("2100-03-01").weekday(), 0, "Monday");
        assert_eq!(day("1969-12-31").weekday(), 2, "Wednesday");
        assert_eq!(day("2000-01-01").days_since_epoch(), 10_957);
        // Each day is the one after the one before, for twenty years.
        let mut previous = day("2019-12-31");
        for n in 0..7_305 {
            let today = Day::new(previous.year, previous.month, previous.day + 1)
                .or_else(|| Day::new(previous.year, previous.month + 1, 1))
                .or_else(|| Day::new(previous.year + 1, 1, 1))
                .unwrap();
            assert_eq!(today.days_since_epoch(), previous.days_since_epoch() + 1, "{today} ({n})");
            assert_eq!(today.weekday(), (previous.weekday() + 1) % 7, "{today}");
            previous = today;
        }
    }

    #[test]
    fn a_meetings_hours_in_english() {
        let evening = when("2026-12-10", "18:30", "21:00", "CET");
        assert_eq!(evening.date(), "Thursday, 10 December 2026");
        assert_eq!(evening.time(), "18:30–21:00 CET");
        assert_eq!(evening.text(), "Thursday, 10 December 2026, 18:30–21:00 CET");
        assert_eq!(When { to: None, ..evening.clone() }.time(), "18:30 CET");
        let night = When { to: Some(clock("01:00")), to_day: Some(day("2026-12-11")), ..evening.clone() };
        assert_eq!(night.time(), "18:30 CET – Friday 11 December 01:00 CET");
        let new_year = When { day: day("2026-12-31"), to_day: Some(day("2027-01-01")), ..night.clone() };
        assert_eq!(new_year.time(), "18:30 CET – Friday, 1 January 2027 01:00 CET");
        let autumn = When { to_zone: Some("CET".into()), zone: "CEST".into(), ..evening.clone() };
        assert_eq!(autumn.time(), "18:30 CEST – 21:00 CET");
        let all_day = When { from: None, to: None, zone: String::new(), ..evening.clone() };
        assert_eq!(all_day.time(), "All day");
        assert_eq!(When { to_day: Some(day("2026-12-12")), ..all_day }.time(), "All day – Saturday 12 December");
        assert_eq!(evening.day.month_year(), "December 2026");
        assert_eq!(evening.day.long(), "10 December 2026");
    }

    #[test]
    fn a_meetings_hours_in_other_languages() {
        let evening = when("2026-12-10", "18:30", "21:00", "CET");
        let cases = [
            (Lang::De, "Donnerstag, 10. Dezember 2026, 18:30–21:00 CET", "Dezember 2026"),
            (Lang::Ru, "четверг, 10 декабря 2026\u{202f}г., 18:30–21:00 CET", "декабрь 2026\u{202f}г."),
            (Lang::Ja, "2026年12月10日木曜日 18:30～21:00 CET", "2026年12月"),
            (Lang::Ko, "2026년 12월 10일 목요일 오후 6:30 ~ 오후 9:00 CET", "2026년 12월"),
            (Lang::PtBr, "quinta-feira, 10 de dezembro de 2026, 18:30 – 21:00 CET", "dezembro de 2026"),
        ];
        for (lang, line, month) in cases {
            let _speaking = Speaking::page(lang, false);
            assert_eq!(evening.text(), line);
            assert_eq!(evening.day.month_year(), month);
        }
        let _japanese = Speaking::page(Lang::Ja, false);
        assert_eq!(clock("09:05").text(), "9:05");
        let _korean = Speaking::page(Lang::Ko, false);
        assert_eq!(clock("00:05").text(), "오전 12:05");
        assert_eq!(clock("12:00").text(), "오후 12:00");
    }

    #[test]
    fn a_page_shown_in_english_writes_its_dates_in_english() {
        let _japanese_frame = Speaking::page(Lang::Ja, true);
        assert_eq!(day("2026-12-10").full(), "Thursday, 10 December 2026");
    }
}
