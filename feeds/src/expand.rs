//! Repeating events (RRULE) expanded inside a window with the `rrule` crate, with bounded
//! work: rules repeating more than once a day are refused, a series that began years ago is
//! moved forward to just before the window instead of being walked from its start (unless
//! it has a COUNT), and a feed has a budget of work (see [`Budget`]).
//!
//! Rules repeat on the wall clock (18:30 stays 18:30 across daylight saving), so they are
//! expanded on naive local times, as if in UTC, and each date is placed in its zone after.
//! And they are expanded 400·n years later, near the year 10000 where `rrule` stops: the
//! Gregorian calendar repeats itself every 400 years (weekdays, leap years), so the dates
//! are the same, but a rule that never matches (30 February) gives up after a few hundred
//! years of search instead of thousands.

use crate::text::clean;
use crate::when::When;
use calcard::icalendar::{ICalendarFrequency, ICalendarRecurrenceRule, ICalendarWeekday};
use chrono::{DateTime, Datelike, Month, Months, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use rrule::{Frequency, NWeekday, RRule, Unvalidated};

/// The work one feed may cause, in days walked and dates made: about 130 series repeating
/// in a two-year window, which no group has, and a bound on what a hostile feed can cost.
pub(crate) const FEED_BUDGET: u32 = 400_000;
/// What a series costs besides its days and dates: after the window `rrule` may search up to
/// a few hundred years for a date of a rule that matches nothing (30 February), so this
/// bounds how many such searches a feed can ask for.
const SERIES_COST: u32 = 2_000;
/// The last year `rrule` reaches (it stops at 10000); the expansion is moved just below it.
const LAST_YEAR: i32 = 9_998;

/// The work a feed may still cause: each series costs [`SERIES_COST`], each day from where
/// its expansion starts to the end of the window (`rrule` steps through them), and each
/// date it makes. A series with a COUNT is walked from its DTSTART, so one from the year 1
/// is refused rather than walked.
pub(crate) struct Budget(pub(crate) u32);

impl Budget {
    fn spend(&mut self, n: u32) -> Result<(), String> {
        self.0 = self.0.checked_sub(n).ok_or("the feed repeats too many dates to read them all")?;
        Ok(())
    }
}

/// The starts of the occurrences of a series beginning at `start` (its DTSTART) that fall in
/// `[from, until)`; `cal` is the calendar's zone (for floating times and dates). `Err` says,
/// for staff, why the rule is not expanded.
pub(crate) fn expand(
    rule: &ICalendarRecurrenceRule,
    start: When,
    cal: Tz,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
    budget: &mut Budget,
) -> Result<Vec<When>, String> {
    expand_with(rule, start, cal, (from, until), budget, true)
}

fn expand_with(
    rule: &ICalendarRecurrenceRule,
    start: When,
    cal: Tz,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
    budget: &mut Budget,
    skip_ahead: bool,
) -> Result<Vec<When>, String> {
    let freq = match rule.freq {
        ICalendarFrequency::Yearly => Frequency::Yearly,
        ICalendarFrequency::Monthly => Frequency::Monthly,
        ICalendarFrequency::Weekly => Frequency::Weekly,
        ICalendarFrequency::Daily => Frequency::Daily,
        // A meeting does not repeat every hour; from an old DTSTART such a rule is also the
        // costliest to walk.
        ICalendarFrequency::Hourly | ICalendarFrequency::Minutely | ICalendarFrequency::Secondly => {
            return Err(format!("repeats more often than daily (FREQ={}), which is not supported", freq_name(rule)));
        }
    };
    if rule.byhour.len() > 1 || rule.byminute.len() > 1 || rule.bysecond.len() > 1 {
        return Err("repeats several times a day, which is not supported".into());
    }
    if rule.rscale.is_some() {
        return Err("uses a non-Gregorian calendar (RSCALE), which is not supported".into());
    }
    budget.spend(SERIES_COST)?;
    // The wall clock the rule repeats on: a date's is the calendar's (for UNTIL in UTC).
    let wall_zone = match start {
        When::Utc(_) => chrono_tz::UTC,
        When::Zoned(_, tz) => tz,
        When::Floating(_) | When::Date(_) => cal,
    };
    let wall = |t: DateTime<Utc>| t.with_timezone(&wall_zone).naive_local();
    // A margin for zones: a date's midnight is up to 14 hours away from UTC's.
    let margin = TimeDelta::days(2);
    let low = wall(from.checked_sub_signed(margin).unwrap_or(from));
    let high = wall(until.checked_add_signed(margin).unwrap_or(until));
    let first = start.naive();
    let last = match &rule.until {
        Some(u) => Some(until_wall(u, wall_zone)?),
        None => None,
    };
    // UNTIL before DTSTART: the start alone is the series (the caller adds it).
    if first >= high || last.is_some_and(|last| last < low || last < first) {
        return Ok(Vec::new());
    }
    let interval = rule.interval.unwrap_or(1).max(1);
    let ahead = if skip_ahead && rule.count.is_none() { skip_to(freq, u32::from(interval), first, low) } else { None };
    let cycles = (LAST_YEAR - high.year()).max(0) / 400;
    let shift = Months::new(u32::try_from(cycles).unwrap_or(0) * 400 * 12);
    let later = |n: NaiveDateTime| n.checked_add_months(shift).ok_or("its dates are out of range");
    let walk = (high - ahead.unwrap_or(first)).num_days();
    budget.spend(u32::try_from(walk).unwrap_or(u32::MAX))?;
    let mut r = to_rrule(rule, freq, interval);
    if ahead.is_some() {
        r = with_start_defaults(r, rule, freq, first);
    }
    // Nothing after the window is needed: stopping there also ends the search of a sparse rule.
    let end = last.map_or(high, |last| last.min(high));
    r = r.until(later(end)?.and_utc().with_timezone(&rrule::Tz::UTC));
    let dtstart = later(ahead.unwrap_or(first))?.and_utc().with_timezone(&rrule::Tz::UTC);
    let set = r
        .build(dtstart)
        .map_err(|e| format!("its recurrence rule is not valid ({})", clean(&e.to_string(), 100)))?
        .limit();
    let mut starts = Vec::new();
    for d in &set {
        let Some(naive) = d.naive_utc().checked_sub_months(shift) else { break };
        if naive >= high {
            break;
        }
        budget.spend(1)?;
        let when = start.at(naive);
        let instant = when.instant(cal);
        if instant >= from && instant < until {
            starts.push(when);
        }
    }
    Ok(starts)
}

fn freq_name(rule: &ICalendarRecurrenceRule) -> &'static str {
    match rule.freq {
        ICalendarFrequency::Secondly => "SECONDLY",
        ICalendarFrequency::Minutely => "MINUTELY",
        ICalendarFrequency::Hourly => "HOURLY",
        ICalendarFrequency::Daily => "DAILY",
        ICalendarFrequency::Weekly => "WEEKLY",
        ICalendarFrequency::Monthly => "MONTHLY",
        ICalendarFrequency::Yearly => "YEARLY",
    }
}

