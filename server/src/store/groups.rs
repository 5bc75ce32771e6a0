//! Owns the directory, its one source of truth in the database: a row per listed group, changed
//! only in write transactions (so writers in several processes lose nothing), each change in
//! the group's history with who made it and the record before and after, and a revision
//! number that every change moves on, by which the server knows to publish again.
//!
//! A record is stored as `groups_core::directory` checks it; one read back that fails the
//! rules (edited by hand in the database) is reported as damaged, never published.

use std::path::Path;

use groups_core::{
    answer::RequestStatus,
    directory::{self, GroupRecord, RawRecord},
    links::Link,
};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{
    history::{change_in, record_change, GroupAction, GroupChange},
    meta::{bump_named, meta_in},
    requests::{decide_in, Decided},
    Decision, Fault, Store, StoreError,
};

/// What an import changes (or would change).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DirectoryDiff {
    pub added: Vec<GroupRecord>,
    /// (before, after)
    pub changed: Vec<(GroupRecord, GroupRecord)>,
    pub removed: Vec<GroupRecord>,
}

impl DirectoryDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Where the directory was first read from, in the `meta` table: once set, the directory is in
/// the database and no file is read again.
pub const SEEDED_FROM: &str = "directory_seeded_from";
const REVISION: &str = "directory_revision";

/// What an approval did.
#[derive(Debug, PartialEq)]
pub enum Approved {
    /// Decided and listed; the request as it is now.
    Done(super::StoredRequest),
    /// Another request or group has the slug: its name.
    SlugTaken(String),
    /// Not pending: as it is.
    Decided(Decided),
}

/// What closing a group did.
#[derive(Debug, PartialEq)]
pub struct Closed {
    pub record: GroupRecord,
    /// The requests it was published from, whose organisers' 12-month clock starts now.
    pub requests: Vec<String>,
}

impl Store {
    /// Every listed group, in the directory's order.
    pub fn groups(&self) -> Result<Vec<GroupRecord>, StoreError> {
        self.read(groups_in)
    }

    pub fn group(&self, slug: &str) -> Result<Option<GroupRecord>, StoreError> {
        self.read(|tx| group_in(tx, slug))
    }

    /// The directory's revision: it moves on with every change, in any process.
    pub fn directory_revision(&self) -> Result<i64, StoreError> {
        self.read(|tx| Ok(revision_in(tx)?))
    }

    /// The directory with its revision, read at one moment.
    pub fn directory(&self) -> Result<(i64, Vec<GroupRecord>), StoreError> {
        self.read(|tx| Ok((revision_in(tx)?, groups_in(tx)?)))
    }

    /// Where the directory was first read from, once it has been.
    pub fn directory_seeded_from(&self) -> Result<Option<String>, StoreError> {
        self.read(|tx| Ok(meta_in(tx, SEEDED_FROM)?))
    }

