//! A whole feed read: its events grouped by UID into a series and its moved dates, each
//! series expanded inside the window with its exceptions applied, and the meetings capped
//! and sorted. A bad event is left out and listed; it never costs the others.

use crate::event::{sequence, text, Details, Length, Timing};
use crate::expand::{expand, Budget, FEED_BUDGET};
use crate::future::Futures;
use crate::shown::Shown;
use crate::text::{clean, clean_opt, cut};
use crate::when::When;
use crate::zones::Zones;
use crate::{Occurrence, Parsed, MAX_OCCURRENCES, UID_MAX};
use calcard::icalendar::{ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarProperty, ICalendarValue};
use calcard::icalendar::{ICalendarPeriod, ICalendarRecurrenceRule};
use calcard::{Entry, Parser};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};

/// At most this many lines in [`Parsed::skipped`] (a broken feed can have thousands).
const SKIPPED_MAX: usize = 50;
/// How much of a UID or title a skipped line quotes.
const QUOTE_MAX: usize = 60;

type Window = (DateTime<Utc>, DateTime<Utc>);
/// The dates of a series by instant, each with its own length if it has one.
type Starts = BTreeMap<DateTime<Utc>, (When, Option<Length>)>;

/// Reads the calendars of an unfolded feed (see [`crate::parse`]).
pub(crate) fn read_feed(text: &str, now: DateTime<Utc>, window: Window, default_tz: Tz) -> Parsed {
    let mut out =
        Output { now, occurrences: Vec::new(), skipped: Vec::new(), skipped_more: 0, dropped: 0, seen: HashSet::new() };
    let mut budget = Budget(FEED_BUDGET);
    let mut parser = Parser::new(text);
    // Each entry consumes input; the bound only guards against a parser that would not.
    for _ in 0..=text.len() {
        match parser.entry() {
            Entry::ICalendar(ical) => read_calendar(&ical, window, default_tz, &mut budget, &mut out),
            Entry::Eof => break,
            // Junk between calendars.
            _ => {}
        }
    }
    out.finish()
}

/// The events of one UID: a series (normally one) and its moved or cancelled dates.
struct Group<'a> {
    uid: String,
    /// How skipped lines name it: "UID …", or the title of an event without one.
    name: String,
    series: Vec<&'a ICalendarComponent>,
    moved: Vec<&'a ICalendarComponent>,
}

fn read_calendar(ical: &ICalendar, window: Window, default_tz: Tz, budget: &mut Budget, out: &mut Output) {
    // A zone's own rules are read a year around the window.
    let year = chrono::TimeDelta::days(366);
    let span =
        (window.0.checked_sub_signed(year).unwrap_or(window.0), window.1.checked_add_signed(year).unwrap_or(window.1));
    let zones = Zones::new(ical, default_tz, span);
    for warning in &zones.warnings {
        out.skip(warning.clone());
    }
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for c in ical.components.iter().filter(|c| c.component_type == ICalendarComponentType::VEvent) {
        let given = c.uid().map(|u| clean(u, UID_MAX)).filter(|u| !u.is_empty());
        let uid = given.clone().unwrap_or_else(|| generated_uid(c));
        let at = *index.entry(uid.clone()).or_insert_with(|| {
            let name = match &given {
                Some(uid) => format!("UID {}", cut(uid.clone(), QUOTE_MAX)),
                None => format!(
                    "event “{}” (no UID)",
                    clean_opt(text(c, &ICalendarProperty::Summary).as_deref(), QUOTE_MAX).unwrap_or_default()
                ),
            };
            groups.push(Group { uid, name, series: Vec::new(), moved: Vec::new() });
            groups.len() - 1
        });
        let Some(group) = groups.get_mut(at) else { continue };
        if c.property(&ICalendarProperty::RecurrenceId).is_some() {
            group.moved.push(c);
        } else {
            group.series.push(c);
        }
    }
    for group in &groups {
        read_group(group, &zones, window, budget, out);
    }
}

/// A stable UID for an event without one, from what identifies it: its start and title.
fn generated_uid(c: &ICalendarComponent) -> String {
    let mut hash = Sha256::new();
    if let Some(entry) = c.property(&ICalendarProperty::Dtstart) {
        hash.update(entry.tz_id().unwrap_or_default());
        for value in &entry.values {
            match value.as_partial_date_time() {
                Some(p) => hash.update(format!(
                    "|{:?}",
                    (p.year, p.month, p.day, p.hour, p.minute, p.second, p.tz_hour, p.tz_minute, p.tz_minus)
                )),
                None => hash.update(value.as_text().unwrap_or_default()),
            }
        }
    }
    hash.update("\n");
    hash.update(text(c, &ICalendarProperty::Summary).unwrap_or_default());
    let digest = groups_core::hex::hex(&hash.finalize());
    format!("generated-{}", digest.get(..32).unwrap_or(&digest))
}

