//! The running server's hold on its database: `serve` takes an exclusive `flock` on the
//! database file for as long as it runs, so that `restore` can tell that a server still uses
//! the file it would replace (and two servers are not started on one database). SQLite locks
//! with `fcntl`, which is independent of `flock` on Linux: this hold never blocks a query.

use std::{fs::File, path::Path};

/// A hold on a database file, released when dropped (or when the process ends, however).
#[derive(Debug)]
pub struct Hold {
    _file: File,
}

/// Whether another process holds `path`.
#[derive(Debug, PartialEq, Eq)]
pub enum Holding {
    Held,
    Free,
}

/// Takes the hold on `path` without waiting: `Ok(None)` when another process has it.
#[cfg(unix)]
pub fn hold(path: &Path) -> std::io::Result<Option<Hold>> {
    use std::os::fd::AsRawFd;
    let file = File::open(path)?;
    // SAFETY: a valid open descriptor; flock only reads its arguments.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(Some(Hold { _file: file }));
    }
    let error = std::io::Error::last_os_error();
    if error.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(None)
    } else {
        Err(error)
    }
}

#[cfg(not(unix))]
pub fn hold(path: &Path) -> std::io::Result<Option<Hold>> {
    Ok(Some(Hold { _file: File::open(path)? }))
}

/// Whether a running server holds `path` now (a missing file is free).
pub fn holding(path: &Path) -> std::io::Result<Holding> {
    if !path.exists() {
        return Ok(Holding::Free);
    }
    Ok(if hold(path)?.is_some() { Holding::Free } else { Holding::Held })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_held_file_is_seen_as_held_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("requests.db");
        std::fs::write(&path, b"").unwrap();
        assert_eq!(holding(&path).unwrap(), Holding::Free);
        let held = hold(&path).unwrap().expect("free");
        // flock is per open file: another open of the file in this process competes like
        // another process would.
        assert_eq!(holding(&path).unwrap(), Holding::Held);
        drop(held);
        assert_eq!(holding(&path).unwrap(), Holding::Free);
        assert_eq!(holding(&dir.path().join("missing.db")).unwrap(), Holding::Free);
    }
}
