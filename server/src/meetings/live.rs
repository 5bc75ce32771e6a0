//! The meetings as the server publishes them: `/meetings.json` for the app (upcoming meetings
//! with their dates and times written in their own zones, and each group's meetings at a
//! glance), kept in memory and made anew when the meetings or the directory change (and every
//! few minutes, as meetings pass); and iCalendar files for subscribers, a group's or every
//! group's, with UIDs that stay the same across fetches.

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use groups_core::{
    directory::GroupRecord,
    filter::Filter,
    hex::hex,
    meetings::{GroupMeetings, Meeting, MeetingsFile, VERSION},
};
use groups_feeds::{labels, write_calendar, ExportEvent};
use sha2::{Digest, Sha256};

use super::feeds::{feeds, Feed};
use crate::{
    clock::{Clock, Timestamp},
    live_directory::LiveDirectory,
    reloading::Reloading,
    store::{Store, StoredMeeting},
};

/// How far ahead `/meetings.json` lists meetings, and how many per group: what a visitor
/// plans for, and a file that stays small however many meetings a year feeds hold.
const AHEAD: Duration = Duration::from_secs(183 * 24 * 3600);
const PER_GROUP: usize = 12;
/// A group with a feed and no meeting in the past 12 months nor the next 3 is quiet.
const QUIET_BEFORE: Duration = Duration::from_secs(365 * 24 * 3600);
const QUIET_AFTER: Duration = Duration::from_secs(92 * 24 * 3600);
/// The file is made anew at least this often, as meetings pass.
const REBUILD_EVERY: Duration = Duration::from_secs(5 * 60);

/// The meetings at one moment, ready to serve.
#[derive(Debug)]
pub struct MeetingsSnapshot {
    pub built_at: Timestamp,
    meetings_revision: i64,
    directory_revision: i64,
    pub file: MeetingsFile,
    pub json: Vec<u8>,
    pub etag: String,
    /// Every stored meeting of a listed group (past ones too), for calendars.
    stored: Vec<StoredMeeting>,
}

/// The published meetings of a running server.
#[derive(Clone, Debug)]
pub struct LiveMeetings {
    snapshot: Reloading<MeetingsSnapshot>,
    origin: Arc<str>,
}

impl LiveMeetings {
    /// Publishes the meetings in `store` of the groups `directory` lists, as at `clock`'s now,
    /// and keeps watching.
    pub fn open(store: Arc<Store>, directory: LiveDirectory, origin: &str, clock: Clock) -> LiveMeetings {
        let origin: Arc<str> = Arc::from(origin);
        let first = build(&store, &directory, &origin, clock.now()).unwrap_or_else(|error| {
            tracing::error!("the meetings cannot be read: {error}");
            MeetingsSnapshot::empty(clock.now())
        });
        let published = LiveMeetings { snapshot: Reloading::new(first), origin: origin.clone() };
        published.snapshot.watch(Duration::from_secs(1), move |held| {
            let now = clock.now();
            let moved = store.meetings_revision().ok() != Some(held.meetings_revision)
                || directory.published().revision != held.directory_revision
                || held.built_at.plus(REBUILD_EVERY) <= now;
            if !moved {
                return None;
            }
            build(&store, &directory, &origin, now)
                .inspect_err(|error| tracing::error!("the meetings cannot be read: {error}; the last good ones stay"))
                .ok()
        });
        published
    }

    pub fn snapshot(&self) -> Arc<MeetingsSnapshot> {
        self.snapshot.get()
    }

    /// The calendar of the group `slug`, or `None` when it has no meetings stored.
    pub fn group_calendar(&self, group: &GroupRecord) -> String {
        let snapshot = self.snapshot();
        let events = export(&snapshot.stored, &self.origin, |m| m.slug == group.slug);
        write_calendar(&format!("{} meetings", group.name), &events, utc(snapshot.built_at))
    }

    /// The calendar of every meeting of the groups `filter` shows in `groups`.
    pub fn calendar(&self, name: &str, groups: &[GroupRecord], filter: &Filter) -> String {
        let snapshot = self.snapshot();
        let none = std::collections::HashSet::new();
        let matcher = filter.matcher(&none);
        let shown: Vec<&str> = groups
            .iter()
            .filter(|g| matcher.matches(g, &groups_core::filter::search_key(g)))
            .map(|g| g.slug.as_str())
            .collect();
        let events = export(&snapshot.stored, &self.origin, |m| shown.contains(&m.slug.as_str()));
        write_calendar(name, &events, utc(snapshot.built_at))
    }
}

