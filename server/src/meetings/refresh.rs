//! Refreshing groups' feeds (which ones there are: `feeds`): when each is due, one fetch
//! recorded (a new copy's meetings, as the feed reader gives them, replace the last good ones;
//! a failure keeps them and waits longer and longer before trying again, up to a day), and the
//! schedule that runs the due ones a few at a time while the server runs.

use std::{sync::Arc, time::Duration};

use groups_feeds::{fingerprint, parse};

pub use super::feeds::{feeds, Feed};
use super::{
    convert::instant,
    fetch::{FetchError, Fetched, Fetcher, Validators},
};
use crate::{
    clock::Timestamp,
    store::{FetchResult, Store},
};

/// How far back and ahead a feed's meetings are read: a year each way.
const WINDOW: Duration = Duration::from_secs(365 * 24 * 3600);
/// The first wait after a failure, doubled with each failure in a row, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(15 * 60);
const MAX_BACKOFF: Duration = super::fetch::MAX_WAIT;
/// An unchanged feed is read again this often anyway: its window moves with time.
const REPARSE_EVERY: Duration = Duration::from_secs(24 * 3600);
/// How many feeds are fetched at once.
pub const AT_ONCE: usize = 3;
/// How often a feed is refreshed unless told otherwise (`--meetings-refresh`): hourly, as the
/// old portal imported them.
pub const DEFAULT_EVERY: Duration = Duration::from_secs(3600);

/// What one refresh came to, as `meetings refresh` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Updated { meetings: usize, skipped: usize },
    Unchanged,
    Failed(String),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Updated { meetings, skipped: 0 } => write!(f, "updated with {meetings} meetings"),
            Outcome::Updated { meetings, skipped } => {
                write!(f, "updated with {meetings} meetings ({skipped} events left out: see the server's log)")
            }
            Outcome::Unchanged => f.write_str("not modified"),
            Outcome::Failed(error) => write!(f, "error: {error}"),
        }
    }
}

/// Fetches `feed` once at `now` and records what came of it; the next fetch is due `every`
/// later (a little more, so that feeds spread out), or after the back-off of a failure.
pub async fn refresh(store: &Arc<Store>, fetcher: &Fetcher, feed: &Feed, now: Timestamp, every: Duration) -> Outcome {
    let state = &feed.state;
    let same_url = state.fetched_url.as_deref() == Some(feed.url.as_str());
    let validators = if same_url {
        Validators { etag: state.etag.clone(), last_modified: state.last_modified.clone() }
    } else {
        Validators::default()
    };
    let due = now.plus(every + jitter(every));
    // The wait the feed's server asked for, when it refused for a while (429, 503).
    let mut asked = None;
    let (result, outcome) = match fetcher.fetch(&feed.url, &validators).await {
        Ok(Fetched::NotModified) => (FetchResult::Unchanged { etag: None, last_modified: None }, Outcome::Unchanged),
        Ok(Fetched::Changed { body, validators }) => {
            // What was read is the copy and the zone it was read in: a group that moves has
            // its feed read again in its new zone (and every feed was, once, when the zone
            // joined the fingerprint).
            let print = format!("{} {}", fingerprint(&body), feed.zone.name());
            let recent = state.parsed_at.is_some_and(|at| at.plus(REPARSE_EVERY) > now);
            if same_url && recent && state.fingerprint.as_deref() == Some(print.as_str()) {
                // Only its stamps changed (Meetup's DTSTAMP moves at every fetch).
                (
                    FetchResult::Unchanged { etag: validators.etag, last_modified: validators.last_modified },
                    Outcome::Unchanged,
                )
            } else {
                let instant = instant(now);
                let window = (instant - WINDOW, instant + WINDOW);
                // Reading a feed is work for the CPU (a hostile one is refused only after
                // some): off the runtime, which keeps answering visitors meanwhile.
                let zone = feed.zone;
                let parsed = tokio::task::spawn_blocking(move || parse(&body, instant, window, zone))
                    .await
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic.into_panic()));
                match parsed {
                    Ok(parsed) => {
                        for skipped in &parsed.skipped {
                            tracing::warn!("feed of {} ({}): left out {skipped}", feed.slug, feed.url);
                        }
                        let outcome =
                            Outcome::Updated { meetings: parsed.occurrences.len(), skipped: parsed.skipped.len() };
                        let result = FetchResult::Parsed {
                            etag: validators.etag,
                            last_modified: validators.last_modified,
                            fingerprint: print,
                            meetings: parsed.occurrences,
                        };
                        (result, outcome)
                    }
                    Err(error) => failed(error.to_string()),
                }
            }
        }
        Err(error) => {
            if let FetchError::Status { retry_after, .. } = &error {
                asked = *retry_after;
            }
            failed(error.to_string())
        }
    };
    let next = match &outcome {
        Outcome::Failed(_) => now.plus(backoff(state.failures, asked)),
        _ => due,
    };
    if let Err(error) = store
        .run({
            let (slug, url) = (feed.slug.clone(), feed.url.clone());
            move |store| store.record_fetch(&slug, &url, now, next, result)
        })
        .await
    {
        tracing::error!("the feed of {} could not be recorded: {error}", feed.slug);
        return Outcome::Failed(error.to_string());
    }
    if let Outcome::Failed(error) = &outcome {
        tracing::warn!("feed of {} ({}): {error}; the last good meetings stay", feed.slug, feed.url);
    }
    outcome
}

