//! Liveness and readiness for supervisors and load balancers. `GET /healthz`: the process
//! answers (nothing else is checked, so a restart is never triggered by a full disk).
//! `GET /readyz`: it can do its work: the database file at `--db` (and its WAL) could be opened
//! for writing now (asked of the system, for the file there now, not the one opened at the start: a file
//! moved away, replaced or made read-only is seen, even by root), the server's connection
//! commits a write with room on the disk (`/api/health`'s check), the directory is loaded and
//! the site is built; 503 with every reason otherwise.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{extract::State, http::StatusCode, routing::get, Json, Router};
use serde::Serialize;

use crate::{live_directory::LiveDirectory, store::Store};

/// What readiness checks.
#[derive(Clone)]
pub struct Readiness {
    pub store: Arc<Store>,
    pub directory: LiveDirectory,
    pub dist: PathBuf,
    pub min_free_disk: u64,
}

/// The answer of `/readyz`.
#[derive(Debug, Serialize)]
pub struct Ready {
    /// `ready` or `not ready`.
    pub status: &'static str,
    /// Why not, one sentence each (empty when ready).
    pub reasons: Vec<String>,
}

/// `/healthz` and `/readyz`.
pub fn router(readiness: Readiness) -> Router {
    Router::new().route("/healthz", get(|| async { "ok\n" })).route("/readyz", get(ready)).with_state(readiness)
}

async fn ready(State(readiness): State<Readiness>) -> (StatusCode, Json<Ready>) {
    let reasons = check(readiness).await;
    let status = if reasons.is_empty() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    if !reasons.is_empty() {
        tracing::warn!("not ready: {}", reasons.join("; "));
    }
    (status, Json(Ready { status: if reasons.is_empty() { "ready" } else { "not ready" }, reasons }))
}

/// Every reason the server cannot do its work now (none: ready).
pub async fn check(readiness: Readiness) -> Vec<String> {
    let mut reasons = Vec::new();
    if readiness.directory.published().revision < 1 {
        reasons.push("the directory is not loaded".to_owned());
    }
    let index = readiness.dist.join("index.html");
    if !index.is_file() {
        reasons.push(format!("the built site is missing ({} is not there)", index.display()));
    }
    let min_free = readiness.min_free_disk;
    let database = readiness
        .store
        .run(move |store| {
            let mut found = Vec::new();
            if let Err(error) = opens_for_writing(store.path()) {
                found.push(format!("the database {} cannot be opened for writing: {error}", store.path().display()));
            } else if let Err(error) = store.check_writable(min_free) {
                found.push(error.to_string());
            }
            Ok(found)
        })
        .await;
    match database {
        Ok(found) => reasons.extend(found),
        Err(error) => reasons.push(error.to_string()),
    }
    reasons
}

/// Whether the database file at `path` and its WAL could be opened for writing now (never
/// creating either), asked of the operating system rather than SQLite, which reuses a
/// descriptor the process already holds and so would not see a file made read-only since.
///
/// Asked with `access(2)`, never by opening them: POSIX locks belong to a process, so closing
/// a descriptor of the database here would drop every lock the server's SQLite connection holds
/// on it, and a staff command could then take the database for unused, checkpoint it and
/// delete its WAL under the server. `access` sees an immutable file as not writable, for root too.
#[cfg(unix)]
fn opens_for_writing(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let writable = |file: &std::ffi::OsStr| -> std::io::Result<()> {
        let c_path = std::ffi::CString::new(file.as_bytes())?;
        // SAFETY: a NUL-terminated path; access only reads it.
        if unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other("it is not a file"));
    }
    writable(path.as_os_str())?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    match writable(&wal) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(not(unix))]
fn opens_for_writing(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().read(true).write(true).open(path).map(drop)
}
