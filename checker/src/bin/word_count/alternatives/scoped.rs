// Day 14 alternative: scoped threads borrow one Mutex (no Arc needed: the
// scope outlives them), each thread counts its text in a local map first and
// merges it under one lock.
use checker::sync::{Arc, Mutex};
use checker::thread;
use std::collections::BTreeMap;

pub type Clean = Arc<dyn Fn(&str) -> String + Send + Sync>;

pub fn word_count(texts: Vec<String>, clean: Clean) -> BTreeMap<String, usize> {
    let counts = Mutex::new(BTreeMap::new());
    thread::scope(|s| {
        for text in &texts {
            let (counts, clean) = (&counts, &clean);
            s.spawn(move || {
                let mut mine = BTreeMap::new();
                for word in text.split_whitespace() {
                    *mine.entry(clean(word)).or_insert(0) += 1;
                }
                let mut counts = counts.lock().unwrap();
                for (key, n) in mine {
                    *counts.entry(key).or_insert(0) += n;
                }
            });
        }
    });
    counts.into_inner().unwrap()
}
