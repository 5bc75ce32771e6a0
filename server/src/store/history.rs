//! The two append-only histories, beneath every area that writes them: a request's (who did
//! what to it, when and why) and a group's (each change with the record before and after, by
//! which staff revert it). They read and write only their own tables.

use groups_core::{answer::RequestStatus, directory::GroupRecord};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{Decision, Fault, Store, StoreError};
use crate::clock::Timestamp;

groups_core::slug_enum! {
    /// What happened to a request, in its history.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RequestAction {
        Received = ("received", "received by the inbox"),
        Approved = ("approved", "approved"),
        Declined = ("declined", "declined"),
        Withdrawn = ("withdrawn", "withdrawn"),
        /// Its organiser changed the group's details while it waited (the note says which).
        Edited = ("edited", "changed by its organiser"),
        GroupClosed = ("group-closed", "its group closed"),
        OrganizersDeleted = ("organizers-deleted", "its organisers' details deleted"),
        /// A new private link: the one before stops working.
        KeyIssued = ("key-issued", "a new private link issued"),
        /// A receipt or notice the limits on mail a request causes did not send.
        MailWithheld = ("mail-withheld", "a message withheld by the limits on mail"),
    }
}

impl RequestAction {
    /// The action that gives a request `status`.
    pub fn deciding(status: RequestStatus) -> RequestAction {
        match status {
            RequestStatus::Pending => RequestAction::Received,
            RequestStatus::Approved => RequestAction::Approved,
            RequestStatus::Declined => RequestAction::Declined,
            RequestStatus::Withdrawn => RequestAction::Withdrawn,
        }
    }
}

/// One line of a request's history: who did what, when, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: Timestamp,
    pub action: RequestAction,
    pub by: String,
    pub note: Option<String>,
}

groups_core::slug_enum! {
    /// What happened to a group of the directory, in its history.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum GroupAction {
        Seeded = ("seeded", "brought in when the directory moved into the database"),
        Imported = ("imported", "changed by an import"),
        Listed = ("listed", "listed on approval"),
        Edited = ("edited", "edited"),
        Closed = ("closed", "taken off the directory"),
        Reverted = ("reverted", "a change undone"),
        /// Its calendar feed chosen by staff (the record itself is unchanged; the note says how).
        Calendar = ("calendar", "its calendar feed set"),
        /// Its details confirmed as current by its organisers (`checked` becomes this month).
        Confirmed = ("confirmed", "its details confirmed as current"),
        /// A new private link for its organisers (the record itself is unchanged).
        KeyIssued = ("key-issued", "a new private link issued to its organisers"),
    }
}

/// One change of a group: its number (to revert it by), who made it, when and why, and the
/// record before and after (none before it was listed, none after it was taken off).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupChange {
    pub seq: i64,
    pub slug: String,
    pub at: Timestamp,
    pub action: GroupAction,
    pub by: String,
    pub note: Option<String>,
    pub before: Option<GroupRecord>,
    pub after: Option<GroupRecord>,
}

impl Store {
    /// A request's history, oldest first.
    pub fn history(&self, id: &str) -> Result<Vec<HistoryEntry>, StoreError> {
        self.read(|tx| {
            let mut statement =
                tx.prepare("SELECT at, action, by, note FROM request_history WHERE request_id = ?1 ORDER BY seq")?;
            let rows = statement.query_map(params![id], |row| {
                Ok((row.get::<_, Timestamp>(0)?, row.get::<_, String>(1)?, row.get(2)?, row.get(3)?))
            })?;
            let mut history = Vec::new();
            for row in rows {
                let (at, action, by, note) = row?;
                let action = RequestAction::from_slug(&action).ok_or_else(|| Fault::Damaged {
                    id: id.to_owned(),
                    reason: format!("unknown action `{action}`"),
                })?;
                history.push(HistoryEntry { at, action, by, note });
            }
            Ok(history)
        })
    }

    /// Every change of the group `slug`, oldest first (also of a group no longer listed).
    pub fn group_history(&self, slug: &str) -> Result<Vec<GroupChange>, StoreError> {
        self.read(|tx| {
            let mut statement =
                tx.prepare(&format!("SELECT {CHANGE_COLUMNS} FROM group_history WHERE slug = ?1 ORDER BY seq"))?;
            let rows = statement.query_map(params![slug], read_change)?;
            rows.map(|row| row.map_err(Fault::from).and_then(checked_change)).collect()
        })
    }
}

pub(super) fn add_history(
    tx: &Transaction,
    id: &str,
    action: RequestAction,
    decision: &Decision,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO request_history (request_id, at, action, by, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, decision.at, action.slug(), decision.by, decision.note],
    )
    .map(drop)
}

pub(super) fn record_change(
    tx: &Transaction,
    slug: &str,
    action: GroupAction,
    decision: &Decision,
    before: Option<&GroupRecord>,
    after: Option<&GroupRecord>,
) -> rusqlite::Result<i64> {
    let json = |g: Option<&GroupRecord>| g.map(|g| serde_json::to_string(g).expect("records are plain data"));
    tx.execute(
        "INSERT INTO group_history (slug, at, action, by, note, before_json, after_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![slug, decision.at, action.slug(), decision.by, decision.note, json(before), json(after)],
    )?;
    Ok(tx.last_insert_rowid())
}

const CHANGE_COLUMNS: &str = "seq, slug, at, action, by, note, before_json, after_json";

type RawChange = (i64, String, Timestamp, String, String, Option<String>, Option<String>, Option<String>);

fn read_change(row: &Row) -> rusqlite::Result<RawChange> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?, row.get(7)?))
}

fn checked_change((seq, slug, at, action, by, note, before, after): RawChange) -> Result<GroupChange, Fault> {
    let damaged = |reason: String| Fault::Damaged { id: format!("change {seq} of group {slug}"), reason };
    let record = |json: Option<String>| -> Result<Option<GroupRecord>, Fault> {
        json.map(|j| serde_json::from_str::<GroupRecord>(&j).map_err(|e| damaged(e.to_string()))).transpose()
    };
    Ok(GroupChange {
        action: GroupAction::from_slug(&action).ok_or_else(|| damaged(format!("unknown action `{action}`")))?,
        before: record(before)?,
        after: record(after)?,
        seq,
        slug,
        at,
        by,
        note,
    })
}

pub(super) fn change_in(tx: &Transaction, seq: i64) -> Result<Option<GroupChange>, Fault> {
    tx.query_row(&format!("SELECT {CHANGE_COLUMNS} FROM group_history WHERE seq = ?1"), params![seq], read_change)
        .optional()?
        .map(checked_change)
        .transpose()
}
