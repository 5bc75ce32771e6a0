//! A clean stop: one signal that the server is stopping, which the listener and the background
//! workers (the mail sender) watch, and a count of the workers still finishing, which the
//! process waits for, within a bound, before it exits.

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::Duration,
};

use tokio::sync::{watch, Notify};

/// The server's stop: cloned into whatever must notice it.
#[derive(Clone, Debug)]
pub struct Stop {
    signal: Arc<watch::Sender<bool>>,
    workers: Arc<Workers>,
}

#[derive(Debug, Default)]
struct Workers {
    running: AtomicUsize,
    idle: Notify,
}

/// Held by a background worker while it runs; dropping it says the worker is done.
#[derive(Debug)]
pub struct Worker(Arc<Workers>);

impl Drop for Worker {
    fn drop(&mut self) {
        if self.0.running.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl Default for Stop {
    fn default() -> Self {
        Stop::new()
    }
}

impl Stop {
    /// Not stopping, no worker yet.
    pub fn new() -> Stop {
        Stop { signal: Arc::new(watch::Sender::new(false)), workers: Arc::default() }
    }

    /// Asks everything that watches to stop (again: no effect).
    pub fn stop(&self) {
        self.signal.send_replace(true);
    }

    pub fn is_stopping(&self) -> bool {
        *self.signal.borrow()
    }

    /// Resolves once the server is stopping.
    pub async fn stopped(&self) {
        let mut watching = self.signal.subscribe();
        // Fails only when the sender is gone, which `self` holds.
        let _ = watching.wait_for(|stopping| *stopping).await;
    }

    /// Counts a background worker as running until the returned guard is dropped.
    pub fn worker(&self) -> Worker {
        self.workers.running.fetch_add(1, Ordering::AcqRel);
        Worker(self.workers.clone())
    }

    /// Waits until every worker has finished, for at most `bound`; whether they all did.
    pub async fn finished(&self, bound: Duration) -> bool {
        let all_done = async {
            loop {
                let idle = self.workers.idle.notified();
                tokio::pin!(idle);
                idle.as_mut().enable();
                if self.workers.running.load(Ordering::Acquire) == 0 {
                    return;
                }
                idle.await;
            }
        };
        tokio::time::timeout(bound, all_done).await.is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn workers_are_waited_for_and_the_wait_is_bounded() {
        let stop = Stop::new();
        assert!(!stop.is_stopping());
        assert!(stop.finished(Duration::from_millis(1)).await, "no worker: done at once");
        let worker = stop.worker();
        let watcher = {
            let stop = stop.clone();
            tokio::spawn(async move {
                stop.stopped().await;
                drop(worker);
            })
        };
        assert!(!stop.finished(Duration::from_millis(20)).await, "a worker still runs");
        stop.stop();
        assert!(stop.is_stopping());
        assert!(stop.finished(Duration::from_secs(30)).await);
        watcher.await.unwrap();
        // A worker that never ends does not hold the stop for ever.
        let stuck = stop.worker();
        assert!(!stop.finished(Duration::from_millis(20)).await);
        drop(stuck);
    }
}
