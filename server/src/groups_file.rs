//! The directory the server publishes, `/groups.json`, from a file it owns (`--groups`,
//! seeded from the built site the first time): staff commands add approved groups to it and
//! take closed ones off, and the running site shows the change at the next request, with no
//! rebuild.
//!
//! Writes are atomic (a temporary file, fsync, rename, fsync of the folder), so a reader sees
//! the old file or the new one, never half of one; every write is checked with the same rules
//! the app reads the file with (`groups_core::directory`).

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    sync::{Arc, RwLock},
    time::SystemTime,
};

use groups_core::directory::{self, GroupRecord, Read};
use sha2::{Digest, Sha256};

/// Why the directory file cannot be used or changed.
#[derive(Debug, thiserror::Error)]
pub enum GroupsFileError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("the slug `{slug}` is already used by {name} (/groups/{slug}): choose another with --slug")]
    SlugTaken { slug: String, name: String },
    #[error("no group with the slug `{0}` in the directory")]
    NoSuchGroup(String),
}

/// The directory file, read again whenever it changes on disk.
#[derive(Clone, Debug)]
pub struct GroupsFile {
    path: PathBuf,
    current: Arc<RwLock<Option<Arc<Snapshot>>>>,
}

/// The file as it was at one moment: its bytes in every encoding served, and its groups.
#[derive(Debug)]
pub struct Snapshot {
    stamp: (Option<SystemTime>, u64),
    pub json: Vec<u8>,
    pub brotli: Vec<u8>,
    pub gzip: Vec<u8>,
    /// A strong validator of the content (the same bytes give the same tag).
    pub etag: String,
    /// The groups, read as the app reads them (a bad record is skipped, not fatal).
    pub read: Read,
}

impl GroupsFile {
    /// The file at `path`; when it does not exist yet, it is made from the built site's
    /// `groups.json` (or empty when the build has none).
    pub fn open(path: &Path, dist: &Path) -> Result<GroupsFile, GroupsFileError> {
        if !path.exists() {
            let seed = fs::read(dist.join("groups.json")).unwrap_or_else(|_| directory::write(&[]).into_bytes());
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir).map_err(|source| GroupsFileError::Io { path: dir.to_path_buf(), source })?;
            }
            write_atomically(path, &seed)?;
        }
        // A file that cannot be read now is reported at each request (503), not at start: the
        // rest of the site keeps working while someone mends it.
        Ok(GroupsFile { path: path.to_path_buf(), current: Arc::new(RwLock::new(None)) })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file as it is now, read again only if it changed since the last call.
    pub fn snapshot(&self) -> Result<Arc<Snapshot>, GroupsFileError> {
        let io = |source| GroupsFileError::Io { path: self.path.clone(), source };
        let meta = fs::metadata(&self.path).map_err(io)?;
        let stamp = (meta.modified().ok(), meta.len());
        if let Some(current) = self.current.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            if current.stamp == stamp {
                return Ok(current.clone());
            }
        }
        let json = fs::read(&self.path).map_err(io)?;
        let text = String::from_utf8_lossy(&json);
        let read =
            directory::read(&text).map_err(|e| GroupsFileError::Invalid { path: self.path.clone(), message: e.0 })?;
        let snapshot = Arc::new(Snapshot {
            stamp,
            brotli: compress_brotli(&json),
            gzip: compress_gzip(&json),
            etag: format!("\"{}\"", hex(&Sha256::digest(&json)[..12])),
            json,
            read,
        });
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(snapshot.clone());
        Ok(snapshot)
    }

    /// The file's groups for a change by staff: every record must be good, or the change is
    /// refused rather than silently dropping a record someone wrote by hand.
    fn groups_for_change(&self) -> Result<Vec<GroupRecord>, GroupsFileError> {
        let snapshot = self.snapshot()?;
        if let Some(skipped) = snapshot.read.skipped.first() {
            return Err(GroupsFileError::Invalid {
                path: self.path.clone(),
                message: format!("{skipped}; mend the file before changing it"),
            });
        }
        Ok(snapshot.read.groups.clone())
    }

    /// Adds `group`. The same record again changes nothing (`Ok(false)`); another group under
    /// its slug is refused.
    pub fn add(&self, group: GroupRecord) -> Result<bool, GroupsFileError> {
        let mut groups = self.groups_for_change()?;
        if let Some(existing) = groups.iter().find(|g| g.slug == group.slug) {
            return if *existing == group {
                Ok(false)
            } else {
                Err(GroupsFileError::SlugTaken { slug: group.slug, name: existing.name.clone() })
            };
        }
        groups.push(group);
        directory::sort(&mut groups);
        self.replace(&groups)?;
        Ok(true)
    }

    /// Takes the group `slug` off the directory; returns it.
    pub fn remove(&self, slug: &str) -> Result<GroupRecord, GroupsFileError> {
        let mut groups = self.groups_for_change()?;
        let index =
            groups.iter().position(|g| g.slug == slug).ok_or_else(|| GroupsFileError::NoSuchGroup(slug.to_owned()))?;
        let removed = groups.remove(index);
        self.replace(&groups)?;
        Ok(removed)
    }

    /// The group `slug`, if the directory has it.
    pub fn find(&self, slug: &str) -> Result<Option<GroupRecord>, GroupsFileError> {
        Ok(self.snapshot()?.read.groups.iter().find(|g| g.slug == slug).cloned())
    }

    fn replace(&self, groups: &[GroupRecord]) -> Result<(), GroupsFileError> {
        let text = directory::write(groups);
        // What is written must read back whole, with the app's own reader.
        let check =
            directory::read(&text).map_err(|e| GroupsFileError::Invalid { path: self.path.clone(), message: e.0 })?;
        if check.groups.len() != groups.len() {
            return Err(GroupsFileError::Invalid {
                path: self.path.clone(),
                message: "a record would not read back".into(),
            });
        }
        write_atomically(&self.path, text.as_bytes())
    }
}

