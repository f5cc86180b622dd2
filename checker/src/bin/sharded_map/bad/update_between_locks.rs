// Known-bad: reads the value under one lock and writes f's result under another: an update in between is lost (race).
use checker::sync::RwLock;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

pub struct ShardedMap {
    shards: Vec<RwLock<HashMap<String, u64>>>,
}

impl ShardedMap {
    pub fn new(shards: usize) -> ShardedMap {
        ShardedMap { shards: (0..shards).map(|_| RwLock::default()).collect() }
    }

    pub fn shard_of(&self, key: &str) -> usize {
        let mut h = DefaultHasher::new();
        key.hash(&mut h);
        (h.finish() % self.shards.len() as u64) as usize
    }

    pub fn get(&self, key: &str) -> Option<u64> {
        self.shards[self.shard_of(key)].read().unwrap().get(key).copied()
    }

    pub fn load_or_store(&self, key: &str, value: u64) -> (u64, bool) {
        let shard = &self.shards[self.shard_of(key)];
        if let Some(v) = shard.read().unwrap().get(key) {
            return (*v, true);
        }
        // Another thread may have stored it between the two locks: look again.
        let mut map = shard.write().unwrap();
        match map.get(key) {
            Some(v) => (*v, true),
            None => {
                map.insert(key.to_string(), value);
                (value, false)
            }
        }
    }

    pub fn update(&self, key: &str, f: impl FnOnce(Option<u64>) -> u64) {
        let new = f(self.get(key));
        self.shards[self.shard_of(key)].write().unwrap().insert(key.to_string(), new);
    }
}
