//! Counts for monitoring, read at each scrape of the metrics: the outbox's queue and its
//! failures, and the meetings held. Counts and times only, never what a row says.

use super::{Store, StoreError};
use crate::clock::Timestamp;

/// The outbox as a monitor sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutboxStats {
    /// Waiting to be sent (queued or being sent now).
    pub queued: i64,
    /// Failed for good, waiting for staff (`mail retry`).
    pub failed: i64,
    /// When the oldest message still waiting was queued.
    pub oldest_queued: Option<Timestamp>,
}

impl Store {
    pub fn outbox_stats(&self) -> Result<OutboxStats, StoreError> {
        self.read(|tx| {
            let (queued, oldest_queued) = tx.query_row(
                "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE state IN ('queued', 'sending')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let failed = tx.query_row("SELECT COUNT(*) FROM outbox WHERE state = 'failed'", [], |r| r.get(0))?;
            Ok(OutboxStats { queued, failed, oldest_queued })
        })
    }

    /// How many meetings the feeds hold that started before `now` and were not cancelled.
    pub fn meetings_held(&self, now: Timestamp) -> Result<i64, StoreError> {
        self.read(|tx| {
            Ok(tx.query_row("SELECT COUNT(*) FROM meetings WHERE starts_at <= ?1 AND cancelled = 0", [now], |r| {
                r.get(0)
            })?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{MailKind, NewMail};

    #[test]
    fn the_outbox_counts_what_waits_and_what_failed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        assert_eq!(store.outbox_stats().unwrap(), OutboxStats::default());
        let at = |t: &str| t.parse::<Timestamp>().unwrap();
        for n in 0..3 {
            let mail = NewMail {
                kind: MailKind::StaffNotice,
                request_id: None,
                recipients: vec![(String::new(), "staff@example.org".into())],
                subject: "s".into(),
                body: "b".into(),
                message_id: format!("<{n}@example.org>"),
                interest_id: None,
            };
            store.queue_mail(&mail, at(&format!("2026-12-0{}T00:00:00Z", n + 1))).unwrap();
        }
        let first = store.claim_mail(at("2026-12-05T00:00:00Z")).unwrap().unwrap();
        store.mail_failed(first.id, "550 no such user", None).unwrap();
        let stats = store.outbox_stats().unwrap();
        assert_eq!((stats.queued, stats.failed), (2, 1));
        assert_eq!(stats.oldest_queued, Some(at("2026-12-02T00:00:00Z")));
        assert_eq!(store.meetings_held(at("2026-12-05T00:00:00Z")).unwrap(), 0);
    }
}
