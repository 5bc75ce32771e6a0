//! Time zones as feeds name them (IANA names, Windows names such as `W. Europe Standard
//! Time`, vendors' prefixes such as `/freeassociation.sourceforge.net/`, names only the
//! feed's VTIMEZONE defines, such as Outlook's "Customized Time Zone") resolved to IANA
//! zones or read by the feed's own rules, and local wall-clock times turned into instants.
//! A zone read by its own rules, or not known at all, is said in a warning, never guessed.

use crate::own_zone::OwnZone;
use crate::text::clean;
use calcard::common::timezone::Tz as CalTz;
use calcard::icalendar::timezone::TzResolver;
use calcard::icalendar::{ICalendar, ICalendarProperty};
use chrono::{DateTime, LocalResult, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// How much of a zone's name a warning quotes.
const QUOTE_MAX: usize = 60;

/// The zones of one calendar.
pub(crate) struct Zones<'a> {
    resolver: TzResolver<&'a str>,
    /// TZIDs nobody names whose VTIMEZONE has the rules of a known zone.
    matched: HashMap<String, Tz>,
    /// TZIDs nobody names whose VTIMEZONE has rules of its own: times are read by them.
    own: HashMap<String, OwnZone>,
    /// What staff should know: zones read by their own rules, or not known at all.
    pub(crate) warnings: Vec<String>,
    /// The calendar's own zone (X-WR-TIMEZONE), else the default given to `parse`: floating
    /// times and dates are read in it, and UTC times shown in it.
    pub(crate) calendar: Tz,
}

impl<'a> Zones<'a> {
    /// The zones of `ical`, the rules of those it defines read over `span`.
    pub(crate) fn new(ical: &'a ICalendar, default: Tz, span: (DateTime<Utc>, DateTime<Utc>)) -> Self {
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
            .and_then(|id| named(&resolver, id.trim()))
            .unwrap_or(default);
        let mut zones =
            Zones { resolver, matched: HashMap::new(), own: HashMap::new(), warnings: Vec::new(), calendar };
        for vtz in ical.timezones() {
            let Some(tzid) = vtz.property(&ICalendarProperty::Tzid).and_then(|e| e.values.first()?.as_text()) else {
                continue;
            };
            if named(&zones.resolver, tzid).is_some() || zones.matched.contains_key(tzid) {
                continue;
            }
            let Some(own) = OwnZone::of(ical, vtz, span) else { continue };
            match own.same_as(calendar, span) {
                Some(tz) => {
                    zones.matched.insert(tzid.to_owned(), tz);
                }
                None => {
                    zones.warnings.push(format!(
                        "zone “{}”: its rules are no known zone's, so it is read by them, and a repeating event in \
                         it keeps the UTC time of its first date",
                        clean(tzid, QUOTE_MAX)
                    ));
                    zones.own.insert(tzid.to_owned(), own);
                }
            }
        }
        // Names used without a definition: never read as UTC in silence.
        let mut unknown: Vec<&str> = ical
            .components
            .iter()
            .flat_map(|c| c.entries.iter())
            .filter_map(|e| e.tz_id())
            .filter(|id| !id.trim().is_empty() && zones.resolve(id).is_none() && !zones.own.contains_key(*id))
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        for id in unknown {
            zones.warnings.push(format!(
                "zone “{}”: unknown and not defined in the feed, so its times are read in the calendar's zone ({})",
                clean(id, QUOTE_MAX),
                calendar.name()
            ));
        }
        zones
    }

    /// The IANA zone a TZID names, if it can be told.
    pub(crate) fn resolve(&self, tzid: &str) -> Option<Tz> {
        named(&self.resolver, tzid).or_else(|| self.matched.get(tzid).copied())
    }

    /// A wall-clock time in a zone that only the feed defines, as an instant.
    pub(crate) fn own_to_utc(&self, tzid: &str, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        Some(self.own.get(tzid)?.to_utc(local))
    }
}

/// The zone a name gives: an IANA or Windows name (calcard's resolver), or a "globally
/// unique" one whose vendor prefix hides an IANA name (Evolution's
/// `/freeassociation.sourceforge.net/Tzfile/Europe/Berlin`, Mozilla's
/// `/mozilla.org/20070129_1/Europe/Berlin`): the longest IANA name that ends it.
fn named(resolver: &TzResolver<&str>, tzid: &str) -> Option<Tz> {
    resolver.resolve(tzid).and_then(to_chrono_tz).or_else(|| {
        let path = tzid.strip_prefix('/')?;
        let parts: Vec<&str> = path.split('/').collect();
        (1..parts.len()).find_map(|from| parts.get(from..)?.join("/").parse().ok())
    })
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
