//! Dates moved together with all later ones (`RECURRENCE-ID;RANGE=THISANDFUTURE`): from the
//! date it names on, every date of the series moves by the same offset, takes the moved
//! date's length when it gives one, and what else it changes (title, place…), until a later
//! such date takes over. The date it names is itself a moved date, read as the others.

use crate::event::{Details, Length, Timing};
use crate::shown::Shown;
use crate::when::When;
use crate::zones::Zones;
use calcard::icalendar::{ICalendarComponent, ICalendarParameterName, ICalendarParameterValue, ICalendarProperty};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// One change of all the dates from `from` on.
pub(crate) struct Future {
    from: DateTime<Utc>,
    shift: Length,
    pub(crate) length: Option<Length>,
    pub(crate) shown: Shown,
}

/// A series' changes of all later dates, by the date they start from.
pub(crate) struct Futures(Vec<Future>);

impl Futures {
    /// Those among a series' moved dates (by the instant they replace); `start`, `details`
    /// and `shown` are the series'.
    pub(crate) fn of(
        moved: &BTreeMap<DateTime<Utc>, &ICalendarComponent>,
        start: When,
        zones: &Zones<'_>,
        details: &Details,
        shown: &Shown,
    ) -> Futures {
        let cal = zones.calendar;
        let mut all = Vec::new();
        for (&from, &c) in moved {
            let Some(entry) = c.property(&ICalendarProperty::RecurrenceId).filter(|e| {
                e.params.iter().any(|p| {
                    p.name == ICalendarParameterName::Range && matches!(&p.value, ICalendarParameterValue::Bool(true))
                })
            }) else {
                continue;
            };
            let Some(original) = When::first(entry, start.zone(), zones).map(|w| w.as_kind_of(start)) else {
                continue;
            };
            let own = Timing::of(c, zones).ok();
            all.push(Future {
                from,
                shift: own.map_or(Length::Exact(TimeDelta::zero()), |own| Length::between(original, own.start, cal)),
                length: own.and_then(|own| own.length),
                shown: shown.moved(&Details::of(c), details),
            });
        }
        Futures(all)
    }

    /// The change that applies to the date first planned at `instant`: the latest one
    /// starting before it.
    pub(crate) fn at(&self, instant: DateTime<Utc>) -> Option<&Future> {
        self.0.iter().rev().find(|f| f.from < instant)
    }
}

impl Future {
    /// `start` moved by the offset: on the wall clock when the moved date was on the same one.
    pub(crate) fn apply(&self, start: When, cal: Tz) -> When {
        match self.shift {
            Length::Wall(d) => start.later(d).unwrap_or(start),
            Length::Exact(d) => {
                start.instant(cal).checked_add_signed(d).map_or(start, |moved| start.for_instant(moved, cal))
            }
        }
    }
}
