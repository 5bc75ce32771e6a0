//! `groups-server backup` and `restore`: the files around a copy of the database. A backup is
//! written beside its destination under a temporary name, private to the server's user (0600),
//! checked, made durable and only then renamed into place, so a crash leaves the last good
//! copy and never half of one; `--keep N` prunes the older copies in a folder. A restore puts a
//! checked copy in place of the database with the server stopped, keeping the replaced file
//! aside, and first erases again what was erased since the copy was taken (the erasure log is
//! read from the database being replaced: it holds references only, no personal data).

use std::{
    fs::{File, OpenOptions},
    io::Write as _,
    path::{Path, PathBuf},
};

use crate::{
    clock::Timestamp,
    ops::lock::{holding, Holding},
    store::{
        backup::{copy_database, erasure_log, inspect, Erasure},
        Store,
    },
    ServerError,
};

/// What names a copy in a folder: `requests-20261206T144500Z.db`, in order of time.
const PREFIX: &str = "requests-";
const SUFFIX: &str = ".db";

/// Writes a checked copy of `db` to `dest` (a file, or a folder to hold a copy named by
/// `now`), pruning the folder to the newest `keep` copies; says what it wrote.
pub fn backup(db: &Path, dest: &Path, keep: Option<usize>, now: Timestamp) -> Result<String, ServerError> {
    if !db.is_file() {
        return Err(crate::store::StoreError::Missing(db.to_path_buf()).into());
    }
    let into_folder = dest.is_dir() || keep.is_some() || dest.as_os_str().to_string_lossy().ends_with('/');
    let target = if into_folder {
        private_folder(dest)?;
        dest.join(copy_name(now))
    } else {
        dest.to_path_buf()
    };
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = folder.join(format!(".{name}.partial"));
    let refused = |why: String| ServerError::Refused(format!("no backup written to {}: {why}", target.display()));
    let _ = std::fs::remove_file(&partial);
    private_new_file(&partial).map_err(|e| refused(format!("cannot create {}: {e}", partial.display())))?;
    let written = copy_database(db, &partial)
        .map_err(|e| format!("the copy failed: {e}"))
        .and_then(|()| inspect(&partial).map_err(|e| format!("the copy does not pass its checks: {e}")))
        .and_then(|seen| durable(&partial).map(|()| seen).map_err(|e| format!("cannot write it to disk: {e}")));
    let seen = match written {
        Ok(seen) => seen,
        Err(why) => {
            let _ = std::fs::remove_file(&partial);
            return Err(refused(why));
        }
    };
    std::fs::rename(&partial, &target).map_err(|e| refused(format!("cannot rename the copy into place: {e}")))?;
    sync_folder(&folder);
    let mut said = format!("backup {}: {seen}; integrity ok\n", target.display());
    if let (true, Some(keep)) = (into_folder, keep) {
        for old in prune(dest, keep.max(1))? {
            said.push_str(&format!("removed the older copy {}\n", old.display()));
        }
    }
    Ok(said)
}

/// `requests-YYYYMMDDTHHMMSSZ.db`.
fn copy_name(now: Timestamp) -> String {
    let compact: String = now.to_string().chars().filter(|c| *c != '-' && *c != ':').collect();
    format!("{PREFIX}{compact}{SUFFIX}")
}

/// Removes all but the newest `keep` copies in `folder` (only files named as [`copy_name`]
/// names them); the ones removed.
fn prune(folder: &Path, keep: usize) -> Result<Vec<PathBuf>, ServerError> {
    let read = |e: std::io::Error| ServerError::Read { path: folder.to_path_buf(), source: e };
    let mut copies: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(read)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.strip_prefix(PREFIX)
                    .and_then(|rest| rest.strip_suffix(SUFFIX))
                    .is_some_and(|stamp| stamp.len() == 16 && stamp.ends_with('Z'))
            })
        })
        .collect();
    copies.sort();
    let excess = copies.len().saturating_sub(keep);
    let old: Vec<PathBuf> = copies.into_iter().take(excess).collect();
    for path in &old {
        std::fs::remove_file(path)
            .map_err(|e| ServerError::Refused(format!("cannot remove {}: {e}", path.display())))?;
    }
    Ok(old)
}

/// How a restore treats the erasure log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErasureLog {
    /// Read it from the database being replaced; refuse if it cannot be read.
    Required,
    /// The database being replaced is unreadable: restore without it, saying so loudly.
    Without,
}