impl MeetingsSnapshot {
    fn empty(now: Timestamp) -> MeetingsSnapshot {
        let file = MeetingsFile { version: VERSION, ..Default::default() };
        let json = serde_json::to_vec(&file).expect("plain data");
        MeetingsSnapshot {
            built_at: now,
            meetings_revision: -1,
            directory_revision: -1,
            etag: crate::cache::etag_of(&json),
            json,
            file,
            stored: Vec::new(),
        }
    }
}

/// The meetings of the groups `directory` lists, as at `now`.
fn build(
    store: &Store,
    directory: &LiveDirectory,
    origin: &str,
    now: Timestamp,
) -> Result<MeetingsSnapshot, crate::store::StoreError> {
    let listed = directory.published();
    let (meetings_revision, stored) = store.meetings()?;
    let stored: Vec<StoredMeeting> = stored.into_iter().filter(|m| listed.find(&m.slug).is_some()).collect();
    let feeds = feeds(store)?;
    let file = meetings_file(&stored, &feeds, origin, now);
    let json = serde_json::to_vec(&file).expect("plain data");
    Ok(MeetingsSnapshot {
        built_at: now,
        meetings_revision,
        directory_revision: listed.revision,
        etag: crate::cache::etag_of(&json),
        json,
        file,
        stored,
    })
}

/// `/meetings.json` from the stored meetings and the feeds, as at `now`.
pub fn meetings_file(stored: &[StoredMeeting], feeds: &[Feed], origin: &str, now: Timestamp) -> MeetingsFile {
    let until = now.plus(AHEAD);
    let mut per_group: BTreeMap<&str, usize> = BTreeMap::new();
    let mut upcoming = Vec::new();
    let mut by_start: Vec<&StoredMeeting> = stored.iter().collect();
    by_start.sort_by_key(|m| (m.starts_at, &m.slug, &m.uid));
    for m in by_start.into_iter().filter(|m| ends(m) > now && m.starts_at < until) {
        let count = per_group.entry(m.slug.as_str()).or_default();
        if *count < PER_GROUP {
            *count += 1;
            upcoming.push(meeting(m, origin));
        }
    }
    let mut groups = BTreeMap::new();
    for feed in feeds {
        let own: Vec<&StoredMeeting> = stored.iter().filter(|m| m.slug == feed.slug && !m.cancelled).collect();
        let last = own.iter().filter(|m| m.starts_at <= now).max_by_key(|m| m.starts_at);
        let next = own.iter().filter(|m| ends(m) > now).min_by_key(|m| m.starts_at);
        let since = Timestamp::from_unix(now.unix() - QUIET_BEFORE.as_secs() as i64);
        let active = own.iter().any(|m| m.starts_at >= since && m.starts_at <= now.plus(QUIET_AFTER));
        groups.insert(
            feed.slug.clone(),
            GroupMeetings {
                source: host(&feed.url),
                updated: feed.state.succeeded_at.map(Timestamp::day),
                last: last.map(|m| labels_of(m).date),
                next: next.map(|m| m.starts_at.to_string()),
                next_date: next.map(|m| labels_of(m).date),
                // Only a feed that was read says anything about the group.
                quiet: feed.state.succeeded_at.is_some() && !active,
            },
        );
    }
    MeetingsFile { version: VERSION, upcoming, groups }
}

/// When a meeting is over: its end, else its start.
fn ends(m: &StoredMeeting) -> Timestamp {
    m.ends_at.unwrap_or(m.starts_at)
}

fn meeting(m: &StoredMeeting, origin: &str) -> Meeting {
    let labels = labels_of(m);
    Meeting {
        group: m.slug.clone(),
        id: stable_uid(m, origin),
        title: m.title.clone(),
        start: m.starts_at.to_string(),
        end: m.ends_at.map(|t| t.to_string()),
        date: labels.date,
        time: labels.time,
        place: m.place.clone(),
        online: m.online,
        url: m.url.clone(),
        cancelled: m.cancelled,
    }
}

fn zone(m: &StoredMeeting) -> chrono_tz::Tz {
    m.tz.parse().unwrap_or(chrono_tz::UTC)
}

fn labels_of(m: &StoredMeeting) -> groups_feeds::Labels {
    labels(utc(m.starts_at), m.ends_at.map(utc), zone(m), m.all_day)
}

/// A meeting's UID in the calendars this server writes: the same for the same occurrence of
/// the same feed event, whenever it is written.
pub fn stable_uid(m: &StoredMeeting, origin: &str) -> String {
    let digest = Sha256::digest(format!("{}\u{0}{}\u{0}{}", m.slug, m.uid, m.recurrence_id).as_bytes());
    format!("{}@{}", &hex(&digest)[..32], host(origin))
}

