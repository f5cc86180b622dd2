// Known-bad (expect `wrong`): the value is stamped with now() read before the load, not when it is stored: a slow load's value goes stale ttl after the load began
use checker::sync::{Arc, Condvar, Mutex, OnceLock};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What time it is: the checks hand the cache their own clock.
pub type Clock = Box<dyn Fn() -> Instant + Send + Sync>;

enum Slot {
    Loading,
    Ready(String, Instant),
}

pub struct Cache {
    ttl: Duration,
    now: Clock,
    slots: Mutex<HashMap<String, Slot>>,
    loaded: Condvar,
}

impl Cache {
    pub fn new(ttl: Duration, now: Clock) -> Cache {
        Cache { ttl, now, slots: Mutex::new(HashMap::new()), loaded: Condvar::new() }
    }

    /// The value for `key`: a fresh one is returned as it is. Otherwise
    /// `load` runs on one caller only, and every caller that asks for
    /// `key` meanwhile gets that load's value. A load of one key never
    /// holds up a call for another key.
    pub fn get_or_load(&self, key: &str, load: impl FnOnce() -> String) -> String {
        let mut slots = self.slots.lock().unwrap();
        loop {
            match slots.get(key) {
                Some(Slot::Ready(value, stored)) if (self.now)() < *stored + self.ttl => {
                    return value.clone();
                }
                Some(Slot::Loading) => slots = self.loaded.wait(slots).unwrap(),
                _ => break,
            }
        }
        slots.insert(key.to_string(), Slot::Loading);
        let stored = (self.now)();
        drop(slots);

        let value = load();
        let mut slots = self.slots.lock().unwrap();
        slots.insert(key.to_string(), Slot::Ready(value.clone(), stored));
        self.loaded.notify_all();
        value
    }
}