    /// Puts `groups` in an empty directory, once: the first start after the directory moved
    /// into the database brings in the file it was kept in. False when it was done before.
    pub fn seed_directory(&self, groups: &[GroupRecord], from: &str, decision: &Decision) -> Result<bool, StoreError> {
        self.write(|tx| {
            if meta_in(tx, SEEDED_FROM)?.is_some() {
                return Ok(false);
            }
            for group in groups {
                put(tx, group)?;
                record_change(tx, &group.slug, GroupAction::Seeded, decision, None, Some(group))?;
            }
            tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![SEEDED_FROM, from])?;
            bump(tx)?;
            Ok(true)
        })
    }

    /// Makes the directory `groups` (a whole file, already checked), recording each change;
    /// with `dry_run` only says what would change.
    pub fn import_directory(
        &self,
        groups: &[GroupRecord],
        decision: &Decision,
        dry_run: bool,
    ) -> Result<DirectoryDiff, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let current = groups_in(&tx)?;
            let mut diff = DirectoryDiff::default();
            for group in groups {
                match current.iter().find(|g| g.slug == group.slug) {
                    None => diff.added.push(group.clone()),
                    Some(before) if before != group => diff.changed.push((before.clone(), group.clone())),
                    Some(_) => {}
                }
            }
            diff.removed = current.iter().filter(|g| !groups.iter().any(|n| n.slug == g.slug)).cloned().collect();
            if dry_run || diff.is_empty() {
                return Ok(diff);
            }
            for group in &diff.added {
                put(&tx, group)?;
                record_change(&tx, &group.slug, GroupAction::Imported, decision, None, Some(group))?;
            }
            for (before, after) in &diff.changed {
                put(&tx, after)?;
                record_change(&tx, &after.slug, GroupAction::Imported, decision, Some(before), Some(after))?;
            }
            for group in &diff.removed {
                tx.execute("DELETE FROM groups WHERE slug = ?1", params![group.slug])?;
                record_change(&tx, &group.slug, GroupAction::Imported, decision, Some(group), None)?;
            }
            bump(&tx)?;
            tx.commit()?;
            Ok(diff)
        })
    }

    /// Approves the pending request `id` and lists `record`, in one transaction: a request is
    /// approved only if its group is listed, and its group is listed only if it is approved.
    pub fn approve(&self, id: &str, record: &GroupRecord, decision: &Decision) -> Result<Approved, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            if let Some(listed) = group_in(&tx, &record.slug)? {
                return Ok(Approved::SlugTaken(listed.name));
            }
            let taken_by: Option<String> = tx
                .query_row(
                    "SELECT id FROM group_requests WHERE group_slug = ?1 AND id <> ?2",
                    params![record.slug, id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = taken_by {
                return Ok(Approved::SlugTaken(format!("request {other}")));
            }
            match decide_in(&tx, id, RequestStatus::Approved, decision, Some(&record.slug))? {
                Decided::Done(request) => {
                    put(&tx, record)?;
                    record_change(&tx, &record.slug, GroupAction::Listed, decision, None, Some(record))?;
                    bump(&tx)?;
                    tx.commit()?;
                    Ok(Approved::Done(request))
                }
                other => Ok(Approved::Decided(other)),
            }
        })
    }

    /// Changes a listed group's record (same slug), recording who did it.
    /// `apply` makes the group's new record from the one saved, inside the write transaction,
    /// so that nothing saved meanwhile is lost; it may refuse (`Err`), and then nothing changes.
    /// `Ok(None)`: no such group, or nothing changed.
    pub fn edit_group<E>(
        &self,
        slug: &str,
        action: GroupAction,
        decision: &Decision,
        apply: impl FnOnce(&GroupRecord) -> Result<GroupRecord, E>,
    ) -> Result<Result<Option<GroupChange>, E>, StoreError> {
        self.write(|tx| {
            let Some(before) = group_in(tx, slug)? else { return Ok(Ok(None)) };
            let record = match apply(&before) {
                Ok(record) => record,
                Err(refused) => return Ok(Err(refused)),
            };
            if before == record {
                return Ok(Ok(None));
            }
            put(tx, &record)?;
            let seq = record_change(tx, &record.slug, action, decision, Some(&before), Some(&record))?;
            bump(tx)?;
            Ok(Ok(change_in(tx, seq)?))
        })
    }

    /// Takes the group `slug` off the directory and starts the 12-month clock of the requests
    /// it was published from, in one transaction. `None` when no such group is listed.
    pub fn close_group(&self, slug: &str, decision: &Decision) -> Result<Option<Closed>, StoreError> {
        self.write(|tx| {
            let Some(record) = group_in(tx, slug)? else { return Ok(None) };
            tx.execute("DELETE FROM groups WHERE slug = ?1", params![slug])?;
            record_change(tx, slug, GroupAction::Closed, decision, Some(&record), None)?;
            let requests = Store::close_requests_of(tx, slug, decision)?;
            // Its organisers' links stop working with it.
            super::keys::revoke_in(tx, slug)?;
            for id in &requests {
                super::keys::revoke_in(tx, id)?;
            }
            bump(tx)?;
            Ok(Some(Closed { record, requests }))
        })
    }

    /// Undoes the change `seq` of the group `slug`: the group becomes as it was before it (off
    /// the directory again if the change listed it, back on if it closed it). Refused when a
    /// later change is in the way: undo that one first.
    pub fn revert_change(
        &self,
        slug: &str,
        seq: i64,
        decision: &Decision,
    ) -> Result<Result<GroupChange, String>, StoreError> {
        self.write(|tx| {
            let Some(change) = change_in(tx, seq)?.filter(|c| c.slug == slug) else {
                return Ok(Err(format!("the group `{slug}` has no change {seq}: `groups history {slug}` lists them")));
            };
            let now = group_in(tx, slug)?;
            if now != change.after {
                return Ok(Err(format!(
                    "the group `{slug}` has changed since change {seq}: undo the later changes first (`groups history {slug}`)"
                )));
            }
            match &change.before {
                Some(record) => put(tx, record)?,
                None => {
                    tx.execute("DELETE FROM groups WHERE slug = ?1", params![slug])?;
                }
            }
            let note = Some(decision.note.clone().unwrap_or_else(|| format!("undoes change {seq}")));
            let undo = Decision { note, ..decision.clone() };
            let new = record_change(tx, slug, GroupAction::Reverted, &undo, now.as_ref(), change.before.as_ref())?;
            bump(tx)?;
            Ok(Ok(change_in(tx, new)?.expect("just written")))
        })
    }

    /// Writes the directory to `path` as `groups.json` (atomically), holding the write lock
    /// while it does: two processes exporting after their changes cannot leave the older copy.
    pub fn export_directory(&self, path: &Path) -> Result<(), StoreError> {
        let written = self.with(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let text = directory::write(&groups_in(&tx)?);
            let written = crate::files::write_atomically(path, text.as_bytes());
            tx.commit()?;
            Ok(written)
        })?;
        written.map_err(|source| StoreError::Export { path: path.to_path_buf(), source })
    }
}

