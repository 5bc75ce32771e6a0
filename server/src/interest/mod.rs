//! "Tell me when a group starts near me" (#28), the server's side beyond the HTTP calls
//! (`api::interest`, [`pages`], and [`form`], the sign-up for pages without JavaScript) and the rows (`store::interest`): telling people of a
//! group that started near them, the yearly question, and deleting what is due.
//!
//! - **Telling.** Approving a request tells at once (`staff::decide`), and so does an
//!   organiser moving their group's point (`api::organiser`); the mail sender also looks, with
//!   the yearly reminders, for any listed group that a confirmed sign-up within reach was not
//!   told of (a group imported or reverted by staff, or a process stopped between an approval
//!   and its telling). Either way the store notes each sign-up told in the transaction that
//!   queues the message, so nobody hears of a group twice.
//! - **Asking.** A year after its owner last answered, a sign-up gets the question whether it
//!   is still wanted (with the sender's yearly reminders).
//! - **Deleting.** A sign-up unconfirmed for 7 days, or unanswered for two years, is deleted
//!   hourly by the server ([`schedule_purge`], from its first minute) and by
//!   `groups-server interest purge`; every byte of it is overwritten.

pub mod form;
pub mod pages;

use std::{sync::Arc, time::Duration};

use groups_core::directory::GroupRecord;

use crate::{
    clock::{Clock, Timestamp},
    mail::compose::Letters,
    meetings::convert,
    store::{Decision, Expired, Store, StoreError},
};

/// How often the server deletes what is due.
pub const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// Tells every confirmed sign-up within reach of `groups` that was not told of them, with
/// each group's next meeting where its calendar has one. How many messages were queued.
pub fn tell(store: &Store, letters: &Letters, groups: &[GroupRecord], now: Timestamp) -> Result<usize, StoreError> {
    let (_, meetings) = store.meetings()?;
    let next = |slug: &str| {
        meetings
            .iter()
            .filter(|m| m.slug == slug && !m.occurrence.cancelled && m.occurrence.start.timestamp() > now.unix())
            .min_by_key(|m| m.occurrence.start)
            .map(|m| convert::meeting(m, &letters.origin))
    };
    store.tell_interest(groups, now, |record, group, distance| {
        letters.interest_news(record, group, distance, next(&group.slug).as_ref())
    })
}

/// What the mail sender does with its yearly reminders: the yearly questions due, and the
/// news of any listed group someone within reach was not told of yet.
pub fn queue_due(store: &Store, letters: &Letters, now: Timestamp) -> Result<(), StoreError> {
    for record in store.interest_asks_due(now)? {
        store.queue_interest_ask(record.id, &letters.interest_ask(&record), now)?;
    }
    let told = tell(store, letters, &store.groups()?, now)?;
    if told > 0 {
        tracing::info!(told, "news of groups near sign-ups queued");
    }
    Ok(())
}

/// Deletes the sign-ups due at `now` (or, with `dry_run`, only says which), and empties the
/// WAL after, so none of them is left in the database's files.
pub fn purge(store: &Store, now: Timestamp, dry_run: bool, by: &str) -> Result<Vec<Expired>, StoreError> {
    let due = store.interest_expired(now)?;
    if dry_run || due.is_empty() {
        return Ok(due);
    }
    for expired in &due {
        let decision = Decision::new(by, now, Some(format!("retention: {}", expired.reason)));
        store.erase_interest(expired.record.id, &decision)?;
    }
    store.compact()?;
    Ok(due)
}

/// Deletes what is due now and then every [`PURGE_EVERY`], by the server's clock, for as long
/// as the server runs. The log says how many, never whose.
pub fn schedule_purge(store: Arc<Store>, clock: Clock) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PURGE_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = clock.now();
            match store.run(move |store| purge(store, now, false, "retention")).await {
                Ok(deleted) if !deleted.is_empty() => {
                    tracing::info!(deleted = deleted.len(), "sign-ups for news of groups deleted, as due")
                }
                Ok(_) => {}
                Err(error) => tracing::error!("sign-ups due for deletion: {error}"),
            }
        }
    });
}
