use checker::sync::{Arc, Mutex, OnceLock};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What time it is: the checks hand the cache their own clock.
pub type Clock = Box<dyn Fn() -> Instant + Send + Sync>;

/// One load of one key: filled once, by whoever gets there first.
type Entry = Arc<OnceLock<(String, Instant)>>;

pub struct Cache {
    ttl: Duration,
    now: Clock,
    entries: Mutex<HashMap<String, Entry>>,
}

impl Cache {
    pub fn new(ttl: Duration, now: Clock) -> Cache {
        Cache { ttl, now, entries: Mutex::new(HashMap::new()) }
    }

    /// Under the map's lock, pick the entry (a new one if the old one went
    /// stale); then fill it, or wait for it, with no lock on the map.
    pub fn get_or_load(&self, key: &str, load: impl FnOnce() -> String) -> String {
        let entry = {
            let mut entries = self.entries.lock().unwrap();
            let entry = entries.entry(key.to_string()).or_default();
            if let Some((_, at)) = entry.get() {
                if (self.now)() >= *at + self.ttl {
                    *entry = Entry::default();
                }
            }
            Arc::clone(entry)
        };
        let (value, _) = entry.get_or_init(|| {
            let value = load();
            (value, (self.now)())
        });
        value.clone()
    }
}