fn read_group(group: &Group<'_>, zones: &Zones<'_>, window: Window, budget: &mut Budget, out: &mut Output) {
    let cal = zones.calendar;
    let Some(master) = newest(group, out) else {
        read_orphans(group, zones, window, out);
        return;
    };
    let timing = match Timing::of(master, zones) {
        Ok(t) => t,
        Err(why) => {
            out.skip(format!("{}: {why}", group.name));
            read_orphans(group, zones, window, out);
            return;
        }
    };
    let mut rules = Vec::new();
    for value in master.properties(&ICalendarProperty::Rrule).filter_map(|e| e.values.first()) {
        match value {
            ICalendarValue::RecurrenceRule(rule) => rules.push(rule.as_ref()),
            // An empty rule says nothing (a public holidays calendar writes one on every event).
            other if other.as_text().is_some_and(|t| t.trim().is_empty()) => {}
            // Its first date is still right: the event is kept.
            _ => out
                .skip(format!("{}: its recurrence rule is not readable, so only its first date is shown", group.name)),
        }
    }
    let starts = match series_starts(master, &rules, timing.start, zones, window, budget) {
        Ok(starts) => starts,
        Err(why) => {
            out.skip(format!("{}: {why}", group.name));
            return;
        }
    };
    let recurring = !rules.is_empty() || master.property(&ICalendarProperty::Rdate).is_some();
    let removed: HashSet<DateTime<Utc>> = master
        .properties(&ICalendarProperty::Exdate)
        .flat_map(|e| {
            e.values.iter().filter_map(move |v| When::of(e, v.as_partial_date_time()?, timing.start.zone(), zones))
        })
        .map(|w| w.as_kind_of(timing.start).instant(cal))
        .collect();
    let moved = moved_dates(group, timing.start, zones, out);
    // Made safe once for all the dates of the series.
    let details = Details::of(master);
    let shown = Shown::of(&details);
    let futures = Futures::of(&moved, timing.start, zones, &details, &shown);
    for (instant, (start, length)) in starts {
        if removed.contains(&instant) || moved.contains_key(&instant) {
            continue;
        }
        // A date given as a period lasts as long as its period; one after a date moved with
        // all later ones moves with it.
        let (start, length, shown) = match futures.at(instant) {
            Some(future) => (future.apply(start, cal), future.length.or(length), &future.shown),
            None => (start, length, &shown),
        };
        let timing = Timing { start, length: length.or(timing.length) };
        let at = start.instant(cal);
        if at >= window.0 && at < window.1 {
            out.push(occurrence(&group.uid, recurring.then_some(instant), start, &timing, shown, cal));
        }
    }
    // Moved dates count by their new start: into the window from outside it, or out of it.
    for (rid, c) in moved.into_iter().filter(|(rid, _)| !removed.contains(rid)) {
        // Without a start of its own a moved date keeps its slot; without an end, the length.
        let (start, own) = match Timing::of(c, zones) {
            Ok(own) => (own.start, Timing { start: own.start, length: own.length.or(timing.length) }),
            Err(_) => (timing.start.for_instant(rid, cal), timing),
        };
        let instant = start.instant(cal);
        if instant >= window.0 && instant < window.1 {
            out.push(occurrence(&group.uid, Some(rid), start, &own, &shown.moved(&Details::of(c), &details), cal));
        }
    }
}

/// The series of a group; of two copies (a feed error), the higher SEQUENCE, else the first.
fn newest<'a>(group: &Group<'a>, out: &mut Output) -> Option<&'a ICalendarComponent> {
    let mut copies = group.series.iter().copied();
    let first = copies.next()?;
    Some(copies.fold(first, |best, c| {
        out.skip(format!("{}: a second copy of the event (same UID)", group.name));
        if sequence(c) > sequence(best) {
            c
        } else {
            best
        }
    }))
}

