//! A stored meeting as it is published, every conversion in one place: the wire type that
//! `/meetings.json` carries to the app (its day and hours already worked out in its own zone,
//! so the app needs no zone data), a group's meetings at a glance, and the UID it keeps in the
//! calendars this server writes. Which meetings are published is `file`'s and `live`'s.

use chrono::{DateTime, Utc};
use groups_core::{
    hex::hex,
    meetings::{GroupMeetings, Meeting},
};
use groups_feeds::{local_when, Occurrence};
use sha2::{Digest, Sha256};

use super::feeds::Feed;
use crate::{clock::Timestamp, store::StoredMeeting};

/// A stored meeting as `/meetings.json` carries it.
pub fn meeting(m: &StoredMeeting, origin: &str) -> Meeting {
    let o = &m.occurrence;
    Meeting {
        group: m.slug.clone(),
        id: stable_uid(m, origin),
        title: o.title.clone(),
        start: time(o.start),
        end: o.end.map(time),
        when: local_when(o),
        place: o.place.clone(),
        online: o.online,
        url: o.url.clone(),
        cancelled: o.cancelled,
    }
}

/// The meetings at a glance of the group whose feed is `feed`: its `last` meeting, its `next`
/// one, and whether it is `quiet` (it may have stopped meeting).
pub fn group_meetings(feed: &Feed, last: Option<&Occurrence>, next: Option<&Occurrence>, quiet: bool) -> GroupMeetings {
    GroupMeetings {
        source: host(&feed.url),
        updated: feed.state.succeeded_at.map(Timestamp::utc_day),
        last: last.map(|o| local_when(o).day),
        next: next.map(|o| time(o.start)),
        next_date: next.map(|o| local_when(o).day),
        quiet,
    }
}

/// A stored meeting as [`groups_feeds::write_calendar`] takes it: with the UID it is published
/// under.
pub fn exported<'a>(m: &'a StoredMeeting, origin: &str) -> (String, &'a Occurrence) {
    (stable_uid(m, origin), &m.occurrence)
}

/// A meeting's UID in the calendars this server writes (and its `id` in `/meetings.json`): the
/// same for the same occurrence of the same feed event, whenever it is written. Subscribed
/// calendars hold these, so the recipe never changes: the group, the feed's UID and the
/// occurrence's recurrence ID as RFC 3339 ('' for a one-off), hashed.
pub fn stable_uid(m: &StoredMeeting, origin: &str) -> String {
    let o = &m.occurrence;
    let recurrence_id = o.recurrence_id.map(time).unwrap_or_default();
    let digest = Sha256::digest(format!("{}\u{0}{}\u{0}{}", m.slug, o.uid, recurrence_id).as_bytes());
    format!("{}@{}", &hex(&digest)[..32], host(origin))
}

/// An instant as `/meetings.json` writes it: RFC 3339 in UTC to the second, as the server writes
/// every time (`2026-12-10T17:30:00Z`), which the app compares as text.
pub fn time(at: DateTime<Utc>) -> String {
    Timestamp::from_unix(at.timestamp()).to_string()
}

/// The server's clock reading as the feeds' instants are.
pub fn instant(at: Timestamp) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(at.unix(), 0).unwrap_or_default()
}

/// The site of an address: `https://www.meetup.com/x/` → `meetup.com`.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A stored meeting of `slug`: a one-off at `start` (RFC 3339) lasting two and a half hours,
    /// in Budapest.
    pub(crate) fn stored(slug: &str, uid: &str, start: &str) -> StoredMeeting {
        let start = instant(start.parse().unwrap());
        StoredMeeting {
            slug: slug.into(),
            occurrence: Occurrence {
                uid: uid.into(),
                recurrence_id: None,
                title: "Talks".into(),
                start,
                end: Some(start + std::time::Duration::from_secs(9000)),
                tz: chrono_tz::Europe::Budapest,
                all_day: false,
                place: None,
                online: false,
                url: None,
                cancelled: false,
                last_modified: None,
                sequence: 0,
            },
        }
    }

    #[test]
    fn uids_stay_the_same_across_fetches_and_differ_between_occurrences() {
        let a = stored("budapest", "series", "2026-12-10T17:30:00Z");
        let mut b = a.clone();
        b.occurrence.title = "Renamed".into();
        assert_eq!(stable_uid(&a, "https://x.org"), stable_uid(&b, "https://x.org"));
        let mut c = a.clone();
        c.occurrence.recurrence_id = Some(instant("2027-01-14T17:30:00Z".parse().unwrap()));
        assert_ne!(stable_uid(&a, "https://x.org"), stable_uid(&c, "https://x.org"));
    }

    #[test]
    fn a_feeds_site_is_its_host_without_www() {
        assert_eq!(host("https://www.meetup.com/x/events/ical/"), "meetup.com");
        assert_eq!(host("https://Calendar.Example.org:8443/a.ics?x#y"), "calendar.example.org");
        assert_eq!(host("http://127.0.0.1:9/b.ics"), "127.0.0.1");
    }
}
