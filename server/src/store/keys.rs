//! Organisers' private keys: one per request, or per listed group that came without one, kept
//! only as a SHA-256 so that the database alone never lets anyone act as an organiser. Issuing
//! a key replaces the one before; erasing a request or closing its group revokes it.

use rusqlite::{params, OptionalExtension, Transaction};

use super::{
    directory::{group_in, record_change, GroupAction},
    requests::{add_history, request_in, RequestAction},
    Decision, Fault, Store, StoreError,
};

/// Whose key a new one is: a request (by its reference) or a listed group (by its slug).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyHolder {
    Request(String),
    Group(String),
}

impl Store {
    /// Issues a new key for a request or a listed group (storing `hash`), revoking the one
    /// before, and records it in the history. `false` when there is no such request or group.
    pub fn issue_key(&self, holder: &KeyHolder, hash: &str, decision: &Decision) -> Result<bool, StoreError> {
        self.write(|tx| match holder {
            KeyHolder::Request(id) => {
                if request_in(tx, id)?.is_none() {
                    return Ok(false);
                }
                issue_in(tx, id, hash, decision)?;
                Ok(true)
            }
            KeyHolder::Group(slug) => {
                let Some(record) = group_in(tx, slug)? else { return Ok(false) };
                put_in(tx, slug, hash, decision)?;
                record_change(tx, slug, GroupAction::KeyIssued, decision, Some(&record), Some(&record))?;
                Ok(true)
            }
        })
    }

    /// The hash of the key in force for `subject` (a reference or a slug).
    pub fn key_hash(&self, subject: &str) -> Result<Option<String>, StoreError> {
        self.read(|tx| {
            Ok(tx
                .query_row("SELECT hash FROM access_keys WHERE subject = ?1", params![subject], |row| row.get(0))
                .optional()?)
        })
    }
}

/// Stores `hash` as the key of `subject`, replacing any other.
pub(super) fn put_in(tx: &Transaction, subject: &str, hash: &str, decision: &Decision) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO access_keys (subject, hash, issued_at, issued_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (subject) DO UPDATE SET hash = excluded.hash, issued_at = excluded.issued_at, issued_by = excluded.issued_by",
        params![subject, hash, decision.at, decision.by],
    )
    .map(drop)
}

/// A new key for the request `id`, in its history.
pub(super) fn issue_in(tx: &Transaction, id: &str, hash: &str, decision: &Decision) -> Result<(), Fault> {
    put_in(tx, id, hash, decision)?;
    add_history(tx, id, RequestAction::KeyIssued, decision)?;
    Ok(())
}

/// No key works for `subject` any more.
pub(super) fn revoke_in(tx: &Transaction, subject: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM access_keys WHERE subject = ?1", params![subject]).map(drop)
}
