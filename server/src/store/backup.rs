//! Copies of the database and their checks: a consistent copy taken while the server keeps
//! serving and writing (SQLite's online backup, from one read snapshot, so writers are never
//! held up), what a copy holds and whether it is sound, and the erasure log a restore carries
//! over. The files themselves (where a copy goes, which are pruned, what is moved aside) are
//! `ops::backup`'s.

use std::{path::Path, time::Duration};

use rusqlite::{backup::Backup, params, Connection, OpenFlags};

use super::{schema::MIGRATIONS, Decision, Store, StoreError};
use crate::clock::Timestamp;

/// What a copy holds, once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspection {
    /// Its schema version (`PRAGMA user_version`).
    pub schema: i64,
    pub requests: i64,
    pub groups: i64,
    pub meetings: i64,
    pub erasures: i64,
}

impl std::fmt::Display for Inspection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "schema {}, {} requests, {} groups, {} meetings, {} erasures logged",
            self.schema, self.requests, self.groups, self.meetings, self.erasures
        )
    }
}

/// Why a copy cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("it is not a readable SQLite database ({0})")]
    Unreadable(rusqlite::Error),
    #[error("it is damaged: PRAGMA integrity_check says {0}")]
    Damaged(String),
    #[error(
        "it was written by a newer release (schema {found}, this one knows {known}): restore it with that release"
    )]
    Newer { found: i64, known: i64 },
    #[error("it is no groups-server database (schema {0}, no requests table)")]
    Foreign(i64),
}

impl From<rusqlite::Error> for CopyError {
    fn from(error: rusqlite::Error) -> CopyError {
        CopyError::Unreadable(error)
    }
}

/// One line of the erasure log: only the reference, when, by whom and why; never what was
/// erased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Erasure {
    pub request_id: String,
    pub at: Timestamp,
    pub by: String,
    pub reason: String,
}

/// Copies the database at `source` into the new file `dest` while other connections (the
/// server, staff commands) keep writing: the whole copy is made in one step, from one read
/// snapshot (in WAL mode a reader holds no writer up), so it is the database as of one
/// moment. The copy is a single file (its journal mode `DELETE`, no `-wal` beside it).
pub fn copy_database(source: &Path, dest: &Path) -> Result<(), rusqlite::Error> {
    // Read-write without create: a database in WAL mode is read through its `-shm`, which a
    // read-only connection may not be able to set up; nothing is written through it.
    let from =
        Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    from.busy_timeout(Duration::from_secs(5))?;
    let mut to = Connection::open(dest)?;
    {
        let backup = Backup::new(&from, &mut to)?;
        // -1: every page in one step. Copying in steps would start again whenever another
        // connection writes in between, which a busy server may do for ever.
        let mut tries = 0;
        loop {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => continue,
                // A checkpoint or a writer holds a lock for a moment.
                _ if tries < 100 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    return Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the database stayed locked for 5 s".into()),
                    ))
                }
            }
        }
    }
    to.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// Checks the copy at `path` and says what it holds: SQLite finds no damage, its schema is one
/// this release knows, and it has the server's tables. Opens it read-only: a check changes
/// nothing.
pub fn inspect(path: &Path) -> Result<Inspection, CopyError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    inspect_connection(&conn)
}

