//! A zone as a feed's VTIMEZONE defines it (its STANDARD and DAYLIGHT parts: each onset, from
//! DTSTART, RRULE and RDATE, and the offset it brings, TZOFFSETTO), for a TZID no zone
//! database names: "UTC+11", "Customized Time Zone", a company's own. Its offsets decide
//! which IANA zone it is, or, when none has them, its times are read by its rules.

use crate::expand::{expand, Budget, FEED_BUDGET};
use crate::when::When;
use calcard::icalendar::{ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarProperty, ICalendarValue};
use chrono::{DateTime, Datelike, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// The offsets of a zone over a span of time: `before` until the first change.
pub(crate) struct OwnZone {
    before: i32,
    /// When the offset changes, and to what (seconds east of UTC), in order.
    changes: Vec<(DateTime<Utc>, i32)>,
}

impl OwnZone {
    /// The rules of `vtz` over `span`; `None` when it has no offset to read.
    pub(crate) fn of(ical: &ICalendar, vtz: &ICalendarComponent, span: (DateTime<Utc>, DateTime<Utc>)) -> Option<Self> {
        let mut changes = Vec::new();
        let mut first: Option<(NaiveDateTime, i32)> = None;
        let mut budget = Budget(FEED_BUDGET);
        // From a year before: the offset at the start of the span is the last change's.
        let year = TimeDelta::days(400);
        let read = (span.0.checked_sub_signed(year).unwrap_or(span.0), span.1);
        for id in &vtz.component_ids {
            let Some(part) = ical.components.get(*id as usize) else { continue };
            if !matches!(part.component_type, ICalendarComponentType::Standard | ICalendarComponentType::Daylight) {
                continue;
            }
            let (Some(to), from) =
                (offset(part, &ICalendarProperty::Tzoffsetto), offset(part, &ICalendarProperty::Tzoffsetfrom))
            else {
                continue;
            };
            let from = from.unwrap_or(to);
            let Some(start) = part
                .property(&ICalendarProperty::Dtstart)
                .and_then(|e| e.values.first()?.as_partial_date_time()?.to_date_time())
                .map(|p| p.date_time)
            else {
                continue;
            };
            // Onsets are on the wall clock of the offset before them.
            let mut onsets = vec![start];
            for rule in part.properties(&ICalendarProperty::Rrule).filter_map(|e| match e.values.first() {
                Some(ICalendarValue::RecurrenceRule(rule)) => Some(rule),
                _ => None,
            }) {
                let dates = expand(rule, When::Floating(start), chrono_tz::UTC, read, &mut budget).unwrap_or_default();
                onsets.extend(dates.into_iter().map(When::naive));
            }
            for entry in part.properties(&ICalendarProperty::Rdate) {
                onsets.extend(
                    entry.values.iter().filter_map(|v| Some(v.as_partial_date_time()?.to_date_time()?.date_time)),
                );
            }
            if first.is_none_or(|(at, _)| start < at) {
                first = Some((start, from));
            }
            for onset in onsets {
                if let Some(at) = onset.checked_sub_signed(TimeDelta::seconds(from.into())) {
                    changes.push((at.and_utc(), to));
                }
            }
        }
        changes.sort();
        Some(OwnZone { before: first?.1, changes })
    }

    /// The offset in effect at `t`, in seconds east of UTC.
    pub(crate) fn offset_at(&self, t: DateTime<Utc>) -> i32 {
        self.changes.iter().take_while(|(at, _)| *at <= t).last().map_or(self.before, |&(_, to)| to)
    }

    /// A wall-clock time in this zone as an instant: of a time that happens twice, the first,
    /// as for other zones ([`crate::zones::local_to_utc`]); one skipped, by the offset before.
    pub(crate) fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let offsets = std::iter::once(self.before).chain(self.changes.iter().map(|&(_, to)| to));
        let at = |off: i32| local.checked_sub_signed(TimeDelta::seconds(off.into())).map(|n| n.and_utc());
        let first = offsets.filter_map(|off| at(off).filter(|t| self.offset_at(*t) == off)).min();
        first.or_else(|| at(self.before)).unwrap_or_else(|| local.and_utc())
    }

    /// An IANA zone with the same offsets all through `span`: the calendar's own first, then
    /// a fixed `Etc` zone, then any.
    pub(crate) fn same_as(&self, calendar: Tz, span: (DateTime<Utc>, DateTime<Utc>)) -> Option<Tz> {
        let mut samples: Vec<DateTime<Utc>> = Vec::new();
        for &(at, _) in &self.changes {
            if at > span.0 && at < span.1 {
                samples.extend([at - TimeDelta::minutes(1), at]);
            }
        }
        for year in span.0.year()..=span.1.year() {
            for month in [1, 4, 7, 10] {
                // Only inside the span: its rules were read for it alone.
                let t = Utc.with_ymd_and_hms(year, month, 15, 12, 0, 0).single();
                samples.extend(t.filter(|t| *t >= span.0 && *t < span.1));
            }
        }
        let same = |tz: &Tz| {
            samples.iter().all(|t| t.with_timezone(tz).offset().fix().local_minus_utc() == self.offset_at(*t))
        };
        let fixed = samples.first().map(|t| self.offset_at(*t)).filter(|off| off % 3600 == 0).and_then(|off| {
            // The Etc names count the other way round: Etc/GMT-11 is UTC+11.
            match off / 3600 {
                0 => "Etc/UTC".parse().ok(),
                h if h > 0 => format!("Etc/GMT-{h}").parse().ok(),
                h => format!("Etc/GMT+{}", -h).parse().ok(),
            }
        });
        std::iter::once(calendar).chain(fixed).chain(chrono_tz::TZ_VARIANTS).find(same)
    }
}

/// TZOFFSETTO or TZOFFSETFROM in seconds east of UTC.
fn offset(part: &ICalendarComponent, prop: &ICalendarProperty) -> Option<i32> {
    match part.property(prop)?.values.first()? {
        ICalendarValue::PartialDateTime(p) => {
            let secs = i32::from(p.tz_hour?) * 3600 + i32::from(p.tz_minute.unwrap_or(0)) * 60;
            Some(if p.tz_minus { -secs } else { secs })
        }
        _ => None,
    }
}
