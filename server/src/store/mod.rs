//! The server's storage, in SQLite: new-group requests, their decisions and an append-only
//! history, and the directory of groups with the history of its changes, written durably (WAL, `synchronous = FULL`) before the API answers, so an
//! acknowledged request survives a crash.
//!
//! The database and its `-wal`/`-shm` files are private to the server's user (0600, the
//! folder 0700): they hold organisers' names and addresses. Deleted rows are overwritten
//! (`secure_delete`), and erasure ends with [`Store::compact`], so a deleted address is in no
//! byte of the files afterwards.

mod directory;
mod erasure;
mod keys;
mod meetings;
mod outbox;
mod requests;
pub mod schema;

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use directory::{Approved, Closed, DirectoryDiff, GroupAction, GroupChange, SEEDED_FROM};
pub use erasure::{PurgePlan, Purgeable};
pub use keys::KeyHolder;
pub use meetings::{FeedMode, FeedState, FetchResult, StoredMeeting};
pub use outbox::{Mail, MailKind, MailState, NewMail, LINK_SLOT};
pub use requests::{Decided, HistoryEntry, NewRequest, Outcome, RequestAction, StoredRequest};

use crate::clock::Timestamp;

/// Who acts, when, and why: every change to a request or to the directory records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// A staff member's name, `inbox`, or an organiser's request (`organiser of GR-…`).
    pub by: String,
    pub at: Timestamp,
    /// Why, for the history; never shown to visitors.
    pub note: Option<String>,
    /// What staff write to the organiser with a decision on their request (their private
    /// page shows it), apart from the internal note.
    pub message: Option<String>,
    /// The mail that tells of it, queued in the same transaction when the change is made.
    pub mail: Vec<outbox::NewMail>,
}

impl Decision {
    pub fn new(by: impl Into<String>, at: Timestamp, note: Option<String>) -> Decision {
        Decision { by: by.into(), at, note, message: None, mail: Vec::new() }
    }

    /// The same decision, telling of it by `mail`.
    pub fn with_mail(self, mail: Vec<outbox::NewMail>) -> Decision {
        Decision { mail, ..self }
    }

    /// The same decision, with a message to the organiser.
    pub fn with_message(self, message: Option<String>) -> Decision {
        Decision { message: message.map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()), ..self }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the directory for the database {path}: {source}")]
    Directory { path: PathBuf, source: std::io::Error },
    #[error("cannot make the database {path} private to this user: {source}")]
    Permissions { path: PathBuf, source: std::io::Error },
    #[error("no database at {0}: no request has been received yet, or --db names another file")]
    Missing(PathBuf),
    #[error("the request database {path}: {source}")]
    Schema { path: PathBuf, source: schema::SchemaError },
    #[error("the request database {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("the request database {path} holds a damaged record {id}: {reason}")]
    Damaged { path: PathBuf, id: String, reason: String },
    #[error("a database task of {0} was interrupted")]
    Interrupted(PathBuf),
    #[error("cannot write the directory to {path}: {source}")]
    Export { path: PathBuf, source: std::io::Error },
}

/// What can go wrong inside a database call, before it is told which database it was in.
#[derive(Debug)]
pub(crate) enum Fault {
    Sqlite(rusqlite::Error),
    Damaged { id: String, reason: String },
}

impl From<rusqlite::Error> for Fault {
    fn from(error: rusqlite::Error) -> Fault {
        Fault::Sqlite(error)
    }
}

impl StoreError {
    /// Whether the failure is the database being unavailable for a while (busy, locked, full,
    /// read-only, unreachable) rather than a fault: the API answers 503 with `Retry-After`,
    /// which the form retries, instead of 500.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Sqlite { source, .. } => is_unavailable(source),
            StoreError::Directory { .. } | StoreError::Permissions { .. } | StoreError::Missing(_) => true,
            StoreError::Schema { .. }
            | StoreError::Damaged { .. }
            | StoreError::Interrupted(_)
            | StoreError::Export { .. } => false,
        }
    }
}

/// SQLite's codes for "cannot write now": another writer holds the lock, the disk or the
/// database's size limit is full, the file is read-only, or it cannot be reached.
pub fn is_unavailable(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(
            ErrorCode::DatabaseBusy
                | ErrorCode::DatabaseLocked
                | ErrorCode::DiskFull
                | ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
                | ErrorCode::SystemIoFailure
        )
    )
}

