// Known-bad (expect `leak`): the handles are dropped, so nothing waits for
// the threads; the map is read while they may still be counting.
use checker::sync::{Arc, Mutex};
use checker::thread;
use std::collections::BTreeMap;

pub type Clean = Arc<dyn Fn(&str) -> String + Send + Sync>;

pub fn word_count(texts: Vec<String>, clean: Clean) -> BTreeMap<String, usize> {
    let counts = Arc::new(Mutex::new(BTreeMap::new()));
    for text in texts {
        let (counts, clean) = (Arc::clone(&counts), Arc::clone(&clean));
        thread::spawn(move || {
            for word in text.split_whitespace() {
                let key = clean(word);
                *counts.lock().unwrap().entry(key).or_insert(0) += 1;
            }
        });
    }
    counts.lock().unwrap().clone()
}