/// UNTIL on the series' wall clock. It is in UTC by the standard when DTSTART has a zone,
/// but feeds also write it as a local time or a date (the whole of that day).
fn until_wall(until: &calcard::common::PartialDateTime, wall_zone: Tz) -> Result<NaiveDateTime, String> {
    let parts = until.to_date_time().ok_or("its recurrence rule ends on an impossible date")?;
    if let Some(offset) = parts.offset {
        let utc = parts.date_time.checked_sub_signed(TimeDelta::seconds(offset.local_minus_utc().into()));
        return Ok(utc
            .ok_or("its recurrence rule ends on an impossible date")?
            .and_utc()
            .with_timezone(&wall_zone)
            .naive_local());
    }
    Ok(if until.has_time() {
        parts.date_time
    } else {
        parts.date_time.date().and_hms_opt(23, 59, 59).unwrap_or(parts.date_time)
    })
}

/// calcard's rule as an `rrule` rule, without UNTIL.
fn to_rrule(rule: &ICalendarRecurrenceRule, freq: Frequency, interval: u16) -> RRule<Unvalidated> {
    let mut r = RRule::new(freq)
        .interval(interval)
        .week_start(rule.wkst.map_or(Weekday::Mon, weekday))
        .by_weekday(
            rule.byday
                .iter()
                .map(|d| match d.ordwk {
                    Some(n) if n != 0 => NWeekday::Nth(n, weekday(d.weekday)),
                    _ => NWeekday::Every(weekday(d.weekday)),
                })
                .collect(),
        )
        .by_month(&rule.bymonth.iter().filter_map(|m| Month::try_from(m.month()).ok()).collect::<Vec<_>>())
        .by_month_day(rule.bymonthday.clone())
        .by_year_day(rule.byyearday.clone())
        .by_week_no(rule.byweekno.clone())
        .by_set_pos(rule.bysetpos.clone())
        .by_hour(rule.byhour.clone())
        .by_minute(rule.byminute.clone())
        .by_second(rule.bysecond.clone());
    if let Some(count) = rule.count {
        r = r.count(count);
    }
    r
}