fn inspect_connection(conn: &Connection) -> Result<Inspection, CopyError> {
    let schema: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if schema > known {
        return Err(CopyError::Newer { found: schema, known });
    }
    let mut problems = Vec::new();
    {
        let mut check = conn.prepare("PRAGMA integrity_check")?;
        let mut rows = check.query([])?;
        while let Some(row) = rows.next()? {
            let line: String = row.get(0)?;
            if line != "ok" {
                problems.push(line);
            }
        }
    }
    if !problems.is_empty() {
        let shown = problems.iter().take(3).cloned().collect::<Vec<_>>().join("; ");
        return Err(CopyError::Damaged(shown));
    }
    let has = |table: &str| -> rusqlite::Result<bool> {
        conn.query_row("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n > 0)
    };
    if !has("group_requests")? {
        return Err(CopyError::Foreign(schema));
    }
    let count = |table: &str| -> rusqlite::Result<i64> {
        if has(table)? {
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        } else {
            Ok(0)
        }
    };
    Ok(Inspection {
        schema,
        requests: count("group_requests")?,
        groups: count("groups")?,
        meetings: count("meetings")?,
        erasures: count("erasures")?,
    })
}

/// The erasure log of the database at `path`, oldest first (empty for a database from before
/// the log existed).
pub fn erasure_log(path: &Path) -> Result<Vec<Erasure>, CopyError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let exists: i64 =
        conn.query_row("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'erasures'", [], |r| {
            r.get(0)
        })?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    let mut select = conn.prepare("SELECT request_id, at, by, reason FROM erasures ORDER BY seq")?;
    let log = select
        .query_map([], |r| Ok(Erasure { request_id: r.get(0)?, at: r.get(1)?, by: r.get(2)?, reason: r.get(3)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(log)
}

impl Store {
    /// Carries the erasure log `log` (read from the database being replaced) into this one,
    /// a restored copy: each request it names that this copy still holds is erased again, and
    /// every line this copy's log lacks is added, so a later restore knows of it too. Returns
    /// the references erased again.
    pub fn erase_again(&self, log: &[Erasure], now: Timestamp) -> Result<Vec<String>, StoreError> {
        let mut erased = Vec::new();
        for line in log {
            self.write(|tx| {
                let logged: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM erasures WHERE request_id = ?1 AND at = ?2",
                    params![line.request_id, line.at],
                    |r| r.get(0),
                )?;
                if logged == 0 {
                    tx.execute(
                        "INSERT INTO erasures (request_id, at, by, reason) VALUES (?1, ?2, ?3, ?4)",
                        params![line.request_id, line.at, line.by, line.reason],
                    )?;
                }
                Ok(())
            })?;
            let reason = format!("erased again after a restore (first erased {} by {})", line.at, line.by);
            let again = Decision::new("restore", now, Some(reason));
            // A sign-up for news of groups near a place is logged by its number.
            if let Some(id) = line.request_id.strip_prefix(super::ERASURE_PREFIX).and_then(|id| id.parse().ok()) {
                if self.erase_interest(id, &again)? {
                    erased.push(line.request_id.clone());
                }
            } else if self.get(&line.request_id)?.is_some() && self.erase(&line.request_id, &again)? {
                erased.push(line.request_id.clone());
            }
        }
        if !erased.is_empty() {
            self.compact()?;
        }
        Ok(erased)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::requests::tests::{by, record, ADA};

    fn store_with(dir: &Path, ids: &[&str]) -> Store {
        let store = Store::open(&dir.join("requests.db")).unwrap();
        for id in ids {
            let request = crate::store::NewRequest { id: (*id).into(), ..record(&format!("key-{id}"), ADA) };
            store.insert(&request, || unreachable!(), |_| Vec::new()).unwrap();
        }
        store
    }

    #[test]
    fn a_copy_is_one_file_that_passes_the_checks() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(dir.path(), &["GR-0000-0001", "GR-0000-0002"]);
        let copy = dir.path().join("copy.db");
        copy_database(store.path(), &copy).unwrap();
        assert!(!dir.path().join("copy.db-wal").exists());
        let seen = inspect(&copy).unwrap();
        assert_eq!((seen.schema, seen.requests, seen.erasures), (MIGRATIONS.len() as i64, 2, 0));
    }

    #[test]
    fn damaged_newer_and_foreign_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(dir.path(), &["GR-0000-0001"]);
        let copy = dir.path().join("copy.db");
        copy_database(store.path(), &copy).unwrap();

        let newer = dir.path().join("newer.db");
        std::fs::copy(&copy, &newer).unwrap();
        Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(inspect(&newer), Err(CopyError::Newer { found: 99, .. })));

        let truncated = dir.path().join("truncated.db");
        let bytes = std::fs::read(&copy).unwrap();
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
        assert!(inspect(&truncated).is_err(), "{:?}", inspect(&truncated));

        let text = dir.path().join("text.db");
        std::fs::write(&text, "not a database at all, but long enough to look like a header ......").unwrap();
        assert!(matches!(inspect(&text), Err(CopyError::Unreadable(_))));

        let other = dir.path().join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(matches!(inspect(&other), Err(CopyError::Foreign(0))));
    }

    #[test]
    fn a_restored_copy_forgets_again_what_was_erased_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(dir.path(), &["GR-0000-0001", "GR-0000-0002", "GR-0000-0003"]);
        store.erase("GR-0000-0003", &by("ann", "2026-11-01T00:00:00Z")).unwrap();
        let copy = dir.path().join("copy.db");
        copy_database(store.path(), &copy).unwrap();
        store.erase("GR-0000-0001", &by("ann", "2026-12-01T00:00:00Z")).unwrap();
        let log = erasure_log(store.path()).unwrap();
        assert_eq!(log.iter().map(|e| e.request_id.as_str()).collect::<Vec<_>>(), ["GR-0000-0003", "GR-0000-0001"]);

        let restored = Store::open_existing(&copy).unwrap();
        assert!(restored.get("GR-0000-0001").unwrap().is_some(), "the copy still holds it");
        let now: Timestamp = "2026-12-02T00:00:00Z".parse().unwrap();
        assert_eq!(restored.erase_again(&log, now).unwrap(), ["GR-0000-0001"]);
        assert!(restored.get("GR-0000-0001").unwrap().is_none());
        assert!(restored.get("GR-0000-0002").unwrap().is_some());
        let logged =
            |path: &Path| erasure_log(path).unwrap().into_iter().map(|e| (e.request_id, e.by)).collect::<Vec<_>>();
        let expected = [("GR-0000-0003", "ann"), ("GR-0000-0001", "ann"), ("GR-0000-0001", "restore")]
            .map(|(id, by)| (id.to_owned(), by.to_owned()));
        assert_eq!(logged(&copy), expected, "the first erasure, then the second");
        assert!(restored.erase_again(&log, now).unwrap().is_empty(), "once");
        assert_eq!(logged(&copy), expected, "no line twice");
    }
}
