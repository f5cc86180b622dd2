// Known-bad (expect `wrong`): one Mutex around every shard: a slow get in one shard holds up gets in all the others
use checker::sync::Mutex;
use std::collections::{HashMap, VecDeque};
use std::hash::{DefaultHasher, Hash, Hasher};

pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    (h.finish() % shards as u64) as usize
}

/// One LRU of at most `capacity` (1 or more) entries.
pub struct Lru<V> {
    capacity: usize,
    values: HashMap<String, V>,
    /// The keys, least recently used first.
    order: VecDeque<String>,
}

impl<V: Clone> Lru<V> {
    pub fn new(capacity: usize) -> Lru<V> {
        Lru { capacity, values: HashMap::new(), order: VecDeque::new() }
    }

    /// Moves `key` (which is here) to the most recently used end.
    fn touch(&mut self, key: &str) {
        if let Some(i) = self.order.iter().position(|k| k == key) {
            let k = self.order.remove(i).unwrap();
            self.order.push_back(k);
        }
    }

    /// The value for `key`, if it is here: a use of `key`.
    pub fn get(&mut self, key: &str) -> Option<V> {
        let value = self.values.get(key)?.clone();
        self.touch(key);
        Some(value)
    }

    /// Stores `value` for `key`: a use of `key`. A new key that finds the
    /// LRU full first evicts the least recently used key, and returns it.
    pub fn put(&mut self, key: &str, value: V) -> Option<String> {
        if let Some(old) = self.values.get_mut(key) {
            *old = value;
            self.touch(key);
            return None;
        }
        let mut evicted = None;
        if self.values.len() == self.capacity {
            let oldest = self.order.pop_front().unwrap();
            self.values.remove(&oldest);
            evicted = Some(oldest);
        }
        self.values.insert(key.to_string(), value);
        self.order.push_back(key.to_string());
        evicted
    }
}

/// `shards` LRUs of `capacity` each: `key` lives in `shard_of(key, shards)`.
pub struct Sharded<V> {
    shards: Mutex<Vec<Lru<V>>>,
}

impl<V: Clone> Sharded<V> {
    pub fn new(shards: usize, capacity: usize) -> Sharded<V> {
        Sharded { shards: Mutex::new((0..shards).map(|_| Lru::new(capacity)).collect()) }
    }

    /// `Lru::get` in the key's shard.
    pub fn get(&self, key: &str) -> Option<V> {
        let mut shards = self.shards.lock().unwrap();
        let n = shards.len();
        shards[shard_of(key, n)].get(key)
    }

    /// `Lru::put` in the key's shard.
    pub fn put(&self, key: &str, value: V) -> Option<String> {
        let mut shards = self.shards.lock().unwrap();
        let n = shards.len();
        shards[shard_of(key, n)].put(key, value)
    }
}
