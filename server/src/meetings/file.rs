//! What `/meetings.json` holds at a given now: the upcoming meetings of every listed group (6
//! months ahead, at most 12 a group: what a visitor plans for, in a file that stays small
//! however many meetings a year of feeds holds), and the story of each group with a feed (its
//! last and next meetings, whether it seems to have stopped meeting). Each meeting is written
//! by `convert`.

use std::{collections::BTreeMap, time::Duration};

use chrono::{DateTime, Utc};
use groups_core::meetings::{MeetingsFile, VERSION};
use groups_feeds::Occurrence;

use super::{
    convert::{group_meetings, instant, meeting},
    feeds::Feed,
};
use crate::{clock::Timestamp, store::StoredMeeting};

/// How far ahead meetings are listed, and how many of each group.
const AHEAD: Duration = Duration::from_secs(183 * 24 * 3600);
const PER_GROUP: usize = 12;
/// A group with a feed and no meeting in the past 12 months nor the next 3 is quiet.
const QUIET_BEFORE: Duration = Duration::from_secs(365 * 24 * 3600);
const QUIET_AFTER: Duration = Duration::from_secs(92 * 24 * 3600);

/// `/meetings.json` from the stored meetings and the feeds, as at `now`.
pub fn meetings_file(stored: &[StoredMeeting], feeds: &[Feed], origin: &str, now: Timestamp) -> MeetingsFile {
    let now = instant(now);
    let until = now + AHEAD;
    let mut per_group: BTreeMap<&str, usize> = BTreeMap::new();
    let mut upcoming = Vec::new();
    let mut by_start: Vec<&StoredMeeting> = stored.iter().collect();
    by_start.sort_by_key(|m| (m.occurrence.start, &m.slug, &m.occurrence.uid));
    for m in by_start.into_iter().filter(|m| ends(&m.occurrence) > now && m.occurrence.start < until) {
        let count = per_group.entry(m.slug.as_str()).or_default();
        if *count < PER_GROUP {
            *count += 1;
            upcoming.push(meeting(m, origin));
        }
    }
    let mut groups = BTreeMap::new();
    for feed in feeds {
        let own: Vec<&Occurrence> =
            stored.iter().filter(|m| m.slug == feed.slug && !m.occurrence.cancelled).map(|m| &m.occurrence).collect();
        let last = own.iter().copied().filter(|o| o.start <= now).max_by_key(|o| o.start);
        let next = own.iter().copied().filter(|o| ends(o) > now).min_by_key(|o| o.start);
        let active = own.iter().any(|o| o.start >= now - QUIET_BEFORE && o.start <= now + QUIET_AFTER);
        // Only a feed that was read says anything about the group.
        let quiet = feed.state.succeeded_at.is_some() && !active;
        groups.insert(feed.slug.clone(), group_meetings(feed, last, next, quiet));
    }
    MeetingsFile { version: VERSION, origin: origin.to_owned(), upcoming, groups }
}

/// When a meeting is over: its end, else its start.
fn ends(o: &Occurrence) -> DateTime<Utc> {
    o.end.unwrap_or(o.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{meetings::convert::tests::stored, store::FeedState};

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn feed(slug: &str, read: bool) -> Feed {
        let mut state = FeedState::fresh(slug);
        state.succeeded_at = read.then(|| at("2026-12-01T08:00:00Z"));
        Feed { slug: slug.into(), url: "https://www.meetup.com/x/events/ical/".into(), state, zone: chrono_tz::UTC }
    }

    fn m(slug: &str, uid: &str, start: &str, cancelled: bool) -> StoredMeeting {
        let mut m = stored(slug, uid, start);
        m.occurrence.cancelled = cancelled;
        m
    }

    #[test]
    fn upcoming_meetings_carry_their_own_zones_and_groups_their_story() {
        let now = at("2026-12-02T12:00:00Z");
        let stored = [
            m("budapest", "past", "2026-11-12T17:30:00Z", false),
            m("budapest", "next", "2026-12-10T17:30:00Z", false),
            m("budapest", "summer", "2027-05-13T16:30:00Z", false),
            m("budapest", "off", "2026-12-03T17:30:00Z", true),
            m("quiet", "long-ago", "2025-06-01T17:00:00Z", false),
        ];
        let file = meetings_file(
            &stored,
            &[feed("budapest", true), feed("quiet", true), feed("unread", false)],
            "https://groups.example.org",
            now,
        );
        let titles: Vec<(&str, String, String)> =
            file.upcoming.iter().map(|m| (m.group.as_str(), m.when.date(), m.when.time())).collect();
        let english = |group, date: &str, time: &str| (group, date.to_owned(), time.to_owned());
        assert_eq!(
            titles,
            [
                english("budapest", "Thursday, 3 December 2026", "18:30–21:00 CET"),
                english("budapest", "Thursday, 10 December 2026", "18:30–21:00 CET"),
                english("budapest", "Thursday, 13 May 2027", "18:30–21:00 CEST"),
            ]
        );
        assert!(file.upcoming[0].cancelled, "a cancelled meeting is listed as such");
        let budapest = &file.groups["budapest"];
        assert_eq!(budapest.last.map(|d| d.to_string()).as_deref(), Some("2026-11-12"));
        assert_eq!(budapest.next.as_deref(), Some("2026-12-10T17:30:00Z"), "the next meeting that happens");
        assert_eq!((budapest.source.as_str(), budapest.quiet), ("meetup.com", false));
        assert!(file.groups["quiet"].quiet);
        assert!(!file.groups["unread"].quiet, "a feed never read says nothing");
        assert!(file.upcoming[0].id.ends_with("@groups.example.org"));
    }
}
