//! Owns the new-group requests: storing one once per idempotency key (with its first key and
//! the mail it causes), answering a replay, reading them back, staff decisions (recorded in the
//! request's history), and the clock a group's closing starts.

use groups_core::answer::RequestStatus;
use groups_i18n::Lang;
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{
    history::{add_history, RequestAction},
    Decision, Fault, Store, StoreError,
};
use crate::clock::Timestamp;

/// One stored request, as staff see it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRequest {
    /// The reference number the visitor was shown.
    pub id: String,
    pub status: RequestStatus,
    /// When the server received it, by the server's own clock.
    pub received_at: Timestamp,
    /// The validated request without its consent record or honeypot, as JSON text.
    pub request_json: String,
    pub consent_version: String,
    pub consent_text_sha256: String,
    /// The language it was sent in, which its organisers' mail is written in.
    pub lang: Lang,
    pub decided_at: Option<Timestamp>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    /// The directory slug an approved request was published under.
    pub group_slug: Option<String>,
    /// When that group was taken off the directory: its organisers' 12-month clock.
    pub group_closed_at: Option<Timestamp>,
    /// When the organisers' names and addresses were deleted.
    pub organizers_deleted_at: Option<Timestamp>,
    /// What staff wrote to the organiser with their decision.
    pub decision_message: Option<String>,
}

impl StoredRequest {
    /// What the organisers sent, read back from its JSON (without the consent record).
    pub fn sent(&self) -> Result<groups_core::request::GroupRequest, serde_json::Error> {
        serde_json::from_str(&self.request_json)
    }
}

/// What the inbox stores for a request it accepts.
#[derive(Clone, Debug, PartialEq)]
pub struct NewRequest {
    pub id: String,
    pub received_at: Timestamp,
    pub idempotency_key: String,
    pub body_sha256: String,
    pub request_json: String,
    pub consent_version: String,
    pub consent_text_sha256: String,
    /// The language it was sent in (the words its consent names).
    pub lang: Lang,
    /// The SHA-256 of the organiser's private key: stored with a new request; for a replay
    /// within [`REPLAY_WINDOW`], the key its answer carries (see [`Store::replay`]).
    pub key_hash: String,
}

/// How long after a request arrived a replay of it (the same key and body) still gets a
/// working private key: long enough for the form's retries of an answer that was lost (six
/// retries with doubling waits and a 15 s timeout each take about three minutes), short
/// enough that whoever finds the body and key later (in a backup, an export, a log) mints
/// nothing. After it, a replay gets the request's reference and state without a key.
pub const REPLAY_WINDOW: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// What storing a request did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Created(String),
    /// The same key with the same body was stored before: its id, and whether the answer
    /// carries the new key (a replay within [`REPLAY_WINDOW`]).
    Replayed {
        id: String,
        keyed: bool,
    },
    /// The same key was used for a different body.
    KeyReused,
}

/// What a decision did.
#[derive(Debug, PartialEq)]
pub enum Decided {
    /// Recorded; the request as it is now.
    Done(StoredRequest),
    /// The request already had this decision: nothing changed.
    Already(StoredRequest),
    /// Only a pending request can be decided; this one is `current`.
    NotAllowed(StoredRequest),
    NoSuchRequest,
}

/// A change an organiser makes to their pending request: the whole request as it should be
/// stored, and what changed, in words, for its history.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestChange {
    pub request_json: String,
    pub what: String,
}

/// What an organiser's edit of their request did.
#[derive(Debug, PartialEq)]
pub enum Edited<E> {
    /// Saved and recorded; the request as it is now.
    Done(StoredRequest),
    /// The edit changed nothing: nothing was written.
    Unchanged(StoredRequest),
    /// Only a pending request can be changed; this one is `current`.
    NotPending(StoredRequest),
    /// The edit was refused (its rules, or a part changed meanwhile differently).
    Refused(E),
    NoSuchRequest,
}

const COLUMNS: &str = "id, status, received_at, request_json, consent_version, consent_text_sha256, \
                       decided_at, decided_by, decision_note, group_slug, group_closed_at, organizers_deleted_at, \
                       decision_message, lang";