/// Refreshes `feeds` now, [`AT_ONCE`] at a time; each feed with what came of it, in order.
pub async fn refresh_all(
    store: &Arc<Store>,
    fetcher: &Fetcher,
    feeds: Vec<Feed>,
    now: Timestamp,
    every: Duration,
) -> Vec<(Feed, Outcome)> {
    let permits = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut running = tokio::task::JoinSet::new();
    for (i, feed) in feeds.into_iter().enumerate() {
        let (store, fetcher, permits) = (store.clone(), fetcher.clone(), permits.clone());
        running.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let outcome = refresh(&store, &fetcher, &feed, now, every).await;
            (i, feed, outcome)
        });
    }
    let mut done: Vec<(usize, Feed, Outcome)> = running.join_all().await;
    done.sort_by_key(|(i, ..)| *i);
    done.into_iter().map(|(_, feed, outcome)| (feed, outcome)).collect()
}

/// While the server runs: every minute, the feeds that are due (never fetched, or their time
/// come) are refreshed, each then due `every` later. "Now" is the server's `clock`.
pub fn schedule(store: Arc<Store>, fetcher: Fetcher, every: Duration, clock: crate::clock::Clock) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = clock.now();
            let due = match store.run(feeds).await {
                Ok(all) => all.into_iter().filter(|f| f.state.next_at.is_none_or(|at| at <= now)).collect::<Vec<_>>(),
                Err(error) => {
                    tracing::error!("the feeds cannot be read: {error}");
                    continue;
                }
            };
            if !due.is_empty() {
                refresh_all(&store, &fetcher, due, now, every).await;
            }
        }
    });
}

fn failed(error: String) -> (FetchResult, Outcome) {
    (FetchResult::Failed { error: error.clone() }, Outcome::Failed(error))
}

/// After `failures` failures in a row before this one: 15 minutes, 30, an hour… up to a day,
/// or longer when the server asked (`asked`, at most a day).
pub fn backoff(failures: u32, asked: Option<Duration>) -> Duration {
    let grown = FIRST_BACKOFF.saturating_mul(1 << failures.min(10)).min(MAX_BACKOFF);
    asked.map_or(grown, |asked| asked.min(MAX_BACKOFF).max(grown))
}

/// Up to a tenth of `every`, so that feeds refreshed together drift apart.
fn jitter(every: Duration) -> Duration {
    let tenth = every.as_secs() / 10;
    if tenth == 0 {
        return Duration::ZERO;
    }
    Duration::from_secs((uuid::Uuid::new_v4().as_u128() % u128::from(tenth)) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_wait_longer_and_longer_up_to_a_day() {
        assert_eq!(backoff(0, None), Duration::from_secs(15 * 60));
        assert_eq!(backoff(1, None), Duration::from_secs(30 * 60));
        assert_eq!(backoff(3, None), Duration::from_secs(2 * 3600));
        assert_eq!(backoff(40, None), MAX_BACKOFF);
        assert_eq!(backoff(0, Some(Duration::from_secs(7200))), Duration::from_secs(7200), "as long as asked");
        assert_eq!(backoff(0, Some(Duration::from_secs(10))), Duration::from_secs(15 * 60), "never shorter than due");
        assert_eq!(backoff(0, Some(Duration::from_secs(10 * 24 * 3600))), MAX_BACKOFF);
    }

    #[test]
    fn jitter_stays_within_a_tenth() {
        for _ in 0..100 {
            assert!(jitter(Duration::from_secs(3600)) < Duration::from_secs(360));
        }
        assert_eq!(jitter(Duration::from_secs(5)), Duration::ZERO);
    }
}
