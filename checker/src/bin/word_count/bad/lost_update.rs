// Known-bad (expect `race`): every access is locked, but a count is read
// under one guard and written under another. Between the two, another
// thread can read the same count: both write n + 1, and one word is lost.
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
                    let n = counts.lock().unwrap().get(&key).copied().unwrap_or(0);
                    counts.lock().unwrap().insert(key, n + 1);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    Arc::into_inner(counts).unwrap().into_inner().unwrap()
}
