//! A limit on guessing a request's key: after [`MAX_FAILURES`] wrong keys for one subject from
//! one client within [`WINDOW`], that client's further wrong keys for it are answered 429 until
//! the window has passed. The right key always opens, from any client: counting per client and
//! subject means nobody can lock a real organiser out by guessing wrong on purpose (a key has
//! 256 bits, so the limit only keeps guessers from hammering the database; the per-client rate
//! limit of the API's layer bounds them besides).
//!
//! The table is bounded ([`MAX_ENTRIES`], the oldest forgotten first) and every operation is a
//! hash lookup plus the expiry of what has aged out, never a scan of the whole table.

use std::{
    collections::{HashMap, VecDeque},
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

pub const MAX_FAILURES: u32 = 10;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// At most this many (client, subject) pairs are remembered: far more than honest mistakes,
/// and about 10 MB however a guesser spreads their guesses.
pub const MAX_ENTRIES: usize = 100_000;

type Pair = (IpAddr, String);

/// Wrong keys per client and subject, kept in memory (a restart forgets them: the per-client
/// rate limit still holds).
#[derive(Debug, Default)]
pub struct Attempts {
    table: Mutex<Table>,
}

#[derive(Debug, Default)]
struct Table {
    /// A pair's failures since its first one in the window.
    counts: HashMap<Pair, (u32, Instant)>,
    /// Pairs by their first failure, oldest first: what ages out is at the front.
    order: VecDeque<(Instant, Pair)>,
}

impl Table {
    /// Forgets the pairs whose window has passed at `now`, and the oldest beyond the bound.
    fn expire(&mut self, now: Instant) {
        while let Some((since, _)) = self.order.front() {
            let aged = now.saturating_duration_since(*since) >= WINDOW;
            if !aged && self.counts.len() < MAX_ENTRIES {
                break;
            }
            let (since, pair) = self.order.pop_front().expect("a front entry");
            // A pair that failed again after its window began anew has a newer entry behind.
            if self.counts.get(&pair).is_some_and(|&(_, first)| first == since) {
                self.counts.remove(&pair);
            }
        }
    }
}

impl Attempts {
    /// How long until `client` may try wrong keys for `subject` again, if it is locked now.
    pub fn locked(&self, client: IpAddr, subject: &str, now: Instant) -> Option<Duration> {
        let table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        let &(count, since) = table.counts.get(&(client, subject.to_owned()))?;
        let until = since + WINDOW;
        (count >= MAX_FAILURES && now < until).then(|| until - now)
    }

    /// Counts a wrong key from `client` for `subject`.
    pub fn failed(&self, client: IpAddr, subject: &str, now: Instant) {
        let mut table = self.table.lock().unwrap_or_else(|p| p.into_inner());
        table.expire(now);
        let pair = (client, subject.to_owned());
        match table.counts.get_mut(&pair) {
            Some((count, since)) if now.saturating_duration_since(*since) < WINDOW => *count += 1,
            _ => {
                table.counts.insert(pair.clone(), (1, now));
                table.order.push_back((now, pair));
            }
        }
    }

    /// How many pairs are remembered.
    pub fn len(&self) -> usize {
        self.table.lock().unwrap_or_else(|p| p.into_inner()).counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[cfg(test)]
    fn failures(&self, client: IpAddr, subject: &str) -> u32 {
        let table = self.table.lock().unwrap();
        table.counts.get(&(client, subject.to_owned())).map_or(0, |&(count, _)| count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(n: u32) -> IpAddr {
        IpAddr::V4(n.into())
    }

    #[test]
    fn a_client_locks_itself_out_of_one_subject_and_no_one_else() {
        let attempts = Attempts::default();
        let start = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            attempts.failed(ip(1), "GR-1", start);
        }
        assert_eq!(attempts.locked(ip(1), "GR-1", start), None);
        attempts.failed(ip(1), "GR-1", start);
        assert_eq!(attempts.locked(ip(1), "GR-1", start), Some(WINDOW));
        assert_eq!(attempts.locked(ip(2), "GR-1", start), None, "another client is not locked");
        assert_eq!(attempts.locked(ip(1), "GR-2", start), None, "another subject is not locked");
        assert_eq!(attempts.locked(ip(1), "GR-1", start + WINDOW), None);
    }

    #[test]
    fn ten_clients_with_one_wrong_key_each_lock_nobody() {
        let attempts = Attempts::default();
        let start = Instant::now();
        for client in 0..MAX_FAILURES * 10 {
            attempts.failed(ip(client), "GR-1", start);
        }
        assert!((0..MAX_FAILURES * 10).all(|c| attempts.locked(ip(c), "GR-1", start).is_none()));
    }

    #[test]
    fn the_table_forgets_what_aged_out_and_stays_bounded() {
        let attempts = Attempts::default();
        let start = Instant::now();
        for n in 0..1000 {
            attempts.failed(ip(n), "GR-1", start);
        }
        assert_eq!(attempts.len(), 1000);
        attempts.failed(ip(5000), "GR-1", start + WINDOW);
        assert_eq!(attempts.len(), 1, "everything older than the window is gone");

        let later = start + 2 * WINDOW;
        for n in 0..(MAX_ENTRIES as u32 + 500) {
            attempts.failed(ip(n), "GR-9", later);
        }
        assert_eq!(attempts.len(), MAX_ENTRIES);
        assert_eq!(attempts.failures(ip(0), "GR-9"), 0, "the oldest were forgotten first");
        assert_eq!(attempts.failures(ip(MAX_ENTRIES as u32 + 499), "GR-9"), 1);
    }

    #[test]
    fn a_pair_whose_window_passed_counts_afresh() {
        let attempts = Attempts::default();
        let start = Instant::now();
        for _ in 0..MAX_FAILURES {
            attempts.failed(ip(1), "GR-1", start);
        }
        let later = start + WINDOW + Duration::from_secs(1);
        attempts.failed(ip(1), "GR-1", later);
        assert_eq!(attempts.locked(ip(1), "GR-1", later), None);
        assert_eq!(attempts.len(), 1);
    }
}