fn revision_in(tx: &Transaction) -> rusqlite::Result<i64> {
    Ok(meta_in(tx, REVISION)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn bump(tx: &Transaction) -> rusqlite::Result<()> {
    bump_named(tx, REVISION)
}

const GROUP_COLUMNS: &str = "slug, name, city, country, lat, lon, status, description, checked, links";

pub(super) fn groups_in(tx: &Transaction) -> Result<Vec<GroupRecord>, Fault> {
    let mut statement = tx.prepare(&format!("SELECT {GROUP_COLUMNS} FROM groups"))?;
    let rows = statement.query_map([], read_group)?;
    let mut groups = rows.map(|row| row.map_err(Fault::from).and_then(checked)).collect::<Result<Vec<_>, _>>()?;
    directory::sort(&mut groups);
    Ok(groups)
}

pub(super) fn group_in(tx: &Transaction, slug: &str) -> Result<Option<GroupRecord>, Fault> {
    tx.query_row(&format!("SELECT {GROUP_COLUMNS} FROM groups WHERE slug = ?1"), params![slug], read_group)
        .optional()?
        .map(checked)
        .transpose()
}

/// A row as written, with its links as JSON text, before the rules are checked.
type RawRow = (RawRecord, String);

fn read_group(row: &Row) -> rusqlite::Result<RawRow> {
    let status: String = row.get(6)?;
    let checked: Option<String> = row.get(8)?;
    Ok((
        RawRecord {
            slug: row.get(0)?,
            name: row.get(1)?,
            city: row.get(2)?,
            country: row.get(3)?,
            lat: row.get(4)?,
            lon: row.get(5)?,
            status: groups_core::directory::Status::from_slug(&status).unwrap_or(groups_core::directory::Status::New),
            links: Vec::new(),
            description: row.get(7)?,
            checked: checked.as_deref().and_then(groups_core::directory::Month::parse),
        },
        row.get(9)?,
    ))
}

fn checked((mut raw, links): RawRow) -> Result<GroupRecord, Fault> {
    let slug = raw.slug.clone();
    let damaged = |reason: String| Fault::Damaged { id: format!("group {slug}"), reason };
    raw.links = serde_json::from_str::<Vec<Link>>(&links).map_err(|e| damaged(format!("its links: {e}")))?;
    GroupRecord::check(raw).map_err(damaged)
}

fn put(tx: &Transaction, group: &GroupRecord) -> rusqlite::Result<()> {
    let links = serde_json::to_string(&group.links).expect("links are plain data");
    tx.execute(
        &format!(
            "INSERT INTO groups ({GROUP_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (slug) DO UPDATE SET name = ?2, city = ?3, country = ?4, lat = ?5, lon = ?6,
                 status = ?7, description = ?8, checked = ?9, links = ?10"
        ),
        params![
            group.slug,
            group.name,
            group.city,
            group.country.code,
            group.lat,
            group.lon,
            group.status.slug(),
            group.description,
            group.checked.map(|m| m.to_string()),
            links
        ],
    )
    .map(drop)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::requests::tests::{at, by, record, ADA};

    pub(crate) use groups_core::fixtures::group;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("requests.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn the_directory_is_seeded_once_and_every_change_moves_its_revision() {
        let (_dir, store) = store();
        assert_eq!(store.directory_revision().unwrap(), 0);
        let seed = by("upgrade", "2026-12-01T00:00:00Z");
        assert!(store.seed_directory(&[group("berlin"), group("alpha")], "var/groups.json", &seed).unwrap());
        assert!(!store.seed_directory(&[group("other")], "var/groups.json", &seed).unwrap(), "once");
        assert_eq!(store.directory_seeded_from().unwrap().as_deref(), Some("var/groups.json"));
        let (revision, groups) = store.directory().unwrap();
        assert_eq!(revision, 1);
        assert_eq!(groups.iter().map(|g| g.slug.as_str()).collect::<Vec<_>>(), ["alpha", "berlin"]);

        let mut edited = group("berlin");
        edited.description = Some("Monthly talks.".into());
        let edit = |to: &GroupRecord| {
            let to = to.clone();
            store.edit_group("berlin", GroupAction::Edited, &by("ann", "2026-12-02T00:00:00Z"), |_| Ok::<_, ()>(to))
        };
        let change = edit(&edited).unwrap().unwrap().unwrap();
        assert_eq!((change.before.as_ref(), change.after.as_ref()), (Some(&group("berlin")), Some(&edited)));
        assert_eq!(edit(&edited).unwrap(), Ok(None), "no change");
        let refused =
            store.edit_group("berlin", GroupAction::Edited, &by("ann", "2026-12-02T00:00:00Z"), |_| Err("no"));
        assert_eq!(refused.unwrap(), Err("no"));
        assert_eq!(store.directory_revision().unwrap(), 2);
    }

    #[test]
    fn an_import_adds_changes_and_removes_and_a_dry_run_only_says_so() {
        let (_dir, store) = store();
        store.seed_directory(&[group("a"), group("b")], "x", &by("upgrade", "2026-12-01T00:00:00Z")).unwrap();
        let mut b = group("b");
        b.name = "OpenStack Bee".into();
        let wanted = [b.clone(), group("c")];
        let ann = by("ann", "2026-12-02T00:00:00Z");
        let diff = store.import_directory(&wanted, &ann, true).unwrap();
        assert_eq!(diff.added, [group("c")]);
        assert_eq!(diff.changed, [(group("b"), b.clone())]);
        assert_eq!(diff.removed, [group("a")]);
        assert_eq!(store.groups().unwrap().len(), 2, "a dry run changes nothing");
        assert_eq!(store.import_directory(&wanted, &ann, false).unwrap(), diff);
        assert_eq!(store.groups().unwrap(), [b, group("c")]);
        assert!(
            store.import_directory(&wanted, &ann, false).unwrap().is_empty(),
            "the same file twice changes nothing"
        );
        let actions: Vec<_> = store.group_history("a").unwrap().into_iter().map(|c| c.action).collect();
        assert_eq!(actions, [GroupAction::Seeded, GroupAction::Imported]);
    }

    #[test]
    fn an_approval_lists_its_group_in_the_same_transaction() {
        let (_dir, store) = store();
        store.insert(&record("k1", ADA), || unreachable!(), |_| Vec::new()).unwrap();
        let ann = by("ann", "2026-12-01T00:00:00Z");
        let Approved::Done(request) = store.approve("GR-AAAA-AAAA", &group("leipzig"), &ann).unwrap() else { panic!() };
        assert_eq!((request.status, request.group_slug.as_deref()), (RequestStatus::Approved, Some("leipzig")));
        assert_eq!(store.group("leipzig").unwrap(), Some(group("leipzig")));
        assert!(matches!(store.approve("GR-AAAA-AAAA", &group("leipzig"), &ann).unwrap(), Approved::SlugTaken(_)));
        assert!(matches!(
            store.approve("GR-AAAA-AAAA", &group("other"), &ann).unwrap(),
            Approved::Decided(Decided::Already(_))
        ));
        assert_eq!(store.groups().unwrap().len(), 1, "nothing listed without an approval");
    }

    #[test]
    fn closing_and_reverting_are_changes_too() {
        let (_dir, store) = store();
        store.insert(&record("k1", ADA), || unreachable!(), |_| Vec::new()).unwrap();
        store.approve("GR-AAAA-AAAA", &group("leipzig"), &by("ann", "2026-12-01T00:00:00Z")).unwrap();
        let closed = store.close_group("leipzig", &by("ann", "2027-01-01T00:00:00Z")).unwrap().unwrap();
        assert_eq!(closed.requests, ["GR-AAAA-AAAA"]);
        assert_eq!(store.get("GR-AAAA-AAAA").unwrap().unwrap().group_closed_at, Some(at("2027-01-01T00:00:00Z")));
        assert_eq!(store.close_group("leipzig", &by("ann", "2027-01-02T00:00:00Z")).unwrap(), None);

        let history = store.group_history("leipzig").unwrap();
        assert_eq!(history.iter().map(|c| c.action).collect::<Vec<_>>(), [GroupAction::Listed, GroupAction::Closed]);
        // Undoing the listing is refused while the closing stands; undoing the closing lists it again.
        assert!(store.revert_change("leipzig", history[0].seq, &by("bob", "2027-01-03T00:00:00Z")).unwrap().is_err());
        let undone =
            store.revert_change("leipzig", history[1].seq, &by("bob", "2027-01-03T00:00:00Z")).unwrap().unwrap();
        assert_eq!(undone.action, GroupAction::Reverted);
        assert_eq!(store.group("leipzig").unwrap(), Some(group("leipzig")));
        assert!(store.revert_change("leipzig", 999, &by("bob", "2027-01-03T00:00:00Z")).unwrap().is_err());
    }

    #[test]
    fn the_history_cannot_be_rewritten() {
        let (_dir, store) = store();
        store.seed_directory(&[group("a")], "x", &by("upgrade", "2026-12-01T00:00:00Z")).unwrap();
        let conn = store.lock();
        assert!(conn.execute("UPDATE group_history SET by = 'mallory'", []).is_err());
        assert!(conn.execute("DELETE FROM group_history", []).is_err());
    }
}
