//! Owns groups' meetings and their feeds: how each group's calendar feed is chosen (from its links,
//! set by staff, or off), how its fetches went (validators for conditional requests, the
//! fingerprint of the last copy parsed, the last success and failure, when to try next), and
//! the meetings of its last good copy. A failed fetch changes no meeting: the last good ones
//! stay, and the failure is kept for staff to see. A meeting is kept as the feed reader gave
//! it (a [`groups_feeds::Occurrence`]), with its group's slug: no copy of it in another shape.

use chrono::{DateTime, Utc};
use groups_feeds::Occurrence;
use rusqlite::{params, OptionalExtension, Params, Row, Transaction};

use super::{
    groups::group_in,
    history::{record_change, GroupAction},
    meta::{bump_named, meta_in},
    Decision, Fault, Store, StoreError,
};
use crate::clock::Timestamp;

/// The revision of the meetings, in `meta`: it moves on whenever a group's meetings change.
const REVISION: &str = "meetings_revision";

groups_core::slug_enum! {
    /// How a group's feed is chosen.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum FeedMode {
        /// From its links: a calendar link, else its Meetup group's feed.
        Auto = ("auto", "from the group's links"),
        /// The address staff set.
        Url = ("url", "set by staff"),
        /// Not imported.
        Off = ("off", "off"),
    }
}

/// A group's feed and its fetches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedState {
    pub slug: String,
    pub mode: FeedMode,
    /// The address staff set (with [`FeedMode::Url`]).
    pub url: Option<String>,
    /// The address fetched last, whose validators these are.
    pub fetched_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Of the last copy parsed.
    pub fingerprint: Option<String>,
    pub parsed_at: Option<Timestamp>,
    pub checked_at: Option<Timestamp>,
    pub succeeded_at: Option<Timestamp>,
    /// The last failure, until a success.
    pub error: Option<String>,
    /// Failures in a row.
    pub failures: u32,
    /// Not to be fetched before (its schedule, or its back-off).
    pub next_at: Option<Timestamp>,
    /// How many meetings its last good copy gave.
    pub meetings: usize,
}

impl FeedState {
    /// The state of a feed never fetched, chosen from the group's links.
    pub fn fresh(slug: &str) -> FeedState {
        FeedState {
            slug: slug.to_owned(),
            mode: FeedMode::Auto,
            url: None,
            fetched_url: None,
            etag: None,
            last_modified: None,
            fingerprint: None,
            parsed_at: None,
            checked_at: None,
            succeeded_at: None,
            error: None,
            failures: 0,
            next_at: None,
            meetings: 0,
        }
    }
}

/// One meeting as stored: a feed's occurrence (its times as instants, with the IANA zone to
/// show them in) and the group it is of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMeeting {
    pub slug: String,
    pub occurrence: Occurrence,
}

/// What a fetch came to, to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchResult {
    /// Nothing new (a 304, or a copy with the same fingerprint); fresh validators if any.
    Unchanged { etag: Option<String>, last_modified: Option<String> },
    /// A new copy, parsed: its meetings replace the group's.
    Parsed { etag: Option<String>, last_modified: Option<String>, fingerprint: String, meetings: Vec<Occurrence> },
    /// No good copy: the meetings stay as they were.
    Failed { error: String },
}

impl Store {
    /// Every group's feed state (groups never fetched and left on `auto` have none).
    pub fn feed_states(&self) -> Result<Vec<FeedState>, StoreError> {
        self.read(|tx| {
            let mut statement = tx.prepare(&format!("SELECT {FEED_COLUMNS} FROM feeds ORDER BY slug"))?;
            let rows = statement.query_map([], read_feed)?;
            rows.map(|row| row.map_err(Fault::from).and_then(|(state, mode)| with_mode(state, &mode)))
                .map(|state| state.and_then(|s| with_count(tx, s)))
                .collect()
        })
    }

    /// The feed state of `slug` (a fresh one when it has none yet).
    pub fn feed_state(&self, slug: &str) -> Result<FeedState, StoreError> {
        self.read(|tx| feed_in(tx, slug))
    }

