//! Owns deleting what the privacy page says must go: a whole request on request (erasure), a
//! declined or withdrawn one 12 months after its decision, and the organisers' details of a
//! group 12 months after it closed. Each leaves a line saying that it happened and by whom,
//! never what was deleted.

use rusqlite::params;

use super::{
    history::{add_history, RequestAction},
    requests::select_in,
    Decision, Store, StoreError,
};
use crate::clock::Timestamp;

/// Why a request is due for deletion, and since when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Purgeable {
    pub id: String,
    /// "declined 2026-11-30T10:00:00Z", "group berlin closed 2026-01-01T00:00:00Z".
    pub reason: String,
}

/// What a purge deletes: whole requests, and the organisers of approved ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurgePlan {
    pub requests: Vec<Purgeable>,
    pub organizers: Vec<Purgeable>,
}

impl PurgePlan {
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty() && self.organizers.is_empty()
    }
}

impl Store {
    /// Deletes the request `id` and its history, in one transaction, recording only that it
    /// was erased (by whom, when, and the `decision`'s note as the reason). Returns whether
    /// there was such a request. Call [`Store::compact`] after.
    pub fn erase(&self, id: &str, decision: &Decision) -> Result<bool, StoreError> {
        self.write(|tx| {
            let deleted = tx.execute("DELETE FROM group_requests WHERE id = ?1", params![id])?;
            if deleted > 0 {
                tx.execute("DELETE FROM request_history WHERE request_id = ?1", params![id])?;
                super::keys::revoke_in(tx, id)?;
                super::outbox::forget_in(tx, id)?;
                tx.execute(
                    "INSERT INTO erasures (request_id, at, by, reason) VALUES (?1, ?2, ?3, ?4)",
                    params![id, decision.at, decision.by, decision.note.as_deref().unwrap_or("erasure requested")],
                )?;
            }
            Ok(deleted > 0)
        })
    }