/// The moved dates of a series by the instant they replace (RECURRENCE-ID, in the zone of
/// the series' start when it names none, and often in UTC; a day of an all-day series even
/// when written as a time); of two for one date, the one
/// with the higher SEQUENCE. Matching ignores SEQUENCE otherwise: a moved date usually has a
/// higher one than its series.
fn moved_dates<'a>(
    group: &Group<'a>,
    start: When,
    zones: &Zones<'_>,
    out: &mut Output,
) -> BTreeMap<DateTime<Utc>, &'a ICalendarComponent> {
    let mut moved: BTreeMap<DateTime<Utc>, &ICalendarComponent> = BTreeMap::new();
    for &c in &group.moved {
        let rid = c.property(&ICalendarProperty::RecurrenceId).and_then(|e| When::first(e, start.zone(), zones));
        let Some(rid) = rid.map(|w| w.as_kind_of(start).instant(zones.calendar)) else {
            out.skip(format!("{}: a moved date without a readable RECURRENCE-ID", group.name));
            continue;
        };
        if moved.get(&rid).is_none_or(|&old| sequence(c) >= sequence(old)) {
            moved.insert(rid, c);
        }
    }
    moved
}

/// The starts (by instant) of a series inside the window: the dates of each of its rules
/// (an event may have several: their dates together), its RDATEs and DTSTART itself, which
/// is always one. Each with its own length when it has one: an RDATE given as a period.
fn series_starts(
    master: &ICalendarComponent,
    rules: &[&ICalendarRecurrenceRule],
    start: When,
    zones: &Zones<'_>,
    window: Window,
    budget: &mut Budget,
) -> Result<Starts, String> {
    let cal = zones.calendar;
    let mut starts = Vec::new();
    for rule in rules {
        starts.extend(expand(rule, start, cal, window, budget)?.into_iter().map(|w| (w, None)));
    }
    starts.push((start, None));
    for entry in master.properties(&ICalendarProperty::Rdate) {
        for value in &entry.values {
            let (date, length) = match value {
                ICalendarValue::PartialDateTime(p) => (p.as_ref(), None),
                ICalendarValue::Period(ICalendarPeriod::Range { start: from, end }) => (from, Some(Ok(end))),
                ICalendarValue::Period(ICalendarPeriod::Duration { start: from, duration }) => {
                    (from, Some(Err(duration)))
                }
                _ => continue,
            };
            // An RDATE keeps the kind of DTSTART: a date for an all-day series.
            let Some(w) = When::of(entry, date, start.zone(), zones).filter(|w| w.is_date() == start.is_date()) else {
                continue;
            };
            let length = match length {
                Some(Ok(end)) => When::of(entry, end, w.zone(), zones).map(|end| Length::between(w, end, cal)),
                Some(Err(duration)) => duration.to_time_delta().map(|d| Length::of_duration(w, d)),
                None => None,
            };
            starts.push((w, length.filter(Length::is_positive)));
        }
    }
    // Of two for one instant (an RDATE on a date of the rule), the period's length.
    let mut by_instant = BTreeMap::new();
    for (w, length) in starts {
        let instant = w.instant(cal);
        if instant >= window.0 && instant < window.1 {
            let slot = by_instant.entry(instant).or_insert((w, None));
            slot.1 = length.or(slot.1);
        }
    }
    Ok(by_instant)
}

/// Moved dates whose series is missing (or unreadable): each is a meeting of its own.
fn read_orphans(group: &Group<'_>, zones: &Zones<'_>, window: Window, out: &mut Output) {
    let cal = zones.calendar;
    let mut seen = HashSet::new();
    for &c in &group.moved {
        let timing = match Timing::of(c, zones) {
            Ok(t) => t,
            Err(why) => {
                out.skip(format!("{}: a moved date has {why}", group.name));
                continue;
            }
        };
        let rid = c
            .property(&ICalendarProperty::RecurrenceId)
            .and_then(|e| When::first(e, timing.start.zone(), zones))
            .map(|w| w.instant(cal));
        let instant = timing.start.instant(cal);
        if seen.insert(rid) && instant >= window.0 && instant < window.1 {
            out.push(occurrence(&group.uid, rid, timing.start, &timing, &Shown::of(&Details::of(c)), cal));
        }
    }
}