fn export(stored: &[StoredMeeting], origin: &str, keep: impl Fn(&StoredMeeting) -> bool) -> Vec<ExportEvent> {
    stored
        .iter()
        .filter(|m| keep(m))
        .map(|m| ExportEvent {
            uid: stable_uid(m, origin),
            title: m.title.clone(),
            start: utc(m.starts_at),
            end: m.ends_at.map(utc),
            all_day: m.all_day,
            tz: zone(m),
            place: m.place.clone(),
            url: m.url.clone(),
            cancelled: m.cancelled,
            sequence: m.sequence,
            last_modified: m.modified_at.map(utc),
            description: None,
        })
        .collect()
}

/// The site of an address: `https://www.meetup.com/x/` → `meetup.com`.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_ascii_lowercase()
}

fn utc(at: Timestamp) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(at.unix(), 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        meetings::feeds::Feed,
        store::{FeedState, StoredMeeting},
    };

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn m(slug: &str, uid: &str, start: &str, cancelled: bool) -> StoredMeeting {
        StoredMeeting {
            slug: slug.into(),
            uid: uid.into(),
            recurrence_id: String::new(),
            title: "Talks".into(),
            starts_at: at(start),
            ends_at: Some(at(start).plus(Duration::from_secs(9000))),
            tz: "Europe/Budapest".into(),
            all_day: false,
            place: None,
            online: false,
            url: None,
            cancelled,
            modified_at: None,
            sequence: 0,
        }
    }

    fn feed(slug: &str, read: bool) -> Feed {
        let mut state = FeedState::fresh(slug);
        state.succeeded_at = read.then(|| at("2026-12-01T08:00:00Z"));
        Feed { slug: slug.into(), url: "https://www.meetup.com/x/events/ical/".into(), state }
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
        let titles: Vec<(&str, &str, &str)> =
            file.upcoming.iter().map(|m| (m.group.as_str(), m.date.as_str(), m.time.as_str())).collect();
        assert_eq!(
            titles,
            [
                ("budapest", "Thursday 3 December 2026", "18:30–21:00 CET"),
                ("budapest", "Thursday 10 December 2026", "18:30–21:00 CET"),
                ("budapest", "Thursday 13 May 2027", "18:30–21:00 CEST"),
            ]
        );
        assert!(file.upcoming[0].cancelled, "a cancelled meeting is listed as such");
        let budapest = &file.groups["budapest"];
        assert_eq!(budapest.last.as_deref(), Some("Thursday 12 November 2026"));
        assert_eq!(budapest.next.as_deref(), Some("2026-12-10T17:30:00Z"), "the next meeting that happens");
        assert_eq!((budapest.source.as_str(), budapest.quiet), ("meetup.com", false));
        assert!(file.groups["quiet"].quiet);
        assert!(!file.groups["unread"].quiet, "a feed never read says nothing");
        assert!(file.upcoming[0].id.ends_with("@groups.example.org"));
    }

    #[test]
    fn uids_stay_the_same_across_fetches_and_differ_between_occurrences() {
        let a = m("budapest", "series", "2026-12-10T17:30:00Z", false);
        let mut b = a.clone();
        b.title = "Renamed".into();
        assert_eq!(stable_uid(&a, "https://x.org"), stable_uid(&b, "https://x.org"));
        let mut c = a.clone();
        c.recurrence_id = "2027-01-14T17:30:00Z".into();
        assert_ne!(stable_uid(&a, "https://x.org"), stable_uid(&c, "https://x.org"));
    }
}

#[cfg(test)]
mod pinned {
    //! What is published, byte for byte, for a few meetings of every kind: a refactoring of
    //! the meeting types must not change a UID (subscribed calendars would duplicate their
    //! meetings), a time or a label.
    use super::*;
    use crate::{meetings::feeds::Feed, store::FeedState};

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn stored() -> Vec<StoredMeeting> {
        let base = StoredMeeting {
            slug: "budapest".into(),
            uid: "series@example.org".into(),
            recurrence_id: "2026-12-10T17:30:00Z".into(),
            title: "Talks, demos; and \\ more".into(),
            starts_at: at("2026-12-10T17:30:00Z"),
            ends_at: Some(at("2026-12-10T20:00:00Z")),
            tz: "Europe/Budapest".into(),
            all_day: false,
            place: Some("Király utca 1".into()),
            online: false,
            url: Some("https://example.org/events/1".into()),
            cancelled: false,
            modified_at: Some(at("2026-11-01T08:00:00Z")),
            sequence: 2,
        };
        vec![
            base.clone(),
            StoredMeeting {
                uid: "one-off@example.org".into(),
                recurrence_id: String::new(),
                title: "Summer day".into(),
                starts_at: at("2027-07-19T22:00:00Z"),
                ends_at: Some(at("2027-07-21T22:00:00Z")),
                all_day: true,
                place: None,
                online: true,
                url: None,
                cancelled: true,
                modified_at: None,
                sequence: 0,
                ..base.clone()
            },
            StoredMeeting {
                slug: "saopaulo".into(),
                uid: "sp@example.org".into(),
                recurrence_id: String::new(),
                starts_at: at("2026-12-12T17:00:00Z"),
                ends_at: None,
                tz: "America/Sao_Paulo".into(),
                ..base
            },
        ]
    }