    /// Deletes the organisers' names and addresses from an approved request, and the notes of
    /// its history (which may name them). Call [`Store::compact`] after.
    pub fn forget_organizers(&self, id: &str, decision: &Decision) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE group_requests SET request_json = json_set(request_json, '$.organizers', json('[]')),
                        decision_note = NULL, decision_message = NULL, organizers_deleted_at = ?2 WHERE id = ?1",
                params![id, decision.at],
            )?;
            tx.execute("UPDATE request_history SET note = NULL WHERE request_id = ?1", params![id])?;
            add_history(tx, id, RequestAction::OrganizersDeleted, &Decision { note: None, ..decision.clone() })?;
            Ok(())
        })
    }

    /// What is due for deletion at `cutoff` (twelve months before now): declined and
    /// withdrawn requests decided then or before, and the organisers of groups closed then or
    /// before. Times compare as text: they are all written in one format.
    pub fn purge_plan(&self, cutoff: Timestamp) -> Result<PurgePlan, StoreError> {
        self.read(|tx| {
            let decided = select_in(
                tx,
                "WHERE status IN ('declined', 'withdrawn') AND decided_at <= ?1 ORDER BY decided_at, rowid",
                params![cutoff],
            )?;
            let closed = select_in(
                tx,
                "WHERE status = 'approved' AND group_closed_at <= ?1 AND organizers_deleted_at IS NULL ORDER BY group_closed_at, rowid",
                params![cutoff],
            )?;
            let when = |t: Option<Timestamp>| t.map(|t| t.to_string()).unwrap_or_default();
            Ok(PurgePlan {
                requests: decided
                    .into_iter()
                    .map(|r| Purgeable { reason: format!("{} {}", r.status, when(r.decided_at)), id: r.id })
                    .collect(),
                organizers: closed
                    .into_iter()
                    .map(|r| Purgeable {
                        reason: format!(
                            "group {} closed {}",
                            r.group_slug.unwrap_or_default(),
                            when(r.group_closed_at)
                        ),
                        id: r.id,
                    })
                    .collect(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use groups_core::answer::RequestStatus;

    use super::*;
    use crate::store::requests::tests::{at, by, record, ADA};

    #[test]
    fn erasure_leaves_only_the_fact() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("requests.db")).unwrap();
        store.insert(&record("k1", ADA), || unreachable!(), |_| Vec::new()).unwrap();
        let asked = Decision::new("ann", at("2026-12-01T00:00:00Z"), Some("asked by the organiser".into()));
        assert!(store.erase("GR-AAAA-AAAA", &asked).unwrap());
        assert!(!store.erase("GR-AAAA-AAAA", &asked).unwrap());
        assert_eq!(store.get("GR-AAAA-AAAA").unwrap(), None);
        assert!(store.history("GR-AAAA-AAAA").unwrap().is_empty());
        assert!(store.find_by_email("ada@example.org").unwrap().is_empty());
        store.compact().unwrap();
    }

    #[test]
    fn erasure_overwrites_the_rows_without_rewriting_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("requests.db");
        let store = Store::open(&path).unwrap();
        // Many requests besides, and the one erased large enough to need overflow pages.
        for n in 0..200 {
            let other = crate::store::NewRequest { id: format!("GR-{n:04}-0000"), ..record(&format!("k{n}"), ADA) };
            store.insert(&other, || unreachable!(), |_| Vec::new()).unwrap();
        }
        let secret = "grace-hopper-erase-me@example.org";
        let long = "Secret plans ".repeat(3000);
        let json = format!(
            r#"{{"group":{{"name":"G","description":"{long}"}},"organizers":[{{"name":"Grace","email":"{secret}"}}]}}"#
        );
        let big = crate::store::NewRequest { id: "GR-ERAS-EME0".into(), ..record("big", &json) };
        store.insert(&big, || unreachable!(), |_| Vec::new()).unwrap();
        let bytes = || {
            ["", "-wal", "-shm"]
                .iter()
                .flat_map(|s| std::fs::read(format!("{}{s}", path.display())).unwrap_or_default())
                .collect::<Vec<u8>>()
        };
        let holds = |needle: &str| bytes().windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(holds(secret) && holds("Secret plans"), "there before: the check can fail");

        assert!(store.erase("GR-ERAS-EME0", &by("ann", "2026-12-01T00:00:00Z")).unwrap());
        store.compact().unwrap();
        assert!(!holds(secret) && !holds("Secret plans"), "no byte of it is left");
        // The freed pages are still in the file (zeroed): it was not rewritten by a VACUUM,
        // which on a large database stalled every other request for seconds.
        let free: i64 = store.with(|c| Ok(c.query_row("PRAGMA freelist_count", [], |r| r.get(0))?)).unwrap();
        assert!(free > 0, "the database was rewritten");
        assert_eq!(store.all().unwrap().len(), 200);
    }

    #[test]
    fn a_purge_finds_what_is_due_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("requests.db")).unwrap();
        for (key, id) in
            [("k1", "GR-0000-0001"), ("k2", "GR-0000-0002"), ("k3", "GR-0000-0003"), ("k4", "GR-0000-0004")]
        {
            store
                .insert(
                    &crate::store::NewRequest { id: id.into(), ..record(key, ADA) },
                    || unreachable!(),
                    |_| Vec::new(),
                )
                .unwrap();
        }
        store.decide("GR-0000-0001", RequestStatus::Declined, &by("ann", "2026-01-10T00:00:00Z")).unwrap();
        store.decide("GR-0000-0002", RequestStatus::Withdrawn, &by("ann", "2026-06-10T00:00:00Z")).unwrap();
        let approval = Decision::new("ann", at("2026-01-10T00:00:00Z"), Some("ask ada".into()));
        store.approve("GR-0000-0003", &crate::store::groups::tests::group("g"), &approval).unwrap();
        store.close_group("g", &by("ann", "2026-02-01T00:00:00Z")).unwrap();

        let plan = store.purge_plan(at("2026-03-01T00:00:00Z")).unwrap();
        let ids = |items: &[Purgeable]| items.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&plan.requests), ["GR-0000-0001"]);
        assert_eq!(plan.requests[0].reason, "declined 2026-01-10T00:00:00Z");
        assert_eq!(ids(&plan.organizers), ["GR-0000-0003"]);
        assert_eq!(plan.organizers[0].reason, "group g closed 2026-02-01T00:00:00Z");

        store.forget_organizers("GR-0000-0003", &by("purge", "2026-03-01T00:00:00Z")).unwrap();
        let kept = store.get("GR-0000-0003").unwrap().unwrap();
        assert!(
            kept.request_json.contains("\"organizers\":[]") && !kept.request_json.contains("ada@"),
            "{}",
            kept.request_json
        );
        assert_eq!(kept.decision_note, None);
        assert!(store.history("GR-0000-0003").unwrap().iter().all(|h| h.note.is_none()));
        assert!(store.purge_plan(at("2026-03-01T00:00:00Z")).unwrap().organizers.is_empty(), "once");
        assert_eq!(
            ids(&store.purge_plan(at("2027-01-01T00:00:00Z")).unwrap().requests),
            ["GR-0000-0001", "GR-0000-0002"]
        );
    }
}
