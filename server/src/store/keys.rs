//! Owns the organisers' private keys as stored: one per request (or per listed group that came
//! without one) and channel (the link shown on the page, a replay's answer, and each mail's),
//! kept only as a SHA-256 so that the database alone never lets anyone act as an organiser.
//! Putting a key replaces the one before on its channel; revoking removes all of a subject's.
//! Issuing a link as staff do (with its checks, history and mail) is `links`.

use rusqlite::{params, Transaction};

use super::{
    history::{add_history, RequestAction},
    Decision, Fault, Store, StoreError,
};

/// Where a key was given: on the page (the form's answer, or staff's `link` commands) or in a
/// mail (by its number in the outbox: every link an organiser was mailed keeps working, and
/// a message sent again carries a new key in place of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Channel {
    Page,
    Mail(i64),
    /// The answer to a replay of the request soon after it arrived (its first answer may have
    /// been lost): a channel of its own, so that a replay never revokes a key already given.
    Replay,
}

impl Channel {
    pub(super) fn slug(self) -> String {
        match self {
            Channel::Page => "page".into(),
            Channel::Mail(id) => format!("mail-{id}"),
            Channel::Replay => "replay".into(),
        }
    }
}

impl Store {
    /// The key the mail `mail` to `subject`'s organisers carries, issued as it is sent.
    /// `false` when `subject` has no key any more (erased, closed, or staff issued a new link
    /// since the mail was queued): the mail then goes without a link.
    pub fn issue_mail_key(
        &self,
        subject: &str,
        mail: i64,
        hash: &str,
        decision: &Decision,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            let held: bool =
                tx.query_row("SELECT EXISTS(SELECT 1 FROM access_keys WHERE subject = ?1)", params![subject], |r| {
                    r.get(0)
                })?;
            if held {
                put_in(tx, subject, Channel::Mail(mail), hash, decision)?;
            }
            Ok(held)
        })
    }

    /// The hashes of the keys in force for `subject` (a reference or a slug), one per channel.
    pub fn key_hashes(&self, subject: &str) -> Result<Vec<String>, StoreError> {
        self.read(|tx| {
            let mut statement = tx.prepare("SELECT hash FROM access_keys WHERE subject = ?1 ORDER BY channel")?;
            let rows = statement.query_map(params![subject], |row| row.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }
}

/// Stores `hash` as the key of `subject` on `channel`, replacing the one there.
pub(super) fn put_in(
    tx: &Transaction,
    subject: &str,
    channel: Channel,
    hash: &str,
    decision: &Decision,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO access_keys (subject, channel, hash, issued_at, issued_by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (subject, channel) DO UPDATE SET hash = excluded.hash, issued_at = excluded.issued_at, issued_by = excluded.issued_by",
        params![subject, channel.slug(), hash, decision.at, decision.by],
    )
    .map(drop)
}

/// A new key for the request `id` on its page's channel, in its history.
pub(super) fn issue_in(tx: &Transaction, id: &str, hash: &str, decision: &Decision) -> Result<(), Fault> {
    put_in(tx, id, Channel::Page, hash, decision)?;
    add_history(tx, id, RequestAction::KeyIssued, decision)?;
    Ok(())
}

/// No key works for `subject` any more.
pub(super) fn revoke_in(tx: &Transaction, subject: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM access_keys WHERE subject = ?1", params![subject]).map(drop)
}
