//! One VEVENT's properties as the rest of the crate needs them: its start and length, and
//! the texts and flags a moved date of a series may change (the rest it takes from the series).

use crate::text::clean;
use crate::when::When;
use crate::zones::Zones;
use calcard::icalendar::{ICalendarComponent, ICalendarProperty, ICalendarValue};
use chrono::{DateTime, TimeDelta, Utc};

/// How long an event lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Length {
    /// On the wall clock: 18:30 to 21:00 stays so on the night the clocks change, and a
    /// date to the next is one day.
    Wall(TimeDelta),
    /// A fixed time (between UTC times, or times in two zones).
    Exact(TimeDelta),
}

impl Length {
    /// From `start` to `end`: on the wall clock when both are on the same one.
    pub(crate) fn between(start: When, end: When, cal: chrono_tz::Tz) -> Length {
        match (start, end) {
            (When::Date(_), _) | (When::Floating(_), When::Floating(_)) => Length::Wall(end.naive() - start.naive()),
            (When::Zoned(_, a), When::Zoned(_, b)) if a == b => Length::Wall(end.naive() - start.naive()),
            _ => Length::Exact(end.instant(cal) - start.instant(cal)),
        }
    }

    /// A DURATION from `start`: days of an all-day event are days on the calendar.
    pub(crate) fn of_duration(start: When, delta: TimeDelta) -> Length {
        if start.is_date() {
            Length::Wall(delta)
        } else {
            Length::Exact(delta)
        }
    }

    /// Whether it is a length at all (an end before the start is dropped, not trusted).
    pub(crate) fn is_positive(&self) -> bool {
        matches!(self, Length::Wall(d) | Length::Exact(d) if *d > TimeDelta::zero())
    }
}

/// When an event starts and how long it lasts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timing {
    pub(crate) start: When,
    /// `None`: no end given, or one that is not after the start (dropped rather than trusted).
    pub(crate) length: Option<Length>,
}

impl Timing {
    /// The start and length of `c`; `Err` says why it has none ("no start").
    pub(crate) fn of(c: &ICalendarComponent, zones: &Zones<'_>) -> Result<Timing, String> {
        let entry = c.property(&ICalendarProperty::Dtstart).ok_or("no start")?;
        let start = When::first(entry, None, zones).ok_or_else(|| {
            let value = entry.values.first().and_then(|v| v.as_text()).unwrap_or_default();
            format!("an unreadable start ({})", clean(value, 40))
        })?;
        let cal = zones.calendar;
        let from_end = c
            .property(&ICalendarProperty::Dtend)
            .and_then(|e| When::first(e, start.zone(), zones))
            .map(|end| Length::between(start, end, cal));
        let from_duration = || match c.property(&ICalendarProperty::Duration)?.values.first()? {
            ICalendarValue::Duration(d) => Some(Length::of_duration(start, d.to_time_delta()?)),
            _ => None,
        };
        let length = from_end.filter(Length::is_positive).or_else(|| from_duration().filter(Length::is_positive));
        // A date without a (sensible) end is that one day.
        let length = length.or(start.is_date().then_some(Length::Wall(TimeDelta::days(1))));
        Ok(Timing { start, length })
    }

    /// The end of the occurrence starting at `start`, if it is after the start.
    pub(crate) fn end_at(&self, start: When, cal: chrono_tz::Tz) -> Option<DateTime<Utc>> {
        let from = start.instant(cal);
        let end = match self.length? {
            // A start moved forward out of a daylight-saving gap keeps its length.
            Length::Wall(d) => {
                start.later(d).map(|end| end.instant(cal)).filter(|end| *end > from).or(from.checked_add_signed(d))
            }
            Length::Exact(d) => from.checked_add_signed(d),
        }?;
        (end > from).then_some(end)
    }
}

/// The properties a moved date may change; `None` when the component does not say, so that
/// it takes the series' value.
#[derive(Clone, Debug, Default)]
pub(crate) struct Details {
    pub(crate) summary: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) cancelled: Option<bool>,
    pub(crate) last_modified: Option<DateTime<Utc>>,
    pub(crate) sequence: Option<u32>,
}

impl Details {
    pub(crate) fn of(c: &ICalendarComponent) -> Details {
        Details {
            summary: text(c, &ICalendarProperty::Summary),
            location: text(c, &ICalendarProperty::Location),
            url: text(c, &ICalendarProperty::Url),
            description: text(c, &ICalendarProperty::Description),
            cancelled: text(c, &ICalendarProperty::Status).map(|s| s.trim().eq_ignore_ascii_case("CANCELLED")),
            last_modified: c.property(&ICalendarProperty::LastModified).and_then(|e| {
                let parts = e.values.first()?.as_partial_date_time()?.to_date_time()?;
                // Always UTC by the standard; an offset is honoured, a floating time taken as UTC.
                let offset = parts.offset.map_or(0, |o| o.local_minus_utc());
                Some(parts.date_time.checked_sub_signed(TimeDelta::seconds(offset.into()))?.and_utc())
            }),
            sequence: sequence(c),
        }
    }
}

/// A text property (calcard has already undone the escapes: `\,` `\;` `\n` `\\`).
pub(crate) fn text(c: &ICalendarComponent, prop: &ICalendarProperty) -> Option<String> {
    let parts: Vec<&str> = c.property(prop)?.values.iter().filter_map(|v| v.as_text()).collect();
    (!parts.is_empty()).then(|| parts.join(","))
}

/// SEQUENCE, negative values as 0.
pub(crate) fn sequence(c: &ICalendarComponent) -> Option<u32> {
    match c.property(&ICalendarProperty::Sequence)?.values.first()? {
        ICalendarValue::Integer(n) => Some(u32::try_from((*n).max(0)).unwrap_or(u32::MAX)),
        other => other.as_text()?.trim().parse().ok(),
    }
}
