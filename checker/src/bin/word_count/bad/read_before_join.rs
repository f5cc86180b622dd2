// Known-bad (expect `race`): the map is copied out before the threads are
// joined, so it holds only the words counted so far.
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
                    let key = clean(word);
                    *counts.lock().unwrap().entry(key).or_insert(0) += 1;
                }
            })
        })
        .collect();
    let result = counts.lock().unwrap().clone();
    for t in threads {
        t.join().unwrap();
    }
    result
}