fn weekday(w: ICalendarWeekday) -> Weekday {
    match w {
        ICalendarWeekday::Monday => Weekday::Mon,
        ICalendarWeekday::Tuesday => Weekday::Tue,
        ICalendarWeekday::Wednesday => Weekday::Wed,
        ICalendarWeekday::Thursday => Weekday::Thu,
        ICalendarWeekday::Friday => Weekday::Fri,
        ICalendarWeekday::Saturday => Weekday::Sat,
        ICalendarWeekday::Sunday => Weekday::Sun,
    }
}

/// A later start for a series without COUNT, a whole number of intervals after `first` and
/// at or before `target`, so that the years before the window are not walked. `None` when
/// there is nothing to skip.
///
/// Months and years start on their first day: the day of month (and month) the rule takes
/// from the real DTSTART are then given to it explicitly ([`with_start_defaults`]), since a
/// 31st or a 29 February may not exist in the month or year skipped to.
fn skip_to(freq: Frequency, interval: u32, first: NaiveDateTime, target: NaiveDateTime) -> Option<NaiveDateTime> {
    if first >= target {
        return None;
    }
    let days = (target.date() - first.date()).num_days();
    let periods = |len: i64| (days / len) / i64::from(interval) * i64::from(interval) * len;
    let date = match freq {
        Frequency::Daily => first.date().checked_add_signed(TimeDelta::days(periods(1)))?,
        Frequency::Weekly => first.date().checked_add_signed(TimeDelta::days(periods(7)))?,
        Frequency::Monthly => {
            let months = (target.year() - first.year()) * 12 + target.month0() as i32 - first.month0() as i32 - 1;
            let step = i32::try_from(interval).ok()?;
            let skip = (months.max(0) / step) * step;
            let month0 = first.month0() as i32 + skip;
            NaiveDate::from_ymd_opt(first.year() + month0 / 12, (month0 % 12) as u32 + 1, 1)?
        }
        Frequency::Yearly => {
            let step = i32::try_from(interval).ok()?;
            let skip = ((target.year() - first.year() - 1).max(0) / step) * step;
            NaiveDate::from_ymd_opt(first.year() + skip, 1, 1)?
        }
        _ => return None,
    };
    let later = date.and_time(first.time());
    (later > first).then_some(later)
}