    /// Sets how the feed of the listed group `slug` is chosen, recorded in its history; `None`
    /// when no such group is listed.
    pub fn set_feed(
        &self,
        slug: &str,
        mode: FeedMode,
        url: Option<&str>,
        decision: &Decision,
    ) -> Result<Option<FeedState>, StoreError> {
        self.write(|tx| {
            let Some(group) = group_in(tx, slug)? else { return Ok(None) };
            tx.execute(
                "INSERT INTO feeds (slug, mode, url, next_at) VALUES (?1, ?2, ?3, NULL)
                 ON CONFLICT (slug) DO UPDATE SET mode = ?2, url = ?3, next_at = NULL, failures = 0",
                params![slug, mode.slug(), url],
            )?;
            let how = match (mode, url) {
                (FeedMode::Url, Some(url)) => format!("calendar feed {url}"),
                (FeedMode::Off, _) => "calendar feed off".to_owned(),
                _ => "calendar feed from its links".to_owned(),
            };
            let note = Some(match &decision.note {
                Some(note) => format!("{how}: {note}"),
                None => how,
            });
            record_change(
                tx,
                slug,
                GroupAction::Calendar,
                &Decision { note, ..decision.clone() },
                Some(&group),
                Some(&group),
            )?;
            if mode == FeedMode::Off {
                // Meetings of a feed no longer read are no longer shown.
                if tx.execute("DELETE FROM meetings WHERE slug = ?1", params![slug])? > 0 {
                    bump_named(tx, REVISION)?;
                }
            }
            feed_in(tx, slug).map(Some)
        })
    }

