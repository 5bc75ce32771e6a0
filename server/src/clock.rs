//! Times as the server keeps them: [`Timestamp`], an instant to the second, written as RFC 3339
//! in UTC (`2026-11-29T10:00:00Z`) everywhere, in the database too, so that times compare as
//! text there; and "twelve months before", the privacy page's retention period.

use std::{
    fmt,
    str::FromStr,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use groups_core::directory::Month;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Serialize, Serializer};

/// Where the server takes "now" from for what changes with time (which meetings are still
/// to come): the system's clock, or a fixed moment (tests; a demonstration of a date).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    #[default]
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(at) => at,
        }
    }
}

/// An instant, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(SystemTime);

impl Timestamp {
    pub fn now() -> Timestamp {
        Timestamp::from_system(SystemTime::now())
    }

    /// `time` without its fraction of a second.
    pub fn from_system(time: SystemTime) -> Timestamp {
        let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Timestamp(UNIX_EPOCH + Duration::from_secs(seconds))
    }

    /// Reads RFC 3339 in UTC (`2027-12-01T00:00:00Z`, fractions of a second allowed).
    pub fn parse(text: &str) -> Option<Timestamp> {
        humantime::parse_rfc3339_weak(text.trim()).ok().map(Timestamp::from_system)
    }

    pub fn system(self) -> SystemTime {
        self.0
    }

    /// Seconds since 1970.
    /// The day it falls on in UTC.
    pub fn utc_day(self) -> groups_core::when::Day {
        use chrono::Datelike as _;
        let date = chrono::DateTime::from_timestamp(self.unix(), 0).unwrap_or_default().date_naive();
        groups_core::when::Day::new(date.year(), date.month() as u8, date.day() as u8).expect("a day of chrono's")
    }

    /// "2 December 2026", in UTC: a day as people read it.
    pub fn day(self) -> String {
        chrono::DateTime::from_timestamp(self.unix(), 0).unwrap_or_default().format("%-d %B %Y").to_string()
    }

    pub fn unix(self) -> i64 {
        self.0.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    }

    pub fn from_unix(seconds: i64) -> Timestamp {
        Timestamp(UNIX_EPOCH + Duration::from_secs(seconds.max(0) as u64))
    }

    pub fn plus(self, duration: Duration) -> Timestamp {
        Timestamp(self.0 + duration)
    }

    /// The same moment twelve calendar months earlier: 2027-12-01T00:00:00Z → 2026-12-01T00:00:00Z.
    /// 29 February becomes 28 February, so a year is never more than a year.
    pub fn twelve_months_before(self) -> Timestamp {
        let text = self.to_string();
        let year: u32 = text[..4].parse().expect("four digits");
        let mut earlier = format!("{:04}{}", year - 1, &text[4..]);
        if &earlier[4..10] == "-02-29" {
            earlier.replace_range(4..10, "-02-28");
        }
        Timestamp::parse(&earlier).expect("a valid time")
    }

    /// The calendar month it falls in.
    pub fn month(self) -> Month {
        Month::of_time(&self.to_string()).expect("a valid time")
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", humantime::format_rfc3339_seconds(self.0))
    }
}

impl FromStr for Timestamp {
    type Err = String;

    fn from_str(text: &str) -> Result<Timestamp, String> {
        Timestamp::parse(text).ok_or_else(|| format!("`{text}` is not an RFC 3339 time such as 2027-12-01T00:00:00Z"))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Timestamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Timestamp> {
        let text = value.as_str()?;
        Timestamp::parse(text).ok_or_else(|| FromSqlError::Other(format!("`{text}` is not a time").into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn times_are_read_and_written_in_one_form() {
        assert_eq!(at("2027-12-01T00:00:00Z").to_string(), "2027-12-01T00:00:00Z");
        assert_eq!(at(" 2027-12-01T01:30:00.25Z ").to_string(), "2027-12-01T01:30:00Z");
        assert!("next tuesday".parse::<Timestamp>().is_err());
        assert_eq!(Timestamp::now().to_string().len(), "2026-11-29T10:00:00Z".len());
        assert_eq!(Timestamp::from_unix(at("2026-11-29T10:00:00Z").unix()), at("2026-11-29T10:00:00Z"));
        assert_eq!(at("2026-11-29T10:00:00Z").month(), Month { year: 2026, month: 11 });
    }

    #[test]
    fn twelve_months_before_is_the_same_day_a_year_earlier() {
        assert_eq!(at("2027-12-01T00:00:00Z").twelve_months_before(), at("2026-12-01T00:00:00Z"));
        assert_eq!(at("2028-02-29T12:00:00Z").twelve_months_before(), at("2027-02-28T12:00:00Z"));
        // Text order is time order in this form.
        assert!("2026-11-30T23:59:59Z" < "2026-12-01T00:00:00Z");
        assert!(at("2026-11-30T23:59:59Z") < at("2026-12-01T00:00:00Z"));
    }
}