impl Store {
    /// Stores `request` unless its key was used before, in one transaction with its first
    /// history line. `new_id` makes another reference number if `request.id` is taken.
    /// `mail` makes the messages that tell of it from its final reference; they are queued in
    /// the same transaction.
    pub fn insert(
        &self,
        request: &NewRequest,
        mut new_id: impl FnMut() -> String,
        mail: impl FnOnce(&str) -> Vec<super::NewMail>,
    ) -> Result<Outcome, StoreError> {
        self.write(|tx| {
            if let Some((id, hash)) = key_in(tx, &request.idempotency_key)? {
                if hash != request.body_sha256 {
                    return Ok(Outcome::KeyReused);
                }
                let keyed = replay_in(tx, &id, &request.key_hash, request.received_at)?;
                return Ok(Outcome::Replayed { id, keyed });
            }
            let mut id = request.id.clone();
            while tx.query_row("SELECT EXISTS(SELECT 1 FROM group_requests WHERE id = ?1)", params![id], |r| {
                r.get::<_, bool>(0)
            })? {
                id = new_id();
            }
            tx.execute(
                "INSERT INTO group_requests (id, status, received_at, idempotency_key, body_sha256, request_json, consent_version, consent_text_sha256, lang)
                 VALUES (?1, 'pending', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    request.received_at,
                    request.idempotency_key,
                    request.body_sha256,
                    request.request_json,
                    request.consent_version,
                    request.consent_text_sha256,
                    request.lang.tag()
                ],
            )?;
            let received = Decision::new("inbox", request.received_at, None);
            add_history(tx, &id, RequestAction::Received, &received)?;
            super::keys::put_in(tx, &id, super::keys::Channel::Page, &request.key_hash, &received)?;
            for message in mail(&id) {
                super::outbox::queue_limited_in(tx, &message, request.received_at)?;
            }
            Ok(Outcome::Created(id))
        })
    }

    /// Answers a replay of the stored request `id` at `now`: within [`REPLAY_WINDOW`] of its
    /// arrival the key `hash` is issued on the replay's own channel (the key of the first
    /// answer and every mailed one keep working), and `true`; after it nothing changes.
    pub fn replay(&self, id: &str, hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        self.write(|tx| replay_in(tx, id, hash, now))
    }

    /// The id and body hash stored under an idempotency key, if any: a retry is answered from
    /// this before its body is checked again.
    pub fn find_key(&self, key: &str) -> Result<Option<(String, String)>, StoreError> {
        self.read(|tx| Ok(key_in(tx, key)?))
    }

    /// Every stored request, oldest first.
    pub fn all(&self) -> Result<Vec<StoredRequest>, StoreError> {
        self.read(|tx| select_in(tx, "ORDER BY received_at, rowid", params![]))
    }

    pub fn get(&self, id: &str) -> Result<Option<StoredRequest>, StoreError> {
        self.read(|tx| request_in(tx, id))
    }

