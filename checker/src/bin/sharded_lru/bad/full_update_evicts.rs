// Known-bad (expect `wrong`): put asks whether the LRU is full before whether the key is already here: updating a key in a full LRU evicts the least recently used one (unless it is that key)
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
    order: VecDeque<String>, // least recently used at the front
}

impl<V: Clone> Lru<V> {
    pub fn new(capacity: usize) -> Lru<V> {
        Lru { capacity, values: HashMap::new(), order: VecDeque::new() }
    }

    fn touch(&mut self, key: &str) {
        if let Some(i) = self.order.iter().position(|k| k == key) {
            self.order.remove(i);
        }
        self.order.push_back(key.to_string());
    }

    /// The value for `key`, if it is here: a use of `key`.
    pub fn get(&mut self, key: &str) -> Option<V> {
        let value = self.values.get(key).cloned();
        if value.is_some() {
            self.touch(key);
        }
        value
    }
    /// Stores `value` for `key`: a use of `key`. A new key that finds the
    /// LRU full first evicts the least recently used key, and returns it.
    pub fn put(&mut self, key: &str, value: V) -> Option<String> {
        let mut evicted = None;
        if self.values.len() == self.capacity {
            if let Some(old) = self.order.pop_front() {
                self.values.remove(&old);
                if old != key {
                    evicted = Some(old);
                }
            }
        }
        self.values.insert(key.to_string(), value);
        self.touch(key);
        evicted
    }
}

/// `shards` LRUs of `capacity`: `key` lives in `shard_of(key, shards)` (given).
pub struct Sharded<V> {
    shards: Vec<Mutex<Lru<V>>>,
}

impl<V: Clone> Sharded<V> {
    pub fn new(shards: usize, capacity: usize) -> Sharded<V> {
        Sharded { shards: (0..shards).map(|_| Mutex::new(Lru::new(capacity))).collect() }
    }
    /// `Lru::get` and `Lru::put`, in the key's shard.
    pub fn get(&self, key: &str) -> Option<V> {
        let i = shard_of(key, self.shards.len());
        self.shards[i].lock().unwrap().get(key)
    }
    pub fn put(&self, key: &str, value: V) -> Option<String> {
        let i = shard_of(key, self.shards.len());
        self.shards[i].lock().unwrap().put(key, value)
    }
}
