// Known-bad (expect `wrong`): a get reads the value but leaves the key where it was in the order of use: a key read all the time is evicted as if never used
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
        self.values.get(key).cloned()
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
    shards: Vec<Mutex<Lru<V>>>,
}

impl<V: Clone> Sharded<V> {
    pub fn new(shards: usize, capacity: usize) -> Sharded<V> {
        Sharded { shards: (0..shards).map(|_| Mutex::new(Lru::new(capacity))).collect() }
    }

    fn shard(&self, key: &str) -> &Mutex<Lru<V>> {
        &self.shards[shard_of(key, self.shards.len())]
    }

    /// `Lru::get` in the key's shard.
    pub fn get(&self, key: &str) -> Option<V> {
        self.shard(key).lock().unwrap().get(key)
    }

    /// `Lru::put` in the key's shard.
    pub fn put(&self, key: &str, value: V) -> Option<String> {
        self.shard(key).lock().unwrap().put(key, value)
    }
}