    /// Records a fetch of `url` for `slug` at `at`, due again at `next_at`: the validators and
    /// fingerprint, the meetings of a new copy (replacing the group's, in one transaction), or
    /// the failure.
    pub fn record_fetch(
        &self,
        slug: &str,
        url: &str,
        at: Timestamp,
        next_at: Timestamp,
        result: FetchResult,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("INSERT INTO feeds (slug) VALUES (?1) ON CONFLICT (slug) DO NOTHING", params![slug])?;
            match result {
                FetchResult::Unchanged { etag, last_modified } => {
                    tx.execute(
                        "UPDATE feeds SET fetched_url = ?2, etag = COALESCE(?3, etag), last_modified = COALESCE(?4, last_modified),
                            checked_at = ?5, succeeded_at = ?5, error = NULL, failures = 0, next_at = ?6 WHERE slug = ?1",
                        params![slug, url, etag, last_modified, at, next_at],
                    )?;
                }
                FetchResult::Parsed { etag, last_modified, fingerprint, meetings } => {
                    tx.execute(
                        "UPDATE feeds SET fetched_url = ?2, etag = ?3, last_modified = ?4, fingerprint = ?5, parsed_at = ?6,
                            checked_at = ?6, succeeded_at = ?6, error = NULL, failures = 0, next_at = ?7 WHERE slug = ?1",
                        params![slug, url, etag, last_modified, fingerprint, at, next_at],
                    )?;
                    replace_meetings(tx, slug, &meetings)?;
                }
                FetchResult::Failed { error } => {
                    tx.execute(
                        "UPDATE feeds SET checked_at = ?2, error = ?3, failures = failures + 1, next_at = ?4 WHERE slug = ?1",
                        params![slug, at, error, next_at],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Every stored meeting, by start, with the meetings' revision.
    pub fn meetings(&self) -> Result<(i64, Vec<StoredMeeting>), StoreError> {
        self.read(|tx| {
            let revision = revision_in(tx)?;
            let mut statement = tx.prepare(&format!("SELECT {} FROM meetings ORDER BY {MEETING_ORDER}", columns()))?;
            let rows = statement
                .query_map([], |row| Ok(StoredMeeting { slug: row.get(0)?, occurrence: read_meeting(row)? }))?;
            Ok((revision, rows.collect::<Result<_, _>>()?))
        })
    }

    /// The meetings' revision: it moves on with every change of them, in any process.
    pub fn meetings_revision(&self) -> Result<i64, StoreError> {
        self.read(|tx| Ok(revision_in(tx)?))
    }
}

fn revision_in(tx: &Transaction) -> rusqlite::Result<i64> {
    Ok(meta_in(tx, REVISION)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Replaces the meetings of `slug`, moving the revision on only when they differ.
fn replace_meetings(tx: &Transaction, slug: &str, meetings: &[Occurrence]) -> Result<(), Fault> {
    let before: Vec<Occurrence> = {
        let mut statement =
            tx.prepare(&format!("SELECT {} FROM meetings WHERE slug = ?1 ORDER BY {MEETING_ORDER}", columns()))?;
        let rows = statement.query_map(params![slug], read_meeting)?;
        rows.collect::<Result<_, _>>()?
    };
    let mut after = meetings.to_vec();
    // As MEETING_ORDER sorts them (no recurrence ID, stored as '', comes first).
    after.sort_by(|a, b| (a.start, &a.uid, a.recurrence_id).cmp(&(b.start, &b.uid, b.recurrence_id)));
    if before == after {
        return Ok(());
    }
    tx.execute("DELETE FROM meetings WHERE slug = ?1", params![slug])?;
    let placeholders = (1..=MEETING_COLUMNS.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let mut insert = tx.prepare(&format!("INSERT OR REPLACE INTO meetings ({}) VALUES ({placeholders})", columns()))?;
    for o in &after {
        insert.execute(meeting_row(slug, o))?;
    }
    bump_named(tx, REVISION)?;
    Ok(())
}

const FEED_COLUMNS: &str = "slug, mode, url, fetched_url, etag, last_modified, fingerprint, parsed_at, checked_at, \
                            succeeded_at, error, failures, next_at";

fn read_feed(row: &Row) -> rusqlite::Result<(FeedState, String)> {
    Ok((
        FeedState {
            slug: row.get(0)?,
            mode: FeedMode::Auto,
            url: row.get(2)?,
            fetched_url: row.get(3)?,
            etag: row.get(4)?,
            last_modified: row.get(5)?,
            fingerprint: row.get(6)?,
            parsed_at: row.get(7)?,
            checked_at: row.get(8)?,
            succeeded_at: row.get(9)?,
            error: row.get(10)?,
            failures: row.get(11)?,
            next_at: row.get(12)?,
            meetings: 0,
        },
        row.get(1)?,
    ))
}

fn with_mode(mut state: FeedState, mode: &str) -> Result<FeedState, Fault> {
    state.mode = FeedMode::from_slug(mode).ok_or_else(|| Fault::Damaged {
        id: format!("feed of {}", state.slug),
        reason: format!("unknown mode `{mode}`"),
    })?;
    Ok(state)
}

fn with_count(tx: &Transaction, mut state: FeedState) -> Result<FeedState, Fault> {
    let count: i64 =
        tx.query_row("SELECT COUNT(*) FROM meetings WHERE slug = ?1", params![state.slug], |r| r.get(0))?;
    state.meetings = usize::try_from(count).unwrap_or_default();
    Ok(state)
}

fn feed_in(tx: &Transaction, slug: &str) -> Result<FeedState, Fault> {
    let row = tx
        .query_row(&format!("SELECT {FEED_COLUMNS} FROM feeds WHERE slug = ?1"), params![slug], read_feed)
        .optional()?;
    let state = match row {
        Some((state, mode)) => with_mode(state, &mode)?,
        None => FeedState::fresh(slug),
    };
    with_count(tx, state)
}

/// The columns of a meeting, in the order [`meeting_row`] writes them and [`read_meeting`]
/// reads them: the only place they are listed.
const MEETING_COLUMNS: [&str; 14] = [
    "slug",
    "uid",
    "recurrence_id",
    "title",
    "starts_at",
    "ends_at",
    "tz",
    "all_day",
    "place",
    "online",
    "url",
    "cancelled",
    "modified_at",
    "sequence",
];
const MEETING_ORDER: &str = "starts_at, slug, uid, recurrence_id";

fn columns() -> String {
    MEETING_COLUMNS.join(", ")
}

/// A meeting as a row of [`MEETING_COLUMNS`]: instants as [`Timestamp`]s (RFC 3339 text, which
/// compares as the times do), a one-off's recurrence ID as '' (it is part of the key).
fn meeting_row<'a>(slug: &'a str, o: &'a Occurrence) -> impl Params + 'a {
    (
        slug,
        &o.uid,
        o.recurrence_id.map(column).map(|t| t.to_string()).unwrap_or_default(),
        &o.title,
        column(o.start),
        o.end.map(column),
        o.tz.name(),
        o.all_day,
        &o.place,
        o.online,
        &o.url,
        o.cancelled,
        o.last_modified.map(column),
        o.sequence,
    )
}

/// A row of [`MEETING_COLUMNS`] as the meeting it holds (the slug, column 0, is the caller's).
fn read_meeting(row: &Row) -> rusqlite::Result<Occurrence> {
    let recurrence_id: String = row.get(2)?;
    let tz: String = row.get(6)?;
    Ok(Occurrence {
        uid: row.get(1)?,
        recurrence_id: Timestamp::parse(&recurrence_id).map(instant),
        title: row.get(3)?,
        start: instant(row.get(4)?),
        end: row.get::<_, Option<Timestamp>>(5)?.map(instant),
        // A zone this build does not know (written by a newer one) is shown as UTC, as the
        // instants stay right, rather than losing the meeting.
        tz: tz.parse().unwrap_or(chrono_tz::UTC),
        all_day: row.get(7)?,
        place: row.get(8)?,
        online: row.get(9)?,
        url: row.get(10)?,
        cancelled: row.get(11)?,
        last_modified: row.get::<_, Option<Timestamp>>(12)?.map(instant),
        sequence: row.get(13)?,
    })
}

/// An instant as a column holds it: to the second, as the feeds give them.
fn column(at: DateTime<Utc>) -> Timestamp {
    Timestamp::from_unix(at.timestamp())
}

fn instant(at: Timestamp) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(at.unix(), 0).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::{
        groups::tests::group,
        requests::tests::{at, by},
    };
    use rusqlite::types::ValueRef;

    /// A meeting as the feed reader gives it: a one-off at `start`, in Berlin, at c-base.
    pub(crate) fn meeting(uid: &str, start: &str) -> Occurrence {
        Occurrence {
            uid: uid.into(),
            recurrence_id: None,
            title: "Talks".into(),
            start: instant(at(start)),
            end: None,
            tz: chrono_tz::Europe::Berlin,
            all_day: false,
            place: Some("c-base".into()),
            online: false,
            url: None,
            cancelled: false,
            last_modified: None,
            sequence: 0,
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("requests.db")).unwrap();
        store.seed_directory(&[group("berlin")], "x", &by("upgrade", "2026-12-01T00:00:00Z")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_good_copy_replaces_the_meetings_and_a_failure_keeps_them() {
        let (_dir, store) = store();
        let url = "https://example.org/berlin.ics";
        let parsed = FetchResult::Parsed {
            etag: Some("\"v1\"".into()),
            last_modified: None,
            fingerprint: "f1".into(),
            meetings: vec![meeting("a", "2026-12-10T17:30:00Z"), meeting("b", "2027-01-14T17:30:00Z")],
        };
        store
            .record_fetch("berlin", url, at("2026-12-02T10:00:00Z"), at("2026-12-02T11:00:00Z"), parsed.clone())
            .unwrap();
        let (revision, meetings) = store.meetings().unwrap();
        assert_eq!((revision, meetings.len()), (1, 2));
        // The same copy again moves nothing on.
        store.record_fetch("berlin", url, at("2026-12-02T11:00:00Z"), at("2026-12-02T12:00:00Z"), parsed).unwrap();
        assert_eq!(store.meetings_revision().unwrap(), 1);

        let failed = FetchResult::Failed { error: "the feed's server answered 503".into() };
        store
            .record_fetch("berlin", url, at("2026-12-02T12:00:00Z"), at("2026-12-02T12:15:00Z"), failed.clone())
            .unwrap();
        store.record_fetch("berlin", url, at("2026-12-02T12:15:00Z"), at("2026-12-02T12:45:00Z"), failed).unwrap();
        let state = store.feed_state("berlin").unwrap();
        assert_eq!((state.failures, state.error.as_deref()), (2, Some("the feed's server answered 503")));
        assert_eq!(state.succeeded_at, Some(at("2026-12-02T11:00:00Z")));
        assert_eq!((state.etag.as_deref(), state.meetings), (Some("\"v1\""), 2), "the last good copy stays");

        store
            .record_fetch(
                "berlin",
                url,
                at("2026-12-02T13:00:00Z"),
                at("2026-12-02T14:00:00Z"),
                FetchResult::Unchanged { etag: None, last_modified: None },
            )
            .unwrap();
        let state = store.feed_state("berlin").unwrap();
        assert_eq!((state.failures, state.error), (0, None));
        assert_eq!(state.etag.as_deref(), Some("\"v1\""), "a 304 keeps the validators");
    }

    #[test]
    fn meetings_are_stored_as_text_an_existing_database_reads() {
        let (_dir, store) = store();
        let mut repeated = meeting("series", "2026-12-10T17:30:00Z");
        repeated.recurrence_id = Some(instant(at("2026-12-10T17:30:00Z")));
        repeated.end = Some(instant(at("2026-12-10T20:00:00Z")));
        repeated.last_modified = Some(instant(at("2026-11-01T08:00:00Z")));
        repeated.sequence = 3;
        let meetings = vec![meeting("one-off", "2026-12-03T17:30:00Z"), repeated];
        let parsed = FetchResult::Parsed {
            etag: None,
            last_modified: None,
            fingerprint: "f".into(),
            meetings: meetings.clone(),
        };
        store
            .record_fetch(
                "berlin",
                "https://x.org/b.ics",
                at("2026-12-02T10:00:00Z"),
                at("2026-12-02T11:00:00Z"),
                parsed,
            )
            .unwrap();
        let rows = store
            .read(|tx| {
                let mut statement = tx.prepare(
                    "SELECT uid, recurrence_id, starts_at, ends_at, tz, all_day, modified_at, sequence FROM meetings ORDER BY uid",
                )?;
                let rows = statement.query_map([], |r| {
                    let shown = |i| match r.get_ref(i) {
                        Ok(ValueRef::Text(text)) => format!("{:?}", String::from_utf8_lossy(text)),
                        Ok(ValueRef::Integer(n)) => n.to_string(),
                        Ok(ValueRef::Null) => "NULL".to_owned(),
                        other => format!("{other:?}"),
                    };
                    Ok((0..8).map(shown).collect::<Vec<_>>().join(" "))
                })?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .unwrap();
        assert_eq!(
            rows,
            [
                r#""one-off" "" "2026-12-03T17:30:00Z" NULL "Europe/Berlin" 0 NULL 0"#,
                r#""series" "2026-12-10T17:30:00Z" "2026-12-10T17:30:00Z" "2026-12-10T20:00:00Z" "Europe/Berlin" 0 "2026-11-01T08:00:00Z" 3"#,
            ]
        );
        let read: Vec<(String, Occurrence)> =
            store.meetings().unwrap().1.into_iter().map(|m| (m.slug, m.occurrence)).collect();
        assert_eq!(read, meetings.into_iter().map(|o| ("berlin".to_owned(), o)).collect::<Vec<_>>(), "read as written");
    }

    #[test]
    fn staff_choose_the_feed_and_it_is_in_the_groups_history() {
        let (_dir, store) = store();
        assert_eq!(store.feed_state("berlin").unwrap().mode, FeedMode::Auto);
        let set = store
            .set_feed("berlin", FeedMode::Url, Some("https://example.org/b.ics"), &by("ann", "2026-12-02T10:00:00Z"))
            .unwrap();
        assert_eq!(set.unwrap().url.as_deref(), Some("https://example.org/b.ics"));
        store
            .record_fetch(
                "berlin",
                "https://example.org/b.ics",
                at("2026-12-02T10:00:00Z"),
                at("2026-12-02T11:00:00Z"),
                FetchResult::Parsed {
                    etag: None,
                    last_modified: None,
                    fingerprint: "f".into(),
                    meetings: vec![meeting("a", "2026-12-10T17:30:00Z")],
                },
            )
            .unwrap();
        store.set_feed("berlin", FeedMode::Off, None, &by("ann", "2026-12-03T10:00:00Z")).unwrap();
        assert!(store.meetings().unwrap().1.is_empty(), "no meetings of a feed turned off");
        assert_eq!(store.set_feed("atlantis", FeedMode::Off, None, &by("ann", "2026-12-03T10:00:00Z")).unwrap(), None);
        let notes: Vec<_> = store.group_history("berlin").unwrap().into_iter().filter_map(|c| c.note).collect();
        assert!(notes.iter().any(|n| n == "calendar feed https://example.org/b.ics"), "{notes:?}");
        assert!(notes.iter().any(|n| n == "calendar feed off"), "{notes:?}");
        assert_eq!(store.feed_states().unwrap().len(), 1);
    }
}
