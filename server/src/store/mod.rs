//! The server's storage, in SQLite: new-group requests, their decisions and an append-only
//! history, the directory of groups with the history of its changes, and the sign-ups for news
//! of groups near a place, written durably (WAL, `synchronous = FULL`) before the API answers, so an
//! acknowledged request survives a crash.
//!
//! The database and its `-wal`/`-shm` files are private to the server's user (0600, the
//! folder 0700): they hold organisers' names and addresses. Deleted rows are overwritten
//! (`secure_delete`), and erasure ends with [`Store::compact`], which empties the WAL, so a
//! deleted address is in no byte of the files afterwards.

// The areas, bottom to top: each uses only those above it in this list (the schema, the
// store's own calls and errors in this file first).
pub mod backup;
mod erasure;
mod groups;
mod history;
mod interest;
mod keys;
mod links;
mod meetings;
mod meta;
mod outbox;
mod requests;
pub mod schema;
mod stats;

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use erasure::{PurgePlan, Purgeable};
pub use groups::{Approved, Closed, DirectoryDiff, SEEDED_FROM};
pub use history::{GroupAction, GroupChange, HistoryEntry, RequestAction};
pub use interest::{Confirmed, Expired, NewSignUp, SignUpRecord, TokenPurpose, ERASURE_PREFIX};
pub use links::KeyHolder;
pub use meetings::{FeedMode, FeedState, FetchResult, StoredMeeting};
pub use outbox::{Mail, MailKind, MailState, NewMail, CONFIRM_SLOT, LINK_SLOT, STOP_SLOT};
pub use requests::{Decided, Edited, NewRequest, Outcome, RequestChange, StoredRequest};
pub use stats::OutboxStats;

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
    #[error("the disk holding the database {path} is nearly full: {free} bytes free")]
    LowDisk { path: PathBuf, free: u64 },
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
            StoreError::Directory { .. }
            | StoreError::Permissions { .. }
            | StoreError::Missing(_)
            | StoreError::LowDisk { .. } => true,
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
        // The blocking thread works in the caller's span (the request, the feed, the message),
        // so what it logs names what it was for.
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || span.in_scope(|| work(&store)))
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

    /// Whether a request could be stored now: the disk holding the database has at least
    /// `min_free` bytes free (a full disk lets SQLite reuse its WAL for a small write while a
    /// request's larger one fails), and a real write commits (taking the write lock, waiting at
    /// most briefly). For `/api/health`.
    pub fn check_writable(&self, min_free: u64) -> Result<(), StoreError> {
        if let Some(free) = free_space(&self.path).filter(|&free| free < min_free) {
            return Err(StoreError::LowDisk { path: self.path.clone(), free });
        }
        self.with(|conn| {
            conn.busy_timeout(Duration::from_millis(250))?;
            let result = conn.execute(
                "INSERT INTO meta (key, value) VALUES ('health_checked_at', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [Timestamp::now()],
            );
            conn.busy_timeout(Duration::from_secs(5))?;
            result?;
            Ok(())
        })
    }

    /// Makes deleted rows unrecoverable from the files: the rows themselves were overwritten
    /// as they were deleted (`secure_delete`, which zeroes freed cells and pages alike), and
    /// this copies the WAL into the database and empties it, so that no older copy of a page
    /// survives there. It costs the size of the WAL, not of the database: a `VACUUM` (which
    /// rewrote a 420 MB database for each erasure, holding the connection every request
    /// needs for seconds) is not needed. A reader in the middle of a transaction (a staff
    /// command) can hold the WAL's start; the checkpoint is tried again for a few seconds,
    /// the connection free between tries.
    pub fn compact(&self) -> Result<(), StoreError> {
        for attempt in 0..50 {
            let (busy, _, _): (i64, i64, i64) = self.with(|conn| {
                Ok(conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
            })?;
            if busy == 0 {
                return Ok(());
            }
            if attempt == 0 {
                tracing::info!("a reader holds the WAL: its checkpoint after an erasure waits");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        tracing::warn!("the WAL could not be emptied after an erasure: the next checkpoint will");
        Ok(())
    }
}

/// The bytes free to this user on the file system holding `path` (its folder when the file
/// does not exist yet).
#[cfg(unix)]
pub fn free_space(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let at = if path.exists() { path } else { path.parent()? };
    let c_path = std::ffi::CString::new(at.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: a NUL-terminated path and a buffer of the right type, filled when it returns 0.
    if unsafe { libc::statvfs(c_path.as_ptr(), stat.as_mut_ptr()) } != 0 {
        return None;
    }
    // SAFETY: statvfs returned 0, so it wrote the whole struct.
    let stat = unsafe { stat.assume_init() };
    // The fields' types differ between platforms (u64 here, u32 on others).
    #[allow(clippy::unnecessary_cast)]
    Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
}

#[cfg(not(unix))]
pub fn free_space(_: &Path) -> Option<u64> {
    None
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
        store.check_writable(0).unwrap();

        // Another writer holds the lock.
        let other = Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let busy = store.check_writable(0).unwrap_err();
        assert!(busy.is_unavailable(), "{busy}");
        other.execute_batch("ROLLBACK").unwrap();
        store.check_writable(0).unwrap();

        // The disk is nearly full (less free than asked for).
        let free = free_space(&path).expect("statvfs works here");
        assert!(free > 0);
        let low = store.check_writable(u64::MAX).unwrap_err();
        assert!(matches!(low, StoreError::LowDisk { .. }) && low.is_unavailable(), "{low}");

        // The check writes for real: a connection that may not write fails it.
        store.with(|c| Ok(c.pragma_update(None, "query_only", true)?)).unwrap();
        assert!(store.check_writable(0).unwrap_err().is_unavailable());
        store.with(|c| Ok(c.pragma_update(None, "query_only", false)?)).unwrap();

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
