//! The meetings as a running server publishes them: a snapshot of the listed groups' stored
//! meetings, kept in memory and made anew when the meetings or the directory change (and every
//! few minutes, as meetings pass), with `/meetings.json` made from it for the app (what it
//! holds is `file`'s); and from the same snapshot the iCalendar files for subscribers, a
//! group's or every group's, with UIDs that stay the same across fetches.

use std::{sync::Arc, time::Duration};

use groups_core::{
    directory::GroupRecord,
    filter::Filter,
    meetings::{MeetingsFile, VERSION},
};
use groups_feeds::write_calendar;

use super::{
    convert::{exported, instant, stable_uid},
    feeds::feeds,
    file::meetings_file,
};
use crate::{
    clock::{Clock, Timestamp},
    live_directory::LiveDirectory,
    reloading::Reloading,
    store::{Store, StoredMeeting},
};

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

    /// The calendar of `group` (empty when it has no meetings stored).
    pub fn group_calendar(&self, group: &GroupRecord) -> String {
        let snapshot = self.snapshot();
        let name = format!("{} meetings", group.name);
        calendar_of(&name, &snapshot.stored, &self.origin, snapshot.built_at, |m| m.slug == group.slug)
    }

    /// The calendar of `group`'s one meeting whose UID begins with `key` and `@` (see
    /// `groups_core::routes::meeting_calendar_href`); `None` when it has none such.
    pub fn meeting_calendar(&self, group: &GroupRecord, key: &str) -> Option<String> {
        let snapshot = self.snapshot();
        let is_it = |m: &StoredMeeting| is_meeting(m, &group.slug, key, &self.origin);
        let meeting = snapshot.stored.iter().find(|m| is_it(m))?;
        let name = format!("{}: {}", group.name, meeting.occurrence.title);
        Some(calendar_of(&name, &snapshot.stored, &self.origin, snapshot.built_at, is_it))
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
        calendar_of(name, &snapshot.stored, &self.origin, snapshot.built_at, |m| shown.contains(&m.slug.as_str()))
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

/// Whether `m` is the meeting of `slug` whose UID begins with `key` and `@`.
fn is_meeting(m: &StoredMeeting, slug: &str, key: &str, origin: &str) -> bool {
    m.slug == slug && stable_uid(m, origin).split_once('@').is_some_and(|(k, _)| k == key)
}

/// The calendar named `name` of the `stored` meetings that `keep` keeps (past ones too),
/// stamped `at`.
fn calendar_of(
    name: &str,
    stored: &[StoredMeeting],
    origin: &str,
    at: Timestamp,
    keep: impl Fn(&StoredMeeting) -> bool,
) -> String {
    let meetings = stored.iter().filter(|m| keep(m)).map(|m| exported(m, origin));
    write_calendar(name, meetings, instant(at))
}

#[cfg(test)]
mod pinned {
    //! What is published, byte for byte, for a few meetings of every kind: a refactoring of
    //! the meeting types must not change a UID (subscribed calendars would duplicate their
    //! meetings), a time or a label.
    use super::*;
    use crate::{
        meetings::{convert, feeds::Feed},
        store::FeedState,
    };
    use groups_feeds::Occurrence;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn stored() -> Vec<StoredMeeting> {
        let instant = |text| convert::instant(at(text));
        let series = Occurrence {
            uid: "series@example.org".into(),
            recurrence_id: Some(instant("2026-12-10T17:30:00Z")),
            title: "Talks, demos; and \\ more".into(),
            start: instant("2026-12-10T17:30:00Z"),
            end: Some(instant("2026-12-10T20:00:00Z")),
            tz: chrono_tz::Europe::Budapest,
            all_day: false,
            place: Some("Király utca 1".into()),
            online: false,
            url: Some("https://example.org/events/1".into()),
            cancelled: false,
            last_modified: Some(instant("2026-11-01T08:00:00Z")),
            sequence: 2,
        };
        let summer = Occurrence {
            uid: "one-off@example.org".into(),
            recurrence_id: None,
            title: "Summer day".into(),
            start: instant("2027-07-19T22:00:00Z"),
            end: Some(instant("2027-07-21T22:00:00Z")),
            all_day: true,
            place: None,
            online: true,
            url: None,
            cancelled: true,
            last_modified: None,
            sequence: 0,
            ..series.clone()
        };
        let sao_paulo = Occurrence {
            uid: "sp@example.org".into(),
            recurrence_id: None,
            start: instant("2026-12-12T17:00:00Z"),
            end: None,
            tz: chrono_tz::America::Sao_Paulo,
            ..series.clone()
        };
        vec![
            StoredMeeting { slug: "budapest".into(), occurrence: series },
            StoredMeeting { slug: "budapest".into(), occurrence: summer },
            StoredMeeting { slug: "saopaulo".into(), occurrence: sao_paulo },
        ]
    }

    #[test]
    fn the_calendar_and_the_file_stay_the_same() {
        let now = at("2026-12-02T12:00:00Z");
        let stored = stored();
        let ics = calendar_of("Meetings", &stored, "https://groups.example.org", now, |_| true);
        let mut state = FeedState::fresh("budapest");
        state.succeeded_at = Some(at("2026-12-01T08:00:00Z"));
        let url = "https://www.meetup.com/x/events/ical/".into();
        let feeds = [Feed { slug: "budapest".into(), url, state, zone: chrono_tz::Europe::Budapest }];
        let file = meetings_file(&stored, &feeds, "https://groups.example.org", now);
        let json = serde_json::to_string_pretty(&file).unwrap();
        assert_eq!(ics, PINNED_ICS);
        assert_eq!(json, PINNED_JSON);
    }

    #[test]
    fn one_meetings_calendar_is_its_event_as_every_calendar_writes_it() {
        let now = at("2026-12-02T12:00:00Z");
        let origin = "https://groups.example.org";
        let key = "1c9f2d44dd44dda7f9edea9f2fe694f4";
        let ics = calendar_of("Meetings", &stored(), origin, now, |m| is_meeting(m, "saopaulo", key, origin));
        let event = PINNED_ICS.split("BEGIN:VEVENT").nth(3).unwrap().split("END:VCALENDAR").next().unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
        assert!(ics.contains(event), "{ics}");
        let wrong = calendar_of("Meetings", &stored(), origin, now, |m| is_meeting(m, "budapest", key, origin));
        assert!(!wrong.contains("BEGIN:VEVENT"), "another group's key finds nothing");
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
  "version": 2,
  "origin": "https://groups.example.org",
  "upcoming": [
    {
      "group": "budapest",
      "id": "2815772e3c2aeaa39c041064bd64b3a5@groups.example.org",
      "title": "Talks, demos; and \\ more",
      "start": "2026-12-10T17:30:00Z",
      "end": "2026-12-10T20:00:00Z",
      "when": {
        "day": "2026-12-10",
        "from": "18:30",
        "to": "21:00",
        "zone": "CET"
      },
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
      "when": {
        "day": "2026-12-12",
        "from": "14:00",
        "zone": "UTC−3"
      },
      "place": "Király utca 1",
      "online": false,
      "url": "https://example.org/events/1",
      "cancelled": false
    }
  ],
  "groups": {
    "budapest": {
      "source": "meetup.com",
      "updated": "2026-12-01",
      "next": "2026-12-10T17:30:00Z",
      "next_date": "2026-12-10",
      "quiet": false
    }
  }
}"#;
}
