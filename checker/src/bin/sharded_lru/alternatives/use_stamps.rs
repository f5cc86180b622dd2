use checker::sync::Mutex;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    (h.finish() % shards as u64) as usize
}

/// One LRU: each entry carries the tick of its last use; the smallest
/// tick is the least recently used.
pub struct Lru<V> {
    capacity: usize,
    tick: u64,
    entries: HashMap<String, (V, u64)>,
}

impl<V: Clone> Lru<V> {
    pub fn new(capacity: usize) -> Lru<V> {
        Lru { capacity, tick: 0, entries: HashMap::new() }
    }

    fn next_tick(&mut self) -> u64 {
        self.tick += 1;
        self.tick
    }

    pub fn get(&mut self, key: &str) -> Option<V> {
        let now = self.next_tick();
        let (value, used) = self.entries.get_mut(key)?;
        *used = now;
        Some(value.clone())
    }

    pub fn put(&mut self, key: &str, value: V) -> Option<String> {
        let now = self.next_tick();
        let evicted = if !self.entries.contains_key(key) && self.entries.len() >= self.capacity {
            let oldest = self.entries.iter().min_by_key(|(_, (_, used))| *used).map(|(k, _)| k.clone());
            oldest.inspect(|k| {
                self.entries.remove(k);
            })
        } else {
            None
        };
        self.entries.insert(key.to_string(), (value, now));
        evicted
    }
}

/// The shards as one boxed slice, each LRU behind its own lock.
pub struct Sharded<V> {
    shards: Box<[Mutex<Lru<V>>]>,
}

impl<V: Clone> Sharded<V> {
    pub fn new(shards: usize, capacity: usize) -> Sharded<V> {
        let shards: Vec<_> = std::iter::repeat_with(|| Mutex::new(Lru::new(capacity))).take(shards).collect();
        Sharded { shards: shards.into_boxed_slice() }
    }

    pub fn get(&self, key: &str) -> Option<V> {
        let mut shard = self.shards[shard_of(key, self.shards.len())].lock().unwrap();
        shard.get(key)
    }

    pub fn put(&self, key: &str, value: V) -> Option<String> {
        let mut shard = self.shards[shard_of(key, self.shards.len())].lock().unwrap();
        shard.put(key, value)
    }
}