/// The meeting starting at `start`, with its event's texts already made safe.
fn occurrence(
    uid: &str,
    recurrence_id: Option<DateTime<Utc>>,
    start: When,
    timing: &Timing,
    shown: &Shown,
    cal: Tz,
) -> Occurrence {
    let shown = shown.clone();
    Occurrence {
        uid: uid.to_owned(),
        recurrence_id,
        title: shown.title,
        start: start.instant(cal),
        end: timing.end_at(start, cal),
        tz: start.display_zone(cal),
        all_day: start.is_date(),
        online: shown.online,
        place: shown.place,
        url: shown.url,
        cancelled: shown.cancelled,
        last_modified: shown.last_modified,
        sequence: shown.sequence,
    }
}

/// The meetings read so far, kept to the [`MAX_OCCURRENCES`] nearest to `now` as they come
/// (so a feed of many long series does not fill the memory first), and the skipped lines.
struct Output {
    now: DateTime<Utc>,
    occurrences: Vec<Occurrence>,
    skipped: Vec<String>,
    skipped_more: usize,
    dropped: usize,
    /// UID and RECURRENCE-ID of each occurrence, unique in a feed (even one of two calendars).
    seen: HashSet<(String, Option<DateTime<Utc>>)>,
}

impl Output {
    fn push(&mut self, o: Occurrence) {
        if !self.seen.insert((o.uid.clone(), o.recurrence_id)) {
            self.skip(format!("UID {}: a second copy of the event", cut(o.uid, QUOTE_MAX)));
            return;
        }
        self.occurrences.push(o);
        if self.occurrences.len() >= 4 * MAX_OCCURRENCES {
            self.keep_nearest();
        }
    }

    fn skip(&mut self, line: String) {
        if self.skipped.len() < SKIPPED_MAX {
            self.skipped.push(line);
        } else {
            self.skipped_more += 1;
        }
    }

    fn keep_nearest(&mut self) {
        let now = self.now;
        self.occurrences.sort_by(|a, b| {
            ((a.start - now).abs(), a.start, &a.uid, a.recurrence_id).cmp(&(
                (b.start - now).abs(),
                b.start,
                &b.uid,
                b.recurrence_id,
            ))
        });
        self.dropped += self.occurrences.len().saturating_sub(MAX_OCCURRENCES);
        self.occurrences.truncate(MAX_OCCURRENCES);
    }

    fn finish(mut self) -> Parsed {
        if self.occurrences.len() > MAX_OCCURRENCES {
            self.keep_nearest();
        }
        if self.skipped_more > 0 {
            self.skipped.push(format!("and {} more", self.skipped_more));
        }
        if self.dropped > 0 {
            self.skipped.push(format!("{} occurrences beyond the {MAX_OCCURRENCES} nearest to now", self.dropped));
        }
        self.occurrences.sort_by(|a, b| (a.start, &a.uid, a.recurrence_id).cmp(&(b.start, &b.uid, b.recurrence_id)));
        Parsed { occurrences: self.occurrences, skipped: self.skipped }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::CLEANED;
    use chrono::TimeZone;

    /// A daily series with a title of 1.9 MB (each under the 2 MiB a feed may have), a place
    /// and a description as long, and moved dates that change none of them: its texts are
    /// read once, not once per date (which took 7 to 26 s). What this costs in time is
    /// printed by the ignored test `caps::bench_a_daily_series_with_a_long_title`.
    #[test]
    fn a_series_texts_are_cleaned_once_not_per_date() {
        let long = "Meetup ".repeat(270_000);
        let mut ics = format!(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:long\nDTSTART:20250201T180000Z\nRRULE:FREQ=DAILY\n\
             SUMMARY:{long}\nLOCATION:{long}\nDESCRIPTION:{long}\nEND:VEVENT\n"
        );
        for day in 1..=20 {
            ics.push_str(&format!(
                "BEGIN:VEVENT\nUID:long\nRECURRENCE-ID:202503{day:02}T180000Z\nDTSTART:202503{day:02}T190000Z\nEND:VEVENT\n"
            ));
        }
        ics.push_str("END:VCALENDAR\n");
        let now = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        let window = (now - chrono::TimeDelta::days(365), now + chrono::TimeDelta::days(365));
        CLEANED.with(|n| n.set(0));
        let parsed = read_feed(&ics, now, window, chrono_tz::UTC);
        assert!(parsed.occurrences.len() > 300, "{}", parsed.occurrences.len());
        let read = CLEANED.with(|n| n.get());
        // The title and the place, each once (the description is not cleaned).
        assert!(read <= 2 * long.len() + 1000, "{read} bytes cleaned for {} occurrences", parsed.occurrences.len());
    }
}