    /// The requests that name `email` as an organiser's address (in any case).
    pub fn find_by_email(&self, email: &str) -> Result<Vec<StoredRequest>, StoreError> {
        self.read(|tx| {
            select_in(
                tx,
                "WHERE EXISTS (SELECT 1 FROM json_each(request_json, '$.organizers')
                               WHERE lower(json_extract(value, '$.email')) = lower(?1))
                 ORDER BY received_at, rowid",
                params![email.trim()],
            )
        })
    }

    /// The approved requests published under `slug`.
    pub fn by_slug(&self, slug: &str) -> Result<Vec<StoredRequest>, StoreError> {
        self.read(|tx| select_in(tx, "WHERE group_slug = ?1 ORDER BY received_at, rowid", params![slug]))
    }

    /// Declines or withdraws a pending request, recording it in its history, in one
    /// transaction. The same decision twice changes nothing; another decision on a decided
    /// request is not allowed. (Approving publishes a group too: see `approve`.)
    pub fn decide(&self, id: &str, to: RequestStatus, decision: &Decision) -> Result<Decided, StoreError> {
        self.write(|tx| decide_in(tx, id, to, decision, None))
    }

    /// Changes the pending request `id` as `apply` says, reading and writing in one transaction
    /// (so two saves at once are merged one after the other, never over each other), and
    /// records it in its history as done by `by` at `at`, with what changed as its note.
    pub fn edit_request<E>(
        &self,
        id: &str,
        by: &str,
        at: Timestamp,
        apply: impl FnOnce(&StoredRequest) -> Result<Option<RequestChange>, E>,
    ) -> Result<Edited<E>, StoreError> {
        self.write(|tx| {
            let Some(current) = request_in(tx, id)? else { return Ok(Edited::NoSuchRequest) };
            if current.status != RequestStatus::Pending {
                return Ok(Edited::NotPending(current));
            }
            let change = match apply(&current) {
                Ok(Some(change)) => change,
                Ok(None) => return Ok(Edited::Unchanged(current)),
                Err(refused) => return Ok(Edited::Refused(refused)),
            };
            tx.execute("UPDATE group_requests SET request_json = ?2 WHERE id = ?1", params![id, change.request_json])?;
            add_history(tx, id, RequestAction::Edited, &Decision::new(by, at, Some(change.what)))?;
            Ok(request_in(tx, id)?.map_or(Edited::NoSuchRequest, Edited::Done))
        })
    }

    pub(super) fn close_requests_of(tx: &Transaction, slug: &str, decision: &Decision) -> Result<Vec<String>, Fault> {
        let ids: Vec<String> = {
            let mut statement = tx.prepare(
                "SELECT id FROM group_requests WHERE group_slug = ?1 AND status = 'approved' AND group_closed_at IS NULL",
            )?;
            let rows = statement.query_map(params![slug], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for id in &ids {
            tx.execute("UPDATE group_requests SET group_closed_at = ?2 WHERE id = ?1", params![id, decision.at])?;
            add_history(tx, id, RequestAction::GroupClosed, decision)?;
        }
        Ok(ids)
    }
}

/// Decides `id` inside `tx` (see [`Store::decide`]); `slug` is the group an approval published.
pub(super) fn decide_in(
    tx: &Transaction,
    id: &str,
    to: RequestStatus,
    decision: &Decision,
    slug: Option<&str>,
) -> Result<Decided, Fault> {
    let Some(current) = request_in(tx, id)? else {
        return Ok(Decided::NoSuchRequest);
    };
    if current.status == to {
        return Ok(Decided::Already(current));
    }
    if current.status != RequestStatus::Pending {
        return Ok(Decided::NotAllowed(current));
    }
    tx.execute(
        "UPDATE group_requests SET status = ?2, decided_at = ?3, decided_by = ?4, decision_note = ?5, group_slug = ?6,
                decision_message = ?7 WHERE id = ?1",
        params![id, to.slug(), decision.at, decision.by, decision.note, slug, decision.message],
    )?;
    add_history(tx, id, RequestAction::deciding(to), decision)?;
    for mail in &decision.mail {
        super::outbox::queue_in(tx, mail, decision.at)?;
    }
    Ok(request_in(tx, id)?.map_or(Decided::NoSuchRequest, Decided::Done))
}

/// See [`Store::replay`].
fn replay_in(tx: &Transaction, id: &str, hash: &str, now: Timestamp) -> Result<bool, Fault> {
    let Some(request) = request_in(tx, id)? else { return Ok(false) };
    if now > request.received_at.plus(REPLAY_WINDOW) {
        return Ok(false);
    }
    let replayed = Decision::new("inbox", now, Some("the request sent again".into()));
    super::keys::put_in(tx, id, super::keys::Channel::Replay, hash, &replayed)?;
    add_history(tx, id, RequestAction::KeyIssued, &replayed)?;
    Ok(true)
}

fn key_in(tx: &Transaction, key: &str) -> rusqlite::Result<Option<(String, String)>> {
    tx.query_row("SELECT id, body_sha256 FROM group_requests WHERE idempotency_key = ?1", params![key], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })
    .optional()
}

pub(super) fn request_in(tx: &Transaction, id: &str) -> Result<Option<StoredRequest>, Fault> {
    Ok(select_in(tx, "WHERE id = ?1", params![id])?.into_iter().next())
}

pub(super) fn select_in(
    tx: &Transaction,
    tail: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<StoredRequest>, Fault> {
    let mut statement = tx.prepare(&format!("SELECT {COLUMNS} FROM group_requests {tail}"))?;
    let rows: Vec<(StoredRequest, String)> = statement.query_map(args, read_row)?.collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(mut request, status)| match RequestStatus::from_slug(&status) {
            Some(status) => {
                request.status = status;
                Ok(request)
            }
            None => Err(Fault::Damaged { id: request.id, reason: format!("unknown status `{status}`") }),
        })
        .collect()
}