/// Puts the copy `file` in place of the database `db` (the server stopped), after checking it
/// and erasing again what the current database's erasure log names; the replaced files are
/// kept aside. Writes the directory to `groups` after. Says what it did.
pub fn restore(
    db: &Path,
    groups: &Path,
    file: &Path,
    log_mode: ErasureLog,
    now: Timestamp,
) -> Result<String, ServerError> {
    let refused =
        |why: String| ServerError::Refused(format!("{} was not restored: {why}; nothing was replaced", file.display()));
    match holding(db) {
        Ok(Holding::Free) => {}
        Ok(Holding::Held) => {
            return Err(refused(format!(
                "a running server uses {}: stop it first (`systemctl stop groups-server`), restore, then start it",
                db.display()
            )))
        }
        Err(error) => return Err(refused(format!("cannot tell whether a server uses {}: {error}", db.display()))),
    }
    if !file.is_file() {
        return Err(refused("there is no such file".into()));
    }
    let seen = inspect(file).map_err(|e| refused(e.to_string()))?;
    let mut said = format!("{}: {seen}; integrity ok\n", file.display());
    let log: Vec<Erasure> = match (db.exists(), log_mode) {
        (false, _) => {
            said.push_str(&format!("no database at {}: no erasure log to carry over\n", db.display()));
            Vec::new()
        }
        (true, ErasureLog::Required) => erasure_log(db).map_err(|e| {
            refused(format!(
                "the erasure log of {} cannot be read ({e}); without it, requests erased since the backup would \
                 come back. If that database is lost, restore with --without-erasure-log and erase them again by hand",
                db.display()
            ))
        })?,
        (true, ErasureLog::Without) => {
            said.push_str(&format!(
                "WARNING: the erasure log of {} was not read (--without-erasure-log): requests erased since the \
                 backup are back; erase them again with `requests delete`\n",
                db.display()
            ));
            Vec::new()
        }
    };
    let folder = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    if !folder.exists() {
        private_folder(&folder)?;
    }
    let staged = folder.join(format!(".restore-{}.db", now.unix()));
    let staged_result = stage(file, &staged, &log, now);
    let (erased, after) = match staged_result {
        Ok(done) => done,
        Err(why) => {
            remove_database_files(&staged);
            return Err(refused(why));
        }
    };
    if erased.is_empty() {
        said.push_str(&format!("erased again: none ({} erasures in the log)\n", log.len()));
    } else {
        said.push_str(&format!(
            "erased again, as they were erased after the backup was taken: {}\n",
            erased.join(", ")
        ));
    }
    if db.exists() {
        let aside = PathBuf::from(format!(
            "{}.replaced-{}",
            db.display(),
            copy_name(now).trim_start_matches(PREFIX).trim_end_matches(SUFFIX)
        ));
        for suffix in ["", "-wal", "-shm"] {
            let (from, to) = (with_suffix(db, suffix), with_suffix(&aside, suffix));
            if from.exists() {
                std::fs::rename(&from, &to).map_err(|e| {
                    ServerError::Refused(format!("cannot move {} aside to {}: {e}", from.display(), to.display()))
                })?;
            }
        }
        said.push_str(&format!(
            "the replaced database is kept as {} (private data: delete it once the restore is confirmed)\n",
            aside.display()
        ));
    }
    std::fs::rename(&staged, db)
        .map_err(|e| ServerError::Refused(format!("cannot move the restored copy to {}: {e}", db.display())))?;
    sync_folder(&folder);
    let store = Store::open_existing(db)?;
    store.export_directory(groups)?;
    drop(store);
    said.push_str(&format!(
        "restored {}: {after}\nthe directory written to {}\nstart the server again (`systemctl start groups-server`)\n",
        db.display(),
        groups.display()
    ));
    Ok(said)
}

/// Copies `file` to `staged` (private), brings its schema up to date, erases again what `log`
/// names, and checks it again; the references erased again and what it holds.
fn stage(
    file: &Path,
    staged: &Path,
    log: &[Erasure],
    now: Timestamp,
) -> Result<(Vec<String>, crate::store::backup::Inspection), String> {
    remove_database_files(staged);
    private_new_file(staged).map_err(|e| format!("cannot create {}: {e}", staged.display()))?;
    let mut from = File::open(file).map_err(|e| format!("cannot read it: {e}"))?;
    let mut to = OpenOptions::new().write(true).open(staged).map_err(|e| e.to_string())?;
    std::io::copy(&mut from, &mut to).map_err(|e| format!("cannot copy it: {e}"))?;
    to.flush().map_err(|e| e.to_string())?;
    drop(to);
    let erased = {
        let store = Store::open_existing(staged).map_err(|e| e.to_string())?;
        let erased = store.erase_again(log, now).map_err(|e| e.to_string())?;
        // Back to one file: the WAL emptied into it and no longer used (the server turns it on
        // again when it opens the database).
        store.with(|conn| Ok(conn.pragma_update(None, "journal_mode", "DELETE")?)).map_err(|e| e.to_string())?;
        erased
    };
    let after = inspect(staged).map_err(|e| format!("after erasing again it does not pass its checks: {e}"))?;
    durable(staged).map_err(|e| e.to_string())?;
    Ok((erased, after))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// A new, empty file only this user may read.
fn private_new_file(path: &Path) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// The folder, created private (0700) if missing.
fn private_folder(path: &Path) -> Result<(), ServerError> {
    if path.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path).map_err(|e| ServerError::Refused(format!("cannot create the folder {}: {e}", path.display())))
}

/// The file's content on the disk before it is renamed into place.
fn durable(path: &Path) -> std::io::Result<()> {
    File::open(path)?.sync_all()
}

/// The rename itself on the disk (best effort: not every system syncs a folder).
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_by_time_and_only_they_are_pruned() {
        let now: Timestamp = "2026-12-06T14:45:00Z".parse().unwrap();
        assert_eq!(copy_name(now), "requests-20261206T144500Z.db");
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=5 {
            std::fs::write(dir.path().join(format!("requests-2026120{day}T000000Z.db")), b"").unwrap();
        }
        std::fs::write(dir.path().join("notes.db"), b"").unwrap();
        let removed = prune(dir.path(), 2).unwrap();
        assert_eq!(removed.len(), 3);
        let mut left: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, ["notes.db", "requests-20261204T000000Z.db", "requests-20261205T000000Z.db"]);
    }
}
