//! A limit on guessing a request's key: after [`MAX_FAILURES`] wrong keys for one subject
//! within [`WINDOW`], every attempt on it is refused until the window has passed (the right
//! key too, so that a guesser learns nothing from the answer). The per-client limit is the
//! API's rate-limit layer.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

pub const MAX_FAILURES: u32 = 10;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Wrong keys per subject, kept in memory (a restart forgets them: the per-client limit still
/// holds).
#[derive(Debug, Default)]
pub struct Attempts {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Attempts {
    /// How long until `subject` may be tried again, if it is locked now.
    pub fn locked(&self, subject: &str, now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let &(count, since) = failures.get(subject)?;
        let until = since + WINDOW;
        (count >= MAX_FAILURES && now < until).then(|| until - now)
    }

    /// Counts a wrong key for `subject`.
    pub fn failed(&self, subject: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Forget what is old, so the table stays as small as the guessing of the last minutes.
        failures.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        let entry = failures.entry(subject.to_owned()).or_insert((0, now));
        entry.0 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_locks_after_too_many_failures_and_opens_again() {
        let attempts = Attempts::default();
        let start = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            attempts.failed("GR-1", start);
        }
        assert_eq!(attempts.locked("GR-1", start), None);
        attempts.failed("GR-1", start);
        assert_eq!(attempts.locked("GR-1", start), Some(WINDOW));
        assert_eq!(attempts.locked("GR-2", start), None, "another subject is not locked");
        assert_eq!(attempts.locked("GR-1", start + WINDOW), None);
    }
}