fn read_row(row: &Row) -> rusqlite::Result<(StoredRequest, String)> {
    Ok((
        StoredRequest {
            id: row.get(0)?,
            status: RequestStatus::Pending,
            received_at: row.get(2)?,
            request_json: row.get(3)?,
            consent_version: row.get(4)?,
            consent_text_sha256: row.get(5)?,
            decided_at: row.get(6)?,
            decided_by: row.get(7)?,
            decision_note: row.get(8)?,
            group_slug: row.get(9)?,
            group_closed_at: row.get(10)?,
            organizers_deleted_at: row.get(11)?,
            decision_message: row.get(12)?,
            // A tag this build does not know (a language since removed) is read as English.
            lang: Lang::by_tag(&row.get::<_, String>(13)?).unwrap_or(Lang::En),
        },
        row.get(1)?,
    ))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    pub(crate) fn by(who: &str, when: &str) -> Decision {
        Decision::new(who, at(when), None)
    }

    pub(crate) fn record(key: &str, json: &str) -> NewRequest {
        NewRequest {
            id: "GR-AAAA-AAAA".into(),
            received_at: at("2026-11-28T10:00:00Z"),
            idempotency_key: key.into(),
            body_sha256: format!("hash-of-{key}"),
            request_json: json.into(),
            consent_version: "2026-11-01".into(),
            consent_text_sha256: "ab".into(),
            lang: Lang::En,
            key_hash: format!("key-of-{key}"),
        }
    }

    pub(crate) const ADA: &str = r#"{"group":{"name":"G"},"organizers":[{"name":"Ada","email":"Ada@Example.org"}]}"#;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("requests.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn a_pending_request_is_changed_in_place_with_its_history_and_a_decided_one_is_not() {
        let (_dir, store) = store();
        store.insert(&record("k1", ADA), || unreachable!(), |_| Vec::new()).unwrap();
        let id = "GR-AAAA-AAAA";
        let change = |json: &str| RequestChange { request_json: json.into(), what: "the name".into() };
        let renamed = r#"{"group":{"name":"H"},"organizers":[{"name":"Ada","email":"Ada@Example.org"}]}"#;
        let organiser = "organiser of GR-AAAA-AAAA";
        let later = at("2026-11-29T09:00:00Z");
        let done = store.edit_request::<()>(id, organiser, later, |_| Ok(Some(change(renamed)))).unwrap();
        let Edited::Done(now) = done else { panic!("not saved: {done:?}") };
        assert_eq!(now.request_json, renamed);
        // The body's hash stays the original's: a replay of what was first sent is still known.
        assert_eq!(store.find_key("k1").unwrap(), Some((id.into(), "hash-of-k1".into())));
        let last = store.history(id).unwrap().pop().unwrap();
        assert_eq!(
            (last.action, last.by.as_str(), last.note.as_deref()),
            (RequestAction::Edited, organiser, Some("the name"))
        );
        // Nothing to change, or a refusal: nothing written.
        assert!(matches!(store.edit_request::<()>(id, organiser, later, |_| Ok(None)).unwrap(), Edited::Unchanged(_)));
        assert_eq!(store.edit_request(id, organiser, later, |_| Err("no")).unwrap(), Edited::Refused("no"));
        assert_eq!(store.history(id).unwrap().len(), 2);
        // Once decided, the request is what staff decided on.
        store.decide(id, RequestStatus::Withdrawn, &by("ann", "2026-11-30T09:00:00Z")).unwrap();
        let refused = store.edit_request::<()>(id, organiser, later, |_| unreachable!()).unwrap();
        assert!(matches!(refused, Edited::NotPending(r) if r.request_json == renamed));
        assert_eq!(
            store.edit_request::<()>("GR-NONE", organiser, later, |_| unreachable!()).unwrap(),
            Edited::NoSuchRequest
        );
    }

    #[test]
    fn a_key_stores_once_and_replays_its_id() {
        let (_dir, store) = store();
        let first = record("k1", ADA);
        assert_eq!(
            store.insert(&first, || unreachable!(), |_| Vec::new()).unwrap(),
            Outcome::Created("GR-AAAA-AAAA".into())
        );
        assert_eq!(
            store.insert(&first, || unreachable!(), |_| Vec::new()).unwrap(),
            Outcome::Replayed { id: "GR-AAAA-AAAA".into(), keyed: true }
        );
        let other_body = NewRequest { body_sha256: "other".into(), ..first.clone() };
        assert_eq!(store.insert(&other_body, || unreachable!(), |_| Vec::new()).unwrap(), Outcome::KeyReused);
        assert_eq!(store.find_key("k1").unwrap(), Some(("GR-AAAA-AAAA".into(), "hash-of-k1".into())));
        assert_eq!(store.find_key("k9").unwrap(), None);
        // A second key whose first id is taken gets a fresh one.
        assert_eq!(
            store.insert(&record("k2", ADA), || "GR-BBBB-BBBB".into(), |_| Vec::new()).unwrap(),
            Outcome::Created("GR-BBBB-BBBB".into())
        );
        assert_eq!(store.all().unwrap().len(), 2);
        let stored = store.get("GR-BBBB-BBBB").unwrap().unwrap();
        assert_eq!(stored.status, RequestStatus::Pending);
        assert_eq!(store.get("GR-NONE").unwrap(), None);
        let history = store.history("GR-AAAA-AAAA").unwrap();
        assert_eq!(
            history[0],
            crate::store::HistoryEntry {
                at: at("2026-11-28T10:00:00Z"),
                action: RequestAction::Received,
                by: "inbox".into(),
                note: None
            }
        );
        // The replay issued a key of its own beside the first answer's, and said so.
        let actions: Vec<_> = history.iter().map(|h| h.action).collect();
        assert_eq!(actions, [RequestAction::Received, RequestAction::KeyIssued]);
        assert_eq!(store.key_hashes("GR-AAAA-AAAA").unwrap(), ["key-of-k1", "key-of-k1"]);
    }

    #[test]
    fn a_replay_mints_a_key_only_soon_after_its_request_arrived() {
        let (_dir, store) = store();
        store.insert(&record("k1", ADA), || unreachable!(), |_| Vec::new()).unwrap();
        let id = "GR-AAAA-AAAA";
        let arrived = at("2026-11-28T10:00:00Z");
        assert!(store.replay(id, "second", arrived.plus(REPLAY_WINDOW)).unwrap());
        assert!(store.replay(id, "third", arrived.plus(REPLAY_WINDOW / 2)).unwrap());
        // The first answer's key stays; the replay's channel holds the latest replay's.
        assert_eq!(store.key_hashes(id).unwrap(), ["key-of-k1", "third"]);
        let later = arrived.plus(REPLAY_WINDOW + std::time::Duration::from_secs(1));
        assert!(!store.replay(id, "fourth", later).unwrap());
        let late = NewRequest { received_at: later, key_hash: "fifth".into(), ..record("k1", ADA) };
        assert_eq!(
            store.insert(&late, || unreachable!(), |_| Vec::new()).unwrap(),
            Outcome::Replayed { id: id.into(), keyed: false }
        );
        assert_eq!(store.key_hashes(id).unwrap(), ["key-of-k1", "third"], "nothing minted after the window");
        assert!(!store.replay("GR-NONE-NONE", "x", arrived).unwrap());
    }

    #[test]
    fn decisions_are_made_once_and_recorded() {
        let (_dir, store) = store();
        store.insert(&record("k1", ADA), || unreachable!(), |_| Vec::new()).unwrap();
        let id = "GR-AAAA-AAAA";
        let ann = Decision::new("ann", at("2026-12-01T09:00:00Z"), Some("a group meets there".into()));
        let decided = store.decide(id, RequestStatus::Declined, &ann).unwrap();
        let Decided::Done(request) = decided else { panic!("{decided:?}") };
        assert_eq!(request.status, RequestStatus::Declined);
        assert_eq!(
            (request.decided_by.as_deref(), request.decision_note.as_deref()),
            (Some("ann"), Some("a group meets there"))
        );
        let bob = by("bob", "2026-12-02T09:00:00Z");
        assert!(matches!(store.decide(id, RequestStatus::Declined, &bob).unwrap(), Decided::Already(_)));
        assert!(matches!(
            store.decide(id, RequestStatus::Withdrawn, &bob).unwrap(),
            Decided::NotAllowed(r) if r.status == RequestStatus::Declined
        ));
        assert_eq!(store.decide("GR-NONE", RequestStatus::Declined, &bob).unwrap(), Decided::NoSuchRequest);
        let actions: Vec<_> = store.history(id).unwrap().into_iter().map(|h| (h.action, h.by)).collect();
        assert_eq!(actions, [(RequestAction::Received, "inbox".into()), (RequestAction::Declined, "ann".into())]);
    }

    #[test]
    fn requests_are_found_by_an_organisers_address_in_any_case() {
        let (_dir, store) = store();
        store.insert(&record("k1", ADA), || unreachable!(), |_| Vec::new()).unwrap();
        assert_eq!(store.find_by_email(" ada@example.ORG ").unwrap().len(), 1);
        assert!(store.find_by_email("bob@example.org").unwrap().is_empty());
        assert!(store.find_by_email("ada").unwrap().is_empty(), "the whole address, not a part");
    }
}
