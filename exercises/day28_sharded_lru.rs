// Day 28 (stretch): an LRU cache, in shards
//
// A full cache must forget something when a new key comes. LRU forgets the
// least recently *used* key: a `get` that finds its key and every `put`
// count as a use. A `VecDeque` of keys in order of use will do; std only.
// One lock around one cache makes threads take turns even for unrelated
// keys. Sharding splits it into N independent LRUs; a key's hash picks its
// shard. Go: a slice of structs, each a `sync.Mutex` beside its map; Rust
// puts the data inside the `Mutex`. The checks run under a model checker.
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
    // TODO: the order in which the keys were used.
}

impl<V: Clone> Lru<V> {
    pub fn new(capacity: usize) -> Lru<V> {
        todo!()
    }
    /// The value for `key`, if it is here: a use of `key`.
    pub fn get(&mut self, key: &str) -> Option<V> {
        todo!()
    }
    /// Stores `value` for `key`: a use of `key`. A new key that finds the
    /// LRU full first evicts the least recently used key, and returns it.
    pub fn put(&mut self, key: &str, value: V) -> Option<String> {
        todo!()
    }
}

/// `shards` LRUs of `capacity`: `key` lives in `shard_of(key, shards)` (given).
pub struct Sharded<V> {
    // TODO: `get` and `put` take `&self` and change an LRU: where do locks go?
    shards: Vec<Lru<V>>,
}

impl<V: Clone> Sharded<V> {
    pub fn new(shards: usize, capacity: usize) -> Sharded<V> {
        todo!()
    }
    /// `Lru::get` and `Lru::put`, in the key's shard.
    pub fn get(&self, key: &str) -> Option<V> {
        todo!()
    }
    pub fn put(&self, key: &str, value: V) -> Option<String> {
        todo!()
    }
}