/// Writes `bytes` to `path` so that readers see the old file or the new one, and the new one
/// survives a crash once this returns.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), GroupsFileError> {
    let io = |source| GroupsFileError::Io { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "groups.json".into());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)?;
        // The rename itself is durable only once the folder is.
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(io)
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use groups_core::directory::{Month, RawRecord, Status};

    use super::*;

    fn record(slug: &str, name: &str) -> GroupRecord {
        GroupRecord::check(RawRecord {
            slug: slug.into(),
            name: name.into(),
            city: Some("Leipzig".into()),
            country: "DE".into(),
            lat: 51.34,
            lon: 12.37,
            status: Status::New,
            links: vec![],
            description: None,
            checked: Some(Month { year: 2026, month: 11 }),
        })
        .unwrap()
    }

    #[test]
    fn seeded_from_the_build_then_changed_atomically() {
        let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        fs::write(dist.path().join("groups.json"), directory::write(&[record("berlin", "OpenStack Berlin")])).unwrap();
        let path = data.path().join("nested/groups.json");
        let file = GroupsFile::open(&path, dist.path()).unwrap();
        let first = file.snapshot().unwrap();
        assert_eq!(first.read.groups.len(), 1);

        assert!(file.add(record("leipzig", "OpenStack Leipzig")).unwrap());
        assert!(!file.add(record("leipzig", "OpenStack Leipzig")).unwrap(), "the same group twice changes nothing");
        let taken = file.add(record("leipzig", "Another Leipzig")).unwrap_err();
        assert!(taken.to_string().contains("`leipzig` is already used by OpenStack Leipzig"), "{taken}");

        let after = file.snapshot().unwrap();
        assert_eq!(after.read.groups.iter().map(|g| g.slug.as_str()).collect::<Vec<_>>(), ["berlin", "leipzig"]);
        assert_ne!(after.etag, first.etag);
        assert!(!after.brotli.is_empty() && !after.gzip.is_empty());
        let leftovers: Vec<_> =
            fs::read_dir(path.parent().unwrap()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");

        assert_eq!(file.remove("berlin").unwrap().name, "OpenStack Berlin");
        assert!(matches!(file.remove("berlin"), Err(GroupsFileError::NoSuchGroup(_))));
        assert_eq!(file.find("leipzig").unwrap().unwrap().name, "OpenStack Leipzig");
    }

    #[test]
    fn a_file_with_a_bad_record_is_served_but_not_changed() {
        let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let path = data.path().join("groups.json");
        fs::write(&path, r#"{"version": 1, "groups": [{"slug": "x"}]}"#).unwrap();
        let file = GroupsFile::open(&path, dist.path()).unwrap();
        assert_eq!(file.snapshot().unwrap().read.skipped.len(), 1);
        let refused = file.add(record("leipzig", "OpenStack Leipzig")).unwrap_err();
        assert!(refused.to_string().contains("mend the file"), "{refused}");
    }

    #[test]
    fn without_a_build_the_directory_starts_empty() {
        let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let file = GroupsFile::open(&data.path().join("groups.json"), dist.path()).unwrap();
        assert!(file.snapshot().unwrap().read.groups.is_empty());
    }
}
