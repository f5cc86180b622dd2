// Known-bad (expect `wrong`): a hit stores the time of the read: a value read often never goes stale (a sliding TTL)
use checker::sync::{Condvar, Mutex};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What time it is: the checks hand the cache their own clock.
pub type Clock = Box<dyn Fn() -> Instant + Send + Sync>;

/// One key's place in the cache.
enum Slot {
    /// A thread is running the load: wait for it.
    Loading,
    /// The value, and when it was stored.
    Ready(String, Instant),
}

pub struct Cache {
    ttl: Duration,
    now: Clock,
    slots: Mutex<HashMap<String, Slot>>,
    /// Notified whenever a load has stored its value.
    loaded: Condvar,
}

impl Cache {
    pub fn new(ttl: Duration, now: Clock) -> Cache {
        Cache { ttl, now, slots: Mutex::new(HashMap::new()), loaded: Condvar::new() }
    }

    /// The value for `key`. A fresh value is returned as it is; otherwise
    /// one caller runs `load` and every caller that asks meanwhile gets its
    /// value. A value stored at `t` is fresh while the clock reads less than
    /// `t + ttl`.
    pub fn get_or_load(&self, key: &str, load: impl FnOnce() -> String) -> String {
        let mut slots = self.slots.lock().unwrap();
        loop {
            let now = (self.now)();
            match slots.get_mut(key) {
                Some(Slot::Ready(value, at)) if now < *at + self.ttl => {
                    *at = now;
                    return value.clone();
                }
                Some(Slot::Loading) => slots = self.loaded.wait(slots).unwrap(),
                _ => break,
            }
        }
        slots.insert(key.to_string(), Slot::Loading);
        drop(slots);
        let value = load();
        let at = (self.now)();
        self.slots.lock().unwrap().insert(key.to_string(), Slot::Ready(value.clone(), at));
        self.loaded.notify_all();
        value
    }
}