/// The parts `rrule` would take from the real DTSTART (day of month, month, time of day),
/// given explicitly so that a later start repeats the same dates.
fn with_start_defaults(
    mut r: RRule<Unvalidated>,
    rule: &ICalendarRecurrenceRule,
    freq: Frequency,
    first: NaiveDateTime,
) -> RRule<Unvalidated> {
    let days_given =
        !(rule.byweekno.is_empty() && rule.byyearday.is_empty() && rule.bymonthday.is_empty() && rule.byday.is_empty());
    if !days_given {
        let day = i8::try_from(first.day()).unwrap_or(1);
        match freq {
            Frequency::Yearly => {
                if rule.bymonth.is_empty() {
                    r = r.by_month(&[Month::try_from(first.month() as u8).unwrap_or(Month::January)]);
                }
                r = r.by_month_day(vec![day]);
            }
            Frequency::Monthly => r = r.by_month_day(vec![day]),
            Frequency::Weekly => r = r.by_weekday(vec![NWeekday::Every(first.weekday())]),
            _ => {}
        }
    }
    if rule.byhour.is_empty() {
        r = r.by_hour(vec![first.hour() as u8]);
    }
    if rule.byminute.is_empty() {
        r = r.by_minute(vec![first.minute() as u8]);
    }
    if rule.bysecond.is_empty() {
        r = r.by_second(vec![first.second() as u8]);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use calcard::icalendar::{ICalendarProperty, ICalendarValue};
    use calcard::{Entry, Parser};
    use chrono::TimeZone;

    fn rule(text: &str) -> ICalendarRecurrenceRule {
        let ics = format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:{text}\nEND:VEVENT\nEND:VCALENDAR\n");
        let Entry::ICalendar(ical) = Parser::new(&ics).entry() else { panic!("not parsed") };
        let event = ical.components.iter().find(|c| c.property(&ICalendarProperty::Rrule).is_some()).unwrap();
        match event.property(&ICalendarProperty::Rrule).unwrap().values.first() {
            Some(ICalendarValue::RecurrenceRule(r)) => (**r).clone(),
            other => panic!("{other:?}"),
        }
    }

    fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    fn naive(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    /// Skipping ahead gives the same dates as walking from the start.
    #[test]
    fn skipping_ahead_changes_no_date() {
        let berlin = chrono_tz::Europe::Berlin;
        // Up to 2028 for the 29 February.
        let window = (utc(2025, 1, 15), utc(2028, 6, 1));
        let cases = [
            ("FREQ=DAILY;INTERVAL=3", When::Zoned(naive(2015, 3, 7, 18, 30), berlin)),
            ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", When::Zoned(naive(2014, 12, 29, 19, 0), berlin)),
            ("FREQ=WEEKLY", When::Utc(naive(2016, 2, 3, 17, 0))),
            ("FREQ=MONTHLY", When::Zoned(naive(2015, 1, 31, 18, 30), berlin)),
            ("FREQ=MONTHLY;INTERVAL=5", When::Floating(naive(2013, 11, 30, 9, 0))),
            ("FREQ=MONTHLY;BYDAY=-1FR", When::Zoned(naive(2016, 1, 29, 18, 0), berlin)),
            ("FREQ=MONTHLY;BYDAY=2TH;UNTIL=20261210T173000Z", When::Zoned(naive(2024, 2, 8, 18, 30), berlin)),
            ("FREQ=YEARLY", When::Date(NaiveDate::from_ymd_opt(2004, 2, 29).unwrap())),
            ("FREQ=YEARLY;INTERVAL=3;BYMONTH=6;BYDAY=1SA", When::Zoned(naive(2001, 6, 2, 10, 0), berlin)),
            ("FREQ=DAILY;BYDAY=MO,WE,FR", When::Date(NaiveDate::from_ymd_opt(2010, 5, 5).unwrap())),
        ];
        for (text, start) in cases {
            let r = rule(text);
            let fast = expand_with(&r, start, berlin, window, &mut Budget(FEED_BUDGET), true).unwrap();
            let slow = expand_with(&r, start, berlin, window, &mut Budget(FEED_BUDGET), false).unwrap();
            assert!(!fast.is_empty(), "{text}");
            assert_eq!(fast, slow, "{text}");
        }
    }

    /// A rule that never matches ends the search within a few hundred years (see the module).
    #[test]
    fn rules_that_never_match_give_nothing() {
        let window = (utc(2025, 1, 15), utc(2027, 1, 15));
        let tuesday = When::Zoned(naive(2025, 1, 7, 18, 0), chrono_tz::Europe::Berlin);
        for text in [
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31",
            "FREQ=DAILY;INTERVAL=7;BYDAY=MO",
            "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=3",
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29",
        ] {
            let mut budget = Budget(FEED_BUDGET);
            let dates = expand(&rule(text), tuesday, chrono_tz::UTC, window, &mut budget);
            assert_eq!(dates, Ok(Vec::new()), "{text}");
        }
    }

    #[test]
    fn sub_daily_and_several_times_a_day_are_refused() {
        let start = When::Utc(naive(2026, 1, 1, 10, 0));
        let window = (utc(2025, 1, 15), utc(2027, 1, 15));
        for text in ["FREQ=SECONDLY", "FREQ=HOURLY;BYMINUTE=0", "FREQ=DAILY;BYHOUR=9,17"] {
            assert!(expand(&rule(text), start, chrono_tz::UTC, window, &mut Budget(FEED_BUDGET)).is_err(), "{text}");
        }
    }

    #[test]
    fn the_budget_bounds_the_work() {
        let start = When::Utc(naive(2026, 1, 1, 10, 0));
        let window = (utc(2025, 1, 15), utc(2027, 1, 15));
        // Two years walked, then too many dates.
        let mut budget = Budget(SERIES_COST + 380 + 100);
        assert!(expand(&rule("FREQ=DAILY"), start, chrono_tz::UTC, window, &mut budget).is_err());
        assert_eq!(budget.0, 0);
        // With COUNT nothing is skipped: a series from the year 1 would walk 740,000 days.
        let old = When::Utc(naive(1, 1, 1, 10, 0));
        let mut budget = Budget(FEED_BUDGET);
        let refused =
            expand(&rule("FREQ=MONTHLY;BYMONTHDAY=-20;COUNT=4000000"), old, chrono_tz::UTC, window, &mut budget);
        assert_eq!(refused, Err("the feed repeats too many dates to read them all".into()));
        assert_eq!(budget.0, FEED_BUDGET - SERIES_COST, "refused before walking");
        // One from 1990 is walked: its dates in the window are all there.
        let old = When::Utc(naive(1990, 1, 1, 10, 0));
        let dates = expand(&rule("FREQ=DAILY;COUNT=20000"), old, chrono_tz::UTC, window, &mut budget).unwrap();
        assert_eq!(dates.len(), 730);
    }
}
