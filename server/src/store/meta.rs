//! Small named values beside the tables (`meta`): the revisions by which the server knows to
//! publish again, where the directory was seeded from, whether mail is on. The bottom of the
//! store's layers with the schema: it reads and writes nothing else.

use rusqlite::{params, OptionalExtension, Transaction};

/// The value of `key`, if set.
pub(super) fn meta_in(tx: &Transaction, key: &str) -> rusqlite::Result<Option<String>> {
    tx.query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| r.get(0)).optional()
}

/// Moves the revision `key` on.
pub(super) fn bump_named(tx: &Transaction, key: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        params![key],
    )
    .map(drop)
}
