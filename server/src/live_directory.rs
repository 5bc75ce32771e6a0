//! The directory as the server publishes it: read from the database (its one source, see
//! `store::directory`), kept in memory with every encoding `/groups.json` is served in and its
//! validator, made anew when the database's revision moves on (a staff command in another
//! process, an organiser's edit here), and written to a file (`--groups`) for anyone who reads
//! that.
//!
//! The first start after the directory moved into the database brings in the file the server
//! kept it in before (or the built site's `groups.json`), once.

use std::{
    io::Write as _,
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use groups_core::directory::GroupRecord;

use crate::{
    clock::Timestamp,
    reloading::Reloading,
    store::{Decision, Store},
    ServerError,
};

/// How often the server looks whether another process changed the directory.
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// The directory at one revision, ready to serve.
#[derive(Debug)]
pub struct PublishedDirectory {
    pub revision: i64,
    /// In the directory's order.
    pub groups: Vec<GroupRecord>,
    pub json: Vec<u8>,
    pub brotli: Vec<u8>,
    pub gzip: Vec<u8>,
    /// A strong validator of the content (the same groups give the same tag).
    pub etag: String,
}

impl PublishedDirectory {
    pub fn new(revision: i64, groups: Vec<GroupRecord>) -> PublishedDirectory {
        let json = groups_core::directory::write(&groups).into_bytes();
        PublishedDirectory {
            revision,
            brotli: compress_brotli(&json),
            gzip: compress_gzip(&json),
            etag: crate::cache::etag_of(&json),
            json,
            groups,
        }
    }

    pub fn find(&self, slug: &str) -> Option<&GroupRecord> {
        self.groups.iter().find(|g| g.slug == slug)
    }
}

/// The published directory of a running server.
#[derive(Clone)]
pub struct LiveDirectory {
    store: Arc<Store>,
    published: Reloading<PublishedDirectory>,
    file: PathBuf,
}

impl LiveDirectory {
    /// Publishes the directory in `store` (bringing in `file` or the build's `groups.json`
    /// the first time), writes it to `file`, and keeps watching the database for changes.
    pub fn open(store: Arc<Store>, file: &Path, dist: &Path) -> Result<LiveDirectory, ServerError> {
        if let Some(said) = seed_if_needed(&store, file, dist)? {
            tracing::info!("{said}");
        }
        let (revision, groups) = store.directory()?;
        let published = Reloading::new(PublishedDirectory::new(revision, groups));
        let directory = LiveDirectory { store: store.clone(), published, file: file.to_path_buf() };
        directory.export();
        // Whoever changed it (a staff command, an organiser, this process), the file follows
        // what is published.
        let (watched, file) = (store.clone(), file.to_path_buf());
        directory.published.watch(CHECK_EVERY, move |held| {
            let fresh = fresh(&watched, held.revision);
            if fresh.is_some() {
                export(&watched, &file);
            }
            fresh
        });
        Ok(directory)
    }

    /// The directory as published now.
    pub fn published(&self) -> Arc<PublishedDirectory> {
        self.published.get()
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// After a change made by this process: published at once, and written to the file.
    pub fn changed(&self) {
        if let Some(fresh) = fresh(&self.store, -1) {
            self.published.set(fresh);
        }
        self.export();
    }

    fn export(&self) {
        export(&self.store, &self.file);
    }
}

/// Writes the directory to `file`; a failure is logged (the published directory is unaffected).
fn export(store: &Store, file: &Path) {
    if let Err(error) = store.export_directory(file) {
        tracing::error!("{error}");
    }
}

/// The directory anew when its revision is not `held`; `None` when unchanged or unreadable
/// (then the last good one stays published, and staff see why in the log).
fn fresh(store: &Store, held: i64) -> Option<PublishedDirectory> {
    match store.directory_revision() {
        Ok(revision) if revision == held => return None,
        Ok(_) => {}
        Err(error) => {
            tracing::error!("the directory cannot be read: {error}");
            return None;
        }
    }
    match store.directory() {
        Ok((revision, groups)) => Some(PublishedDirectory::new(revision, groups)),
        Err(error) => {
            tracing::error!("the directory cannot be read: {error}; the last good one stays published");
            None
        }
    }
}

/// Brings the directory into the database the first time: from `file` (where the server kept
/// it before) if it exists, else the built site's `groups.json`, else empty. A record the
/// rules refuse is not brought in: the file is kept beside as `<file>.before-database`, and
/// what was left out is said. Returns what it did, or `None` when it was done before.
pub fn seed_if_needed(store: &Store, file: &Path, dist: &Path) -> Result<Option<String>, ServerError> {
    if store.directory_seeded_from()?.is_some() {
        return Ok(None);
    }
    let built = dist.join("groups.json");
    let source = [file, built.as_path()].into_iter().find(|p| p.is_file());
    let (from, text) = match source {
        Some(path) => (
            path.display().to_string(),
            std::fs::read_to_string(path).map_err(|source| ServerError::Read { path: path.to_path_buf(), source })?,
        ),
        None => ("nothing (an empty directory)".to_owned(), groups_core::directory::write(&[])),
    };
    let read = groups_core::directory::read(&text)
        .map_err(|e| ServerError::Refused(format!("the directory cannot be brought in from {from}: {e}")))?;
    let mut said = format!(
        "the directory moved into the database {}: {} groups from {from}",
        store.path().display(),
        read.groups.len()
    );
    if let (Some(path), false) = (source, read.skipped.is_empty()) {
        let kept = path.with_extension("json.before-database");
        std::fs::copy(path, &kept).map_err(|source| ServerError::Read { path: kept.clone(), source })?;
        for skipped in &read.skipped {
            said.push_str(&format!("; left out {skipped}"));
        }
        said.push_str(&format!(" (the file as it was is kept as {})", kept.display()));
    }
    let decision = Decision::new("upgrade", Timestamp::now(), Some(format!("from {from}")));
    Ok(store.seed_directory(&read.groups, &from, &decision)?.then_some(said))
}

fn compress_brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 9, 22);
        let _ = writer.write_all(data);
    }
    out
}

