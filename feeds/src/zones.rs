//! Time zones as feeds name them (IANA names, Windows names such as `W. Europe Standard
//! Time`, `/mozilla.org/…` prefixes, Outlook's "Customized Time Zone") resolved to IANA
//! zones, and local wall-clock times turned into instants.

use calcard::common::timezone::Tz as CalTz;
use calcard::icalendar::timezone::TzResolver;
use calcard::icalendar::{ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarProperty, ICalendarValue};
use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// The zones of one calendar.
pub(crate) struct Zones<'a> {
    resolver: TzResolver<&'a str>,
    /// TZIDs calcard does not know, guessed from their VTIMEZONE's offsets.
    guessed: HashMap<String, Tz>,
    /// The calendar's own zone (X-WR-TIMEZONE), else the default given to `parse`: floating
    /// times and dates are read in it, and UTC times shown in it.
    pub(crate) calendar: Tz,
}

impl<'a> Zones<'a> {
    pub(crate) fn new(ical: &'a ICalendar, default: Tz) -> Self {
        let resolver = ical.build_tz_resolver();
        let calendar = ical
            .components
            .first()
            .and_then(|root| {
                root.entries
                    .iter()
                    .find(|e| matches!(&e.name, ICalendarProperty::Other(n) if n.eq_ignore_ascii_case("X-WR-TIMEZONE")))
            })
            .and_then(|e| e.values.first()?.as_text())
            .and_then(|id| to_chrono_tz(resolver.resolve(id.trim())?))
            .unwrap_or(default);
        let mut guessed = HashMap::new();
        for vtz in ical.timezones() {
            let Some(tzid) = vtz.property(&ICalendarProperty::Tzid).and_then(|e| e.values.first()?.as_text()) else {
                continue;
            };
            if resolver.resolve(tzid).and_then(to_chrono_tz).is_none() {
                if let Some(tz) = guess_from_offsets(ical, vtz, calendar) {
                    guessed.insert(tzid.to_owned(), tz);
                }
            }
        }
        Zones { resolver, guessed, calendar }
    }

    /// The IANA zone a TZID names, if it can be told.
    pub(crate) fn resolve(&self, tzid: &str) -> Option<Tz> {
        self.resolver.resolve(tzid).and_then(to_chrono_tz).or_else(|| self.guessed.get(tzid).copied())
    }
}

/// calcard's zone as a chrono-tz zone; a fixed offset of whole hours becomes `Etc/GMT±N`.
fn to_chrono_tz(tz: CalTz) -> Option<Tz> {
    match tz {
        CalTz::Tz(tz) => Some(tz),
        CalTz::Fixed(offset) => {
            let secs = offset.local_minus_utc();
            if secs % 3600 != 0 {
                return None;
            }
            // The Etc names count the other way round: Etc/GMT-1 is UTC+1.
            let name = match secs / 3600 {
                0 => "Etc/UTC".to_owned(),
                h if h > 0 => format!("Etc/GMT-{h}"),
                h => format!("Etc/GMT+{}", -h),
            };
            name.parse().ok()
        }
        CalTz::Floating => None,
    }
}

/// For a VTIMEZONE with a name nobody knows (Outlook writes "Customized Time Zone" for an
/// edited zone): a well-known zone with the same standard and daylight offsets, preferring
/// the calendar's own.
fn guess_from_offsets(ical: &ICalendar, vtz: &ICalendarComponent, calendar: Tz) -> Option<Tz> {
    let mut standard = None;
    let mut daylight = None;
    for id in &vtz.component_ids {
        let Some(sub) = ical.components.get(*id as usize) else { continue };
        let offset = sub.property(&ICalendarProperty::Tzoffsetto).and_then(|e| match e.values.first() {
            Some(ICalendarValue::PartialDateTime(p)) => {
                let secs = i32::from(p.tz_hour?) * 3600 + i32::from(p.tz_minute.unwrap_or(0)) * 60;
                Some(if p.tz_minus { -secs } else { secs })
            }
            _ => None,
        });
        match sub.component_type {
            ICalendarComponentType::Standard => standard = offset.or(standard),
            ICalendarComponentType::Daylight => daylight = offset.or(daylight),
            _ => {}
        }
    }
    let standard = standard?;
    let daylight = daylight.unwrap_or(standard);
    let wanted = (standard.min(daylight), standard.max(daylight));
    use chrono_tz::{America, Asia, Australia, Europe, Pacific, UTC};
    let known = [
        Europe::Berlin,
        Europe::London,
        Europe::Helsinki,
        Europe::Moscow,
        America::New_York,
        America::Chicago,
        America::Denver,
        America::Phoenix,
        America::Los_Angeles,
        America::Sao_Paulo,
        Asia::Kolkata,
        Asia::Shanghai,
        Asia::Tokyo,
        Australia::Sydney,
        Pacific::Auckland,
        UTC,
    ];
    std::iter::once(calendar).chain(known).find(|&tz| yearly_offsets(tz) == Some(wanted))
}

/// A zone's (smaller, larger) offset over a year, from mid-January and mid-July.
fn yearly_offsets(tz: Tz) -> Option<(i32, i32)> {
    let offset = |month| {
        let utc = Utc.with_ymd_and_hms(2026, month, 15, 12, 0, 0).single()?;
        Some(utc.with_timezone(&tz).offset().fix().local_minus_utc())
    };
    let (a, b) = (offset(1)?, offset(7)?);
    Some((a.min(b), a.max(b)))
}

/// A wall-clock time in `tz` as an instant. A time skipped by a change to daylight saving
/// (02:30 on the last Sunday of March in Berlin) is moved forward by the gap, as calendar
/// programs do; a time that happens twice (the autumn change) is the first of the two.
pub(crate) fn local_to_utc(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(d) | LocalResult::Ambiguous(d, _) => d.with_timezone(&Utc),
        LocalResult::None => naive
            .checked_add_signed(TimeDelta::hours(1))
            .and_then(|later| tz.from_local_datetime(&later).earliest())
            .map_or_else(|| naive.and_utc(), |d| d.with_timezone(&Utc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).unwrap()
    }

    #[test]
    fn gaps_move_forward_and_repeated_times_take_the_first() {
        let berlin = chrono_tz::Europe::Berlin;
        // 2026-03-29 02:30 does not exist in Berlin: it becomes 03:30 CEST (01:30 UTC).
        assert_eq!(local_to_utc(berlin, at(2026, 3, 29, 2, 30)), Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap());
        // 2026-10-25 02:30 happens twice: the first is still CEST (00:30 UTC).
        assert_eq!(
            local_to_utc(berlin, at(2026, 10, 25, 2, 30)),
            Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap()
        );
    }

    #[test]
    fn fixed_offsets_become_etc_zones() {
        let east = chrono::FixedOffset::east_opt(3600).unwrap();
        assert_eq!(to_chrono_tz(CalTz::Fixed(east)), Some(chrono_tz::Etc::GMTMinus1));
        let west = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        assert_eq!(to_chrono_tz(CalTz::Fixed(west)), Some(chrono_tz::Etc::GMTPlus5));
        let odd = chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        assert_eq!(to_chrono_tz(CalTz::Fixed(odd)), None);
    }
}
