//! A value the server keeps in memory and makes anew when what it is made from changes (the
//! published directory, the build's pre-rendered pages, the Content-Security-Policy): the one
//! reloading cache. A request only reads the value in memory; whether its source changed is
//! checked by a background task, every so often, on a thread for blocking work.

use std::{
    sync::{Arc, RwLock, Weak},
    time::Duration,
};

/// A value shared by every request, replaced whole when its source changes.
pub struct Reloading<T> {
    current: Arc<RwLock<Arc<T>>>,
}

impl<T> Clone for Reloading<T> {
    fn clone(&self) -> Self {
        Reloading { current: self.current.clone() }
    }
}

impl<T> std::fmt::Debug for Reloading<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reloading")
    }
}

impl<T: Send + Sync + 'static> Reloading<T> {
    pub fn new(value: T) -> Reloading<T> {
        Reloading { current: Arc::new(RwLock::new(Arc::new(value))) }
    }

    /// The value as it is now.
    pub fn get(&self) -> Arc<T> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the value (after a change made in this process, at once).
    pub fn set(&self, value: T) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(value);
    }

    /// Checks every `every` whether the value must be made anew: `reload` is given the value
    /// held and returns the new one, or `None` when its source has not changed (or cannot be
    /// read now: the last good value stays). Runs until the last handle is dropped.
    pub fn watch(&self, every: Duration, reload: impl Fn(&T) -> Option<T> + Send + Sync + 'static) {
        let current: Weak<RwLock<Arc<T>>> = Arc::downgrade(&self.current);
        let reload = Arc::new(reload);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(cell) = current.upgrade() else { break };
                let held = Reloading { current: cell };
                let (value, reload) = (held.get(), reload.clone());
                if let Ok(Some(fresh)) = tokio::task::spawn_blocking(move || reload(&value)).await {
                    held.set(fresh);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[tokio::test]
    async fn a_changed_source_is_picked_up_and_an_unchanged_one_keeps_the_value() {
        let source = Arc::new(AtomicU32::new(1));
        let cache = Reloading::new(1u32);
        let watched = source.clone();
        cache.watch(Duration::from_millis(10), move |held| {
            let now = watched.load(Ordering::SeqCst);
            (now != *held).then_some(now)
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(*cache.get(), 1);
        source.store(2, Ordering::SeqCst);
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while *cache.get() != 2 {
            assert!(std::time::Instant::now() < deadline, "never reloaded");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        cache.set(7);
        assert_eq!(*cache.get(), 7);
    }
}