fn compress_gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    use groups_core::fixtures::group as record;

    #[test]
    fn todays_file_is_brought_in_once_and_published_byte_for_byte() {
        let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        // Today's release writes the file in the directory's order, as this one publishes it.
        let today = groups_core::directory::write(&[record("alpha"), record("berlin")]);
        let file = data.path().join("groups.json");
        std::fs::write(&file, &today).unwrap();
        std::fs::write(dist.path().join("groups.json"), groups_core::directory::write(&[record("other")])).unwrap();
        let store = Store::open(&data.path().join("requests.db")).unwrap();
        let said = seed_if_needed(&store, &file, dist.path()).unwrap().unwrap();
        assert!(said.contains("2 groups from"), "{said}");
        assert_eq!(seed_if_needed(&store, &file, dist.path()).unwrap(), None, "once");
        let (revision, groups) = store.directory().unwrap();
        assert_eq!(PublishedDirectory::new(revision, groups).json, today.as_bytes());
    }

    #[test]
    fn without_a_file_the_build_seeds_and_a_bad_record_is_kept_aside() {
        let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(
            dist.path().join("groups.json"),
            r#"{"version": 1, "groups": [{"slug": "x"}, {"slug": "ok", "name": "OK", "country": "DE", "lat": 0, "lon": 0, "status": "new"}]}"#,
        )
        .unwrap();
        let store = Store::open(&data.path().join("requests.db")).unwrap();
        let file = data.path().join("groups.json");
        let said = seed_if_needed(&store, &file, dist.path()).unwrap().unwrap();
        assert!(said.contains("left out record 0 skipped"), "{said}");
        assert!(dist.path().join("groups.json.before-database").is_file());
        assert_eq!(store.groups().unwrap().len(), 1);
    }

    #[test]
    fn an_unreadable_file_is_refused_with_its_reason() {
        let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let file = data.path().join("groups.json");
        std::fs::write(&file, "{\"version\": 1, \"gro").unwrap();
        let store = Store::open(&data.path().join("requests.db")).unwrap();
        let refused = seed_if_needed(&store, &file, dist.path()).unwrap_err();
        assert!(refused.to_string().contains("not valid JSON"), "{refused}");
        assert_eq!(store.directory_seeded_from().unwrap(), None);
    }
}
