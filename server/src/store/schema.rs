//! The database's schema, as ordered migrations. `PRAGMA user_version` holds how many have
//! been applied; opening a database applies the rest, each in its own transaction, so a
//! database written by any earlier release opens without loss.

use rusqlite::Connection;

/// Each step, in order. Never edit one that has shipped: add a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1. The first release (8aba692): requests as received. Its databases have user_version 0
    //    and this table already, hence IF NOT EXISTS.
    "CREATE TABLE IF NOT EXISTS group_requests (
        id                  TEXT PRIMARY KEY,
        status              TEXT NOT NULL DEFAULT 'pending',
        received_at         TEXT NOT NULL,
        idempotency_key     TEXT NOT NULL UNIQUE,
        body_sha256         TEXT NOT NULL,
        request_json        TEXT NOT NULL,
        consent_version     TEXT NOT NULL,
        consent_text_sha256 TEXT NOT NULL
    );",
    // 2. Staff decisions, the group a request became, the organisers' retention clock, and
    //    an append-only history of every action (a row's note may be cleared, nothing else).
    "ALTER TABLE group_requests ADD COLUMN decided_at TEXT;
     ALTER TABLE group_requests ADD COLUMN decided_by TEXT;
     ALTER TABLE group_requests ADD COLUMN decision_note TEXT;
     ALTER TABLE group_requests ADD COLUMN group_slug TEXT;
     ALTER TABLE group_requests ADD COLUMN group_closed_at TEXT;
     ALTER TABLE group_requests ADD COLUMN organizers_deleted_at TEXT;
     CREATE INDEX group_requests_by_slug ON group_requests (group_slug);
     CREATE TABLE request_history (
         seq        INTEGER PRIMARY KEY AUTOINCREMENT,
         request_id TEXT NOT NULL,
         at         TEXT NOT NULL,
         action     TEXT NOT NULL,
         by         TEXT NOT NULL,
         note       TEXT
     );
     CREATE INDEX request_history_by_request ON request_history (request_id, seq);
     INSERT INTO request_history (request_id, at, action, by)
         SELECT id, received_at, 'received', 'inbox' FROM group_requests ORDER BY received_at, rowid;
     CREATE TRIGGER request_history_append_only BEFORE UPDATE ON request_history
         WHEN NEW.seq IS NOT OLD.seq OR NEW.request_id IS NOT OLD.request_id OR NEW.at IS NOT OLD.at
           OR NEW.action IS NOT OLD.action OR NEW.by IS NOT OLD.by OR NEW.note IS NOT NULL
         BEGIN SELECT RAISE(ABORT, 'the request history is append-only'); END;
     CREATE TABLE erasures (
         seq        INTEGER PRIMARY KEY AUTOINCREMENT,
         request_id TEXT NOT NULL,
         at         TEXT NOT NULL,
         by         TEXT NOT NULL,
         reason     TEXT NOT NULL
     );
     CREATE TABLE group_closures (
         slug      TEXT NOT NULL,
         closed_at TEXT NOT NULL,
         by        TEXT NOT NULL,
         note      TEXT
     );",
    // 3. The directory, moved here from the file the server kept it in: a row per listed
    //    group (its links as JSON), an append-only history of every change with the record
    //    before and after, and a revision that every change moves on. `meta` says, once the
    //    directory has been brought in, from where.
    "CREATE TABLE groups (
         slug        TEXT PRIMARY KEY,
         name        TEXT NOT NULL,
         city        TEXT,
         country     TEXT NOT NULL,
         lat         REAL NOT NULL,
         lon         REAL NOT NULL,
         status      TEXT NOT NULL,
         description TEXT,
         checked     TEXT,
         links       TEXT NOT NULL DEFAULT '[]'
     );
     CREATE TABLE group_history (
         seq         INTEGER PRIMARY KEY AUTOINCREMENT,
         slug        TEXT NOT NULL,
         at          TEXT NOT NULL,
         action      TEXT NOT NULL,
         by          TEXT NOT NULL,
         note        TEXT,
         before_json TEXT,
         after_json  TEXT
     );
     CREATE INDEX group_history_by_slug ON group_history (slug, seq);
     CREATE TRIGGER group_history_no_update BEFORE UPDATE ON group_history
         BEGIN SELECT RAISE(ABORT, 'the group history is append-only'); END;
     CREATE TRIGGER group_history_no_delete BEFORE DELETE ON group_history
         BEGIN SELECT RAISE(ABORT, 'the group history is append-only'); END;
     CREATE TABLE meta (
         key   TEXT PRIMARY KEY,
         value TEXT NOT NULL
     );",
    // 4. Groups' meetings, imported from their calendar feeds: how each group's feed is
    //    chosen and how its last fetches went (for conditional requests, back-off and the
    //    staff's status), and the meetings of its last good copy, one row per occurrence.
    "CREATE TABLE feeds (
         slug          TEXT PRIMARY KEY,
         mode          TEXT NOT NULL DEFAULT 'auto',
         url           TEXT,
         fetched_url   TEXT,
         etag          TEXT,
         last_modified TEXT,
         fingerprint   TEXT,
         parsed_at     TEXT,
         checked_at    TEXT,
         succeeded_at  TEXT,
         error         TEXT,
         failures      INTEGER NOT NULL DEFAULT 0,
         next_at       TEXT
     );
     CREATE TABLE meetings (
         slug          TEXT NOT NULL,
         uid           TEXT NOT NULL,
         recurrence_id TEXT NOT NULL DEFAULT '',
         title         TEXT NOT NULL,
         starts_at     TEXT NOT NULL,
         ends_at       TEXT,
         tz            TEXT NOT NULL,
         all_day       INTEGER NOT NULL DEFAULT 0,
         place         TEXT,
         online        INTEGER NOT NULL DEFAULT 0,
         url           TEXT,
         cancelled     INTEGER NOT NULL DEFAULT 0,
         modified_at   TEXT,
         sequence      INTEGER NOT NULL DEFAULT 0,
         PRIMARY KEY (slug, uid, recurrence_id)
     );
     CREATE INDEX meetings_by_start ON meetings (starts_at);",
    // 5. Organisers' private links: one key per request (or per listed group that came
    //    without one), kept only as its SHA-256, replaced when a new one is issued; and what
    //    staff wrote to the organiser with their decision, apart from the internal note.
    "CREATE TABLE access_keys (
         subject   TEXT PRIMARY KEY,
         hash      TEXT NOT NULL,
         issued_at TEXT NOT NULL,
         issued_by TEXT NOT NULL
     );
     ALTER TABLE group_requests ADD COLUMN decision_message TEXT;",
    // 6. Mail: an outbox written in the same transaction as the change a message tells of,
    //    delivered in the background; a key per channel (the link shown on the page, and
    //    the one a mail carries, issued as it is sent); the yearly reminders sent.
    "CREATE TABLE access_keys_by_channel (
         subject   TEXT NOT NULL,
         channel   TEXT NOT NULL,
         hash      TEXT NOT NULL,
         issued_at TEXT NOT NULL,
         issued_by TEXT NOT NULL,
         PRIMARY KEY (subject, channel)
     );
     INSERT INTO access_keys_by_channel SELECT subject, 'page', hash, issued_at, issued_by FROM access_keys;
     DROP TABLE access_keys;
     ALTER TABLE access_keys_by_channel RENAME TO access_keys;
     CREATE TABLE outbox (
         id          INTEGER PRIMARY KEY AUTOINCREMENT,
         kind        TEXT NOT NULL,
         request_id  TEXT,
         recipients  TEXT NOT NULL,
         subject     TEXT NOT NULL,
         body        TEXT NOT NULL,
         message_id  TEXT NOT NULL UNIQUE,
         created_at  TEXT NOT NULL,
         state       TEXT NOT NULL DEFAULT 'queued',
         attempts    INTEGER NOT NULL DEFAULT 0,
         next_at     TEXT NOT NULL,
         last_error  TEXT,
         sent_at     TEXT
     );
     CREATE INDEX outbox_due ON outbox (state, next_at);
     CREATE INDEX outbox_by_request ON outbox (request_id);
     CREATE TABLE reminders (
         request_id TEXT NOT NULL,
         at         TEXT NOT NULL
     );",
    // 7. The limits on mail a visitor's request causes count the last day's messages of a kind.
    "CREATE INDEX outbox_by_kind ON outbox (kind, created_at);",
    // 8. "Tell me when a group starts near me" (#28): a row per sign-up, unconfirmed until
    //    its owner opens the mailed link (several unconfirmed rows for one address and place
    //    may wait, one confirmed at most); the mailed links' tokens, kept only as SHA-256;
    //    which groups each sign-up was told of (or knew of when it was confirmed); and the
    //    sign-up a message is for, so that its mail goes with it.
    "CREATE TABLE interest (
         id                  INTEGER PRIMARY KEY AUTOINCREMENT,
         address             TEXT NOT NULL,
         address_key         TEXT NOT NULL,
         name                TEXT NOT NULL DEFAULT '',
         place_id            TEXT NOT NULL,
         place_name          TEXT NOT NULL,
         lat                 REAL NOT NULL,
         lon                 REAL NOT NULL,
         radius_km           INTEGER NOT NULL,
         consent_version     TEXT NOT NULL,
         consent_text_sha256 TEXT NOT NULL,
         created_at          TEXT NOT NULL,
         confirmed_at        TEXT,
         answered_at         TEXT,
         asked_at            TEXT
     );
     CREATE INDEX interest_by_address ON interest (address_key);
     CREATE UNIQUE INDEX interest_one_per_place ON interest (address_key, place_id) WHERE confirmed_at IS NOT NULL;
     CREATE INDEX interest_by_lat ON interest (lat);
     CREATE TABLE interest_tokens (
         hash        TEXT PRIMARY KEY,
         interest_id INTEGER NOT NULL,
         purpose     TEXT NOT NULL,
         issued_at   TEXT NOT NULL
     );
     CREATE INDEX interest_tokens_by_interest ON interest_tokens (interest_id);
     CREATE TABLE interest_told (
         interest_id INTEGER NOT NULL,
         slug        TEXT NOT NULL,
         at          TEXT NOT NULL,
         how         TEXT NOT NULL,
         PRIMARY KEY (interest_id, slug)
     );
     ALTER TABLE outbox ADD COLUMN interest_id INTEGER;
     CREATE INDEX outbox_by_interest ON outbox (interest_id);",
    // The language a request was sent in (its consent's words: `Consent::lang`), which its
    // organisers' mail is written in; requests sent before it were English's.
    "ALTER TABLE group_requests ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';",
    // The language a sign-up for news of groups was made in (its consent sentence's), which
    // its mail and the pages its links open are written in; those made before were English's.
    "ALTER TABLE interest ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';",
];

/// Why the schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(
        "the database was written by a newer release (schema {found}, this one knows {known}): upgrade groups-server"
    )]
    Newer { found: i64, known: usize },
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Applies every migration the database has not had yet; returns the version it had.
pub fn migrate(conn: &mut Connection) -> Result<i64, SchemaError> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > MIGRATIONS.len() as i64 {
        return Err(SchemaError::Newer { found, known: MIGRATIONS.len() });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_every_step_and_reopening_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn the_history_can_lose_a_note_but_not_be_rewritten() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute("INSERT INTO request_history (request_id, at, action, by, note) VALUES ('GR-1', 't', 'declined', 'ann', 'x')", [])
            .unwrap();
        assert!(conn.execute("UPDATE request_history SET action = 'approved'", []).is_err());
        assert!(conn.execute("UPDATE request_history SET note = 'y'", []).is_err());
        assert_eq!(conn.execute("UPDATE request_history SET note = NULL", []).unwrap(), 1);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(migrate(&mut conn), Err(SchemaError::Newer { found: 99, .. })));
    }
}
