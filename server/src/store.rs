//! The inbox's storage: new-group requests in SQLite, written durably (WAL, `synchronous =
//! FULL`) before the API answers 201, so an acknowledged request survives a crash.

use std::{
    path::{Path, PathBuf},
    sync::Mutex,
};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

/// One stored request, as staff see it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRequest {
    /// The reference number the visitor was shown.
    pub id: String,
    pub status: String,
    /// When the server received it, RFC 3339 UTC, by the server's own clock.
    pub received_at: String,
    pub idempotency_key: String,
    /// The validated request without its consent record or honeypot, as JSON text.
    pub request_json: String,
    pub consent_version: String,
    pub consent_text_sha256: String,
}

/// What storing a request did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Created(String),
    /// The same key with the same body was stored before: its id.
    Replayed(String),
    /// The same key was used for a different body.
    KeyReused,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the directory for the database {path}: {source}")]
    Directory { path: PathBuf, source: std::io::Error },
    #[error("no database at {0}: no request has been received yet, or --db names another file")]
    Missing(PathBuf),
    #[error("the request database {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
}

/// The database, one connection shared behind a lock: requests are rare and each write is a
/// short transaction.
pub struct Store {
    path: PathBuf,
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS group_requests (
    id                  TEXT PRIMARY KEY,
    status              TEXT NOT NULL DEFAULT 'pending',
    received_at         TEXT NOT NULL,
    idempotency_key     TEXT NOT NULL UNIQUE,
    body_sha256         TEXT NOT NULL,
    request_json        TEXT NOT NULL,
    consent_version     TEXT NOT NULL,
    consent_text_sha256 TEXT NOT NULL
);";

impl Store {
    /// Opens (creating if needed) the database for the server.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Directory { path: dir.to_path_buf(), source })?;
        }
        let sqlite = |source| StoreError::Sqlite { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(sqlite)?;
        // WAL keeps readers (the staff commands) from blocking the server; FULL makes every
        // commit reach the disk before it returns, which is what a 201 promises.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(sqlite)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(sqlite)?;
        conn.execute_batch(SCHEMA).map_err(sqlite)?;
        Ok(Store { path: path.to_path_buf(), conn: Mutex::new(conn) })
    }

    /// Opens an existing database for reading only (the staff commands never create one).
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|source| StoreError::Sqlite { path: path.to_path_buf(), source })?;
        Ok(Store { path: path.to_path_buf(), conn: Mutex::new(conn) })
    }

    fn sqlite(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }

    /// Stores `request` under `key` unless the key was used before, in one transaction.
    /// `new_id` makes a reference number; it is called again if one is already taken.
    pub fn insert(
        &self,
        request: &StoredRequest,
        body_sha256: &str,
        mut new_id: impl FnMut() -> String,
    ) -> Result<Outcome, StoreError> {
        let mut conn = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = conn.transaction().map_err(|e| self.sqlite(e))?;
        let existing: Option<(String, String)> = tx
            .query_row(
                "SELECT id, body_sha256 FROM group_requests WHERE idempotency_key = ?1",
                params![request.idempotency_key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| self.sqlite(e))?;
        if let Some((id, hash)) = existing {
            return Ok(if hash == body_sha256 { Outcome::Replayed(id) } else { Outcome::KeyReused });
        }
        let mut id = request.id.clone();
        loop {
            let taken: bool = tx
                .query_row("SELECT EXISTS(SELECT 1 FROM group_requests WHERE id = ?1)", params![id], |row| row.get(0))
                .map_err(|e| self.sqlite(e))?;
            if !taken {
                break;
            }
            id = new_id();
        }
        tx.execute(
            "INSERT INTO group_requests (id, status, received_at, idempotency_key, body_sha256, request_json, consent_version, consent_text_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                request.status,
                request.received_at,
                request.idempotency_key,
                body_sha256,
                request.request_json,
                request.consent_version,
                request.consent_text_sha256
            ],
        )
        .map_err(|e| self.sqlite(e))?;
        tx.commit().map_err(|e| self.sqlite(e))?;
        Ok(Outcome::Created(id))
    }

    /// Every stored request, oldest first.
    pub fn all(&self) -> Result<Vec<StoredRequest>, StoreError> {
        self.select("ORDER BY received_at, rowid", params![])
    }

    pub fn get(&self, id: &str) -> Result<Option<StoredRequest>, StoreError> {
        Ok(self.select("WHERE id = ?1", params![id])?.into_iter().next())
    }

    fn select(&self, tail: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<StoredRequest>, StoreError> {
        let conn = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let sql = format!(
            "SELECT id, status, received_at, idempotency_key, request_json, consent_version, consent_text_sha256 FROM group_requests {tail}"
        );
        let mut statement = conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        let rows = statement
            .query_map(args, |row| {
                Ok(StoredRequest {
                    id: row.get(0)?,
                    status: row.get(1)?,
                    received_at: row.get(2)?,
                    idempotency_key: row.get(3)?,
                    request_json: row.get(4)?,
                    consent_version: row.get(5)?,
                    consent_text_sha256: row.get(6)?,
                })
            })
            .map_err(|e| self.sqlite(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sqlite(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str) -> StoredRequest {
        StoredRequest {
            id: "GR-AAAA-AAAA".into(),
            status: "pending".into(),
            received_at: "2026-11-28T10:00:00Z".into(),
            idempotency_key: key.into(),
            request_json: "{}".into(),
            consent_version: "2026-11-01".into(),
            consent_text_sha256: "ab".into(),
        }
    }

    #[test]
    fn a_key_stores_once_and_replays_its_id() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nested/requests.db")).unwrap();
        assert_eq!(
            store.insert(&record("k1"), "h1", || unreachable!()).unwrap(),
            Outcome::Created("GR-AAAA-AAAA".into())
        );
        assert_eq!(
            store.insert(&record("k1"), "h1", || unreachable!()).unwrap(),
            Outcome::Replayed("GR-AAAA-AAAA".into())
        );
        assert_eq!(store.insert(&record("k1"), "h2", || unreachable!()).unwrap(), Outcome::KeyReused);
        // A second key whose first id is taken gets a fresh one.
        assert_eq!(
            store.insert(&record("k2"), "h1", || "GR-BBBB-BBBB".into()).unwrap(),
            Outcome::Created("GR-BBBB-BBBB".into())
        );
        let all = store.all().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(store.get("GR-BBBB-BBBB").unwrap().unwrap().idempotency_key, "k2");
        assert_eq!(store.get("GR-NONE").unwrap(), None);
    }

    #[test]
    fn the_database_is_durable_and_readable_by_staff() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("requests.db");
        assert!(matches!(Store::open_existing(&path), Err(StoreError::Missing(_))));
        let store = Store::open(&path).unwrap();
        let conn = store.conn.lock().unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "FULL");
        drop(conn);
        store.insert(&record("k"), "h", || unreachable!()).unwrap();
        assert_eq!(Store::open_existing(&path).unwrap().all().unwrap().len(), 1);
    }
}
