use checker::sync::{Arc, Mutex};
use checker::thread;
use std::collections::BTreeMap;

pub type Clean = Arc<dyn Fn(&str) -> String + Send + Sync>;

pub fn word_count(texts: Vec<String>, clean: Clean) -> BTreeMap<String, usize> {
    let counts = Arc::new(Mutex::new(BTreeMap::new()));
    let threads: Vec<_> = texts
        .into_iter()
        .map(|text| {
            let (counts, clean) = (Arc::clone(&counts), Arc::clone(&clean));
            thread::spawn(move || {
                for word in text.split_whitespace() {
                    // The slow part outside the lock, so the threads overlap;
                    // the read and the write of a count under one guard.
                    let key = clean(word);
                    *counts.lock().unwrap().entry(key).or_insert(0) += 1;
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    // Every thread is joined, so their clones are gone: this is the last owner.
    Arc::into_inner(counts).expect("every thread has ended").into_inner().unwrap()
}