/// The database, one connection shared behind a lock: requests are rare and each write is a
/// short transaction. Writes take the write lock when they begin (`BEGIN IMMEDIATE`), so a
/// writer that finds another (a staff command) waits for it rather than failing at once.
pub struct Store {
    path: PathBuf,
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens the database for the server, creating it (and its folder) private to this user if
    /// needed, and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            private_dir(dir).map_err(|source| StoreError::Directory { path: dir.to_path_buf(), source })?;
        }
        if !path.exists() {
            private_file(path).map_err(|source| StoreError::Permissions { path: path.to_path_buf(), source })?;
        }
        Self::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    }

    /// Opens an existing database for the staff commands, which never create one.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        Self::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Store, StoreError> {
        let sqlite = |source| StoreError::Sqlite { path: path.to_path_buf(), source };
        let mut conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        // A database left readable by others (as the first release created it) is made private.
        tighten(path).map_err(|source| StoreError::Permissions { path: path.to_path_buf(), source })?;
        // WAL keeps readers (the staff commands) from blocking the server; FULL makes every
        // commit reach the disk before it returns, which is what a 201 promises; deleted
        // content is overwritten rather than left in free pages.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(sqlite)?;
        conn.pragma_update(None, "secure_delete", "ON").map_err(sqlite)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(sqlite)?;
        schema::migrate(&mut conn).map_err(|source| StoreError::Schema { path: path.to_path_buf(), source })?;
        // The -wal and -shm files exist now: SQLite gives them the database's mode, but one
        // left from an older release keeps its own.
        tighten(path).map_err(|source| StoreError::Permissions { path: path.to_path_buf(), source })?;
        Ok(Store { path: path.to_path_buf(), conn: Mutex::new(conn) })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `work` on a thread for blocking work, off the async runtime: the one way the
    /// server's handlers reach the database.
    pub async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || work(&store))
            .await
            .map_err(|_| StoreError::Interrupted(self.path.clone()))?
    }

    /// Runs `work` on the connection; a failure becomes a [`StoreError`] naming the database.
    pub(crate) fn with<T>(&self, work: impl FnOnce(&mut Connection) -> Result<T, Fault>) -> Result<T, StoreError> {
        let mut conn = self.lock();
        work(&mut conn).map_err(|fault| match fault {
            Fault::Sqlite(source) => StoreError::Sqlite { path: self.path.clone(), source },
            Fault::Damaged { id, reason } => StoreError::Damaged { path: self.path.clone(), id, reason },
        })
    }

    /// Runs `work` in a write transaction, committed when it succeeds. The write lock is taken
    /// at the start (`BEGIN IMMEDIATE`): a writer that finds another (a staff command, the
    /// server) waits for it, and what it read cannot change before it writes.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction) -> Result<T, Fault>) -> Result<T, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = work(&tx)?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Runs `work` in a read transaction: everything it reads is of one moment.
    pub(crate) fn read<T>(&self, work: impl FnOnce(&Transaction) -> Result<T, Fault>) -> Result<T, StoreError> {
        self.with(|conn| {
            let tx = conn.transaction()?;
            work(&tx)
        })
    }

    /// Whether a request could be stored now: takes the write lock (waiting at most briefly)
    /// and lets it go without writing. For `/api/health`.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        self.with(|conn| {
            conn.busy_timeout(Duration::from_millis(250))?;
            let result = conn.execute_batch("BEGIN IMMEDIATE; UPDATE group_requests SET id = id WHERE 0; ROLLBACK;");
            if result.is_err() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            conn.busy_timeout(Duration::from_secs(5))?;
            Ok(result?)
        })
    }

    /// Rewrites the database without free space and empties the WAL, so nothing deleted
    /// survives in any of its files.
    pub fn compact(&self) -> Result<(), StoreError> {
        self.with(|conn| {
            conn.execute_batch("VACUUM;")?;
            Ok(conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?)
        })
    }
}

#[cfg(unix)]
fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map(drop)
}

/// Makes the database and its companion files readable and writable by this user only.
#[cfg(unix)]
fn tighten(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::metadata(&file) {
            Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path).map(drop)
}

#[cfg(not(unix))]
fn tighten(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_is_durable_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/requests.db");
        assert!(matches!(Store::open_existing(&path), Err(StoreError::Missing(_))));
        let store = Store::open(&path).unwrap();
        {
            let conn = store.lock();
            let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
            let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
            let secure: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0)).unwrap();
            assert_eq!((mode.as_str(), sync, secure), ("wal", 2, 1));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir.path().join("nested")), 0o700);
            for suffix in ["", "-wal", "-shm"] {
                let file = PathBuf::from(format!("{}{suffix}", path.display()));
                assert_eq!(mode(&file), 0o600, "{}", file.display());
            }
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_database_readable_by_others_is_made_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("requests.db");
        drop(Connection::open(&path).unwrap());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        Store::open_existing(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn busy_full_and_read_only_databases_are_unavailable_not_faults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("requests.db");
        let store = Store::open(&path).unwrap();
        store.check_writable().unwrap();

        // Another writer holds the lock.
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let busy = store.check_writable().unwrap_err();
        assert!(busy.is_unavailable(), "{busy}");
        other.execute_batch("ROLLBACK").unwrap();
        store.check_writable().unwrap();

        // A read-only file.
        let read_only = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let error = read_only.execute("DELETE FROM group_requests", []).unwrap_err();
        assert!(is_unavailable(&error), "{error}");

        // A full database: no page may be added.
        let conn = store.lock();
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        conn.pragma_update(None, "max_page_count", pages).unwrap();
        let big = "x".repeat(64 * 1024);
        let error = conn
            .execute(
                "INSERT INTO erasures (request_id, at, by, reason) VALUES (?1, 't', 'b', 'r')",
                rusqlite::params![big],
            )
            .unwrap_err();
        assert!(is_unavailable(&error), "{error}");
        assert!(!is_unavailable(&conn.execute("INSERT INTO nowhere VALUES (1)", []).unwrap_err()));
    }
}