    #[test]
    fn the_calendar_and_the_file_stay_the_same() {
        let now = at("2026-12-02T12:00:00Z");
        let stored = stored();
        let events = export(&stored, "https://groups.example.org", |_| true);
        let ics = write_calendar("Meetings", &events, utc(now));
        let mut state = FeedState::fresh("budapest");
        state.succeeded_at = Some(at("2026-12-01T08:00:00Z"));
        let feeds = [Feed { slug: "budapest".into(), url: "https://www.meetup.com/x/events/ical/".into(), state }];
        let file = meetings_file(&stored, &feeds, "https://groups.example.org", now);
        let json = serde_json::to_string_pretty(&file).unwrap();
        assert_eq!(ics, PINNED_ICS);
        assert_eq!(json, PINNED_JSON);
    }

    const PINNED_ICS: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Groups portal//Meetings//EN\r\n\
CALSCALE:GREGORIAN\r\n\
METHOD:PUBLISH\r\n\
X-WR-CALNAME:Meetings\r\n\
BEGIN:VEVENT\r\n\
UID:2815772e3c2aeaa39c041064bd64b3a5@groups.example.org\r\n\
DTSTAMP:20261202T120000Z\r\n\
DTSTART:20261210T173000Z\r\n\
DTEND:20261210T200000Z\r\n\
SUMMARY:Talks\\, demos\\; and \\\\ more\r\n\
LOCATION:Király utca 1\r\n\
URL:https://example.org/events/1\r\n\
STATUS:CONFIRMED\r\n\
SEQUENCE:2\r\n\
LAST-MODIFIED:20261101T080000Z\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:363a853fa7186cf20da7b0777f734f2c@groups.example.org\r\n\
DTSTAMP:20261202T120000Z\r\n\
DTSTART;VALUE=DATE:20270720\r\n\
DTEND;VALUE=DATE:20270722\r\n\
SUMMARY:Summer day\r\n\
STATUS:CANCELLED\r\n\
SEQUENCE:0\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:1c9f2d44dd44dda7f9edea9f2fe694f4@groups.example.org\r\n\
DTSTAMP:20261202T120000Z\r\n\
DTSTART:20261212T170000Z\r\n\
SUMMARY:Talks\\, demos\\; and \\\\ more\r\n\
LOCATION:Király utca 1\r\n\
URL:https://example.org/events/1\r\n\
STATUS:CONFIRMED\r\n\
SEQUENCE:2\r\n\
LAST-MODIFIED:20261101T080000Z\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n\
";
    const PINNED_JSON: &str = r#"{
  "version": 1,
  "upcoming": [
    {
      "group": "budapest",
      "id": "2815772e3c2aeaa39c041064bd64b3a5@groups.example.org",
      "title": "Talks, demos; and \\ more",
      "start": "2026-12-10T17:30:00Z",
      "end": "2026-12-10T20:00:00Z",
      "date": "Thursday 10 December 2026",
      "time": "18:30–21:00 CET",
      "place": "Király utca 1",
      "online": false,
      "url": "https://example.org/events/1",
      "cancelled": false
    },
    {
      "group": "saopaulo",
      "id": "1c9f2d44dd44dda7f9edea9f2fe694f4@groups.example.org",
      "title": "Talks, demos; and \\ more",
      "start": "2026-12-12T17:00:00Z",
      "date": "Saturday 12 December 2026",
      "time": "14:00 -03",
      "place": "Király utca 1",
      "online": false,
      "url": "https://example.org/events/1",
      "cancelled": false
    }
  ],
  "groups": {
    "budapest": {
      "source": "meetup.com",
      "updated": "1 December 2026",
      "next": "2026-12-10T17:30:00Z",
      "next_date": "Thursday 10 December 2026",
      "quiet": false
    }
  }
}"#;
}
