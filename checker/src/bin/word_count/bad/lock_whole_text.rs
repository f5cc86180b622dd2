// Known-bad (expect `deadlock`): each thread takes the lock once, for its
// whole text. Correct counts, but one thread at a time: the threads buy
// nothing.
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
                let mut counts = counts.lock().unwrap();
                for word in text.split_whitespace() {
                    *counts.entry(clean(word)).or_insert(0) += 1;
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    Arc::into_inner(counts).unwrap().into_inner().unwrap()
}
