//! The four kinds of date a feed writes (UTC, in a named zone, floating, date only) and how
//! each becomes an instant and a zone to show it in.

use crate::zones::{local_to_utc, Zones};
use calcard::common::PartialDateTime;
use calcard::icalendar::ICalendarEntry;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;

/// A DTSTART, DTEND, EXDATE, RDATE or RECURRENCE-ID value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    /// `…Z`, or with an explicit offset (normalised to UTC).
    Utc(NaiveDateTime),
    /// With a TZID that could be resolved.
    Zoned(NaiveDateTime, Tz),
    /// Neither: read in the calendar's zone.
    Floating(NaiveDateTime),
    /// VALUE=DATE: an all-day event, from midnight in the calendar's zone.
    Date(NaiveDate),
}

impl When {
    /// A value of `entry`: its TZID, else `inherit` (EXDATE and RECURRENCE-ID without a TZID
    /// are in the zone of the event's start). `None` for impossible dates (February 30).
    pub(crate) fn of(
        entry: &ICalendarEntry,
        value: &PartialDateTime,
        inherit: Option<Tz>,
        zones: &Zones<'_>,
    ) -> Option<When> {
        let parts = value.to_date_time()?;
        if !value.has_time() {
            return Some(When::Date(parts.date_time.date()));
        }
        if let Some(offset) = parts.offset {
            let utc = parts.date_time.checked_sub_signed(TimeDelta::seconds(offset.local_minus_utc().into()))?;
            return Some(When::Utc(utc));
        }
        if let Some(utc) = entry.tz_id().and_then(|id| zones.own_to_utc(id, parts.date_time)) {
            return Some(When::Utc(utc.naive_utc()));
        }
        match entry.tz_id().and_then(|id| zones.resolve(id)).or(inherit) {
            Some(tz) => Some(When::Zoned(parts.date_time, tz)),
            None => Some(When::Floating(parts.date_time)),
        }
    }

    /// The first date-time of `entry`.
    pub(crate) fn first(entry: &ICalendarEntry, inherit: Option<Tz>, zones: &Zones<'_>) -> Option<When> {
        When::of(entry, entry.values.first()?.as_partial_date_time()?, inherit, zones)
    }

    /// As a date of a series of `start`'s kind: a date-time naming a date of an all-day
    /// series (Exchange writes `RECURRENCE-ID;TZID=GMT Standard Time:20200416T000000`) is
    /// that day, the one on its own wall clock, or for UTC the day whose midnight is nearest
    /// (a zone's midnight is at most 14 hours from UTC's). Otherwise it is itself.
    pub(crate) fn as_kind_of(self, start: When) -> When {
        match (start, self) {
            (When::Date(_), When::Zoned(n, _) | When::Floating(n)) => When::Date(n.date()),
            (When::Date(_), When::Utc(n)) => {
                When::Date(n.checked_add_signed(TimeDelta::hours(12)).map_or(n.date(), |later| later.date()))
            }
            _ => self,
        }
    }

    /// The zone it names, for the values that inherit it.
    pub(crate) fn zone(self) -> Option<Tz> {
        match self {
            When::Zoned(_, tz) => Some(tz),
            _ => None,
        }
    }

    /// The zone it is shown in.
    pub(crate) fn display_zone(self, calendar: Tz) -> Tz {
        self.zone().unwrap_or(calendar)
    }

    pub(crate) fn is_date(self) -> bool {
        matches!(self, When::Date(_))
    }

    /// The instant it stands for.
    pub(crate) fn instant(self, calendar: Tz) -> DateTime<Utc> {
        match self {
            When::Utc(n) => n.and_utc(),
            When::Zoned(n, tz) => local_to_utc(tz, n),
            When::Floating(n) => local_to_utc(calendar, n),
            When::Date(d) => local_to_utc(calendar, d.and_time(NaiveTime::MIN)),
        }
    }

    /// Its wall-clock time (midnight for a date).
    pub(crate) fn naive(self) -> NaiveDateTime {
        match self {
            When::Utc(n) | When::Zoned(n, _) | When::Floating(n) => n,
            When::Date(d) => d.and_time(NaiveTime::MIN),
        }
    }

    /// The same kind of value at another wall-clock time.
    pub(crate) fn at(self, naive: NaiveDateTime) -> When {
        match self {
            When::Utc(_) => When::Utc(naive),
            When::Zoned(_, tz) => When::Zoned(naive, tz),
            When::Floating(_) => When::Floating(naive),
            When::Date(_) => When::Date(naive.date()),
        }
    }

    /// The same kind of value for `instant` (a moved date without a start keeps its slot).
    pub(crate) fn for_instant(self, instant: DateTime<Utc>, calendar: Tz) -> When {
        match self {
            When::Utc(_) => When::Utc(instant.naive_utc()),
            _ => self.at(instant.with_timezone(&self.display_zone(calendar)).naive_local()),
        }
    }

    /// Shifted by `by` on the wall clock (an 18:30 meeting of two hours ends at 20:30 local
    /// time even on the night the clocks change).
    pub(crate) fn later(self, by: TimeDelta) -> Option<When> {
        Some(self.at(self.naive().checked_add_signed(by)?))
    }
}
