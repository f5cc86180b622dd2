// Known-bad (expect `wrong`): splits on ' ' as Go's strings.Split would, so tabs,
// newlines and runs of spaces make empty or glued words (Go's strings.Fields is
// split_whitespace).
// Day 14: shared state, `Arc<Mutex<T>>`
//
// So far threads shared nothing: each owned its data and handed results
// back through `join` or a channel. Here every thread updates one map.
// `Mutex<T>` owns the value and lets one thread in at a time:
// `counts.lock().unwrap()` waits for its turn and gives a `MutexGuard`, the
// only way to the value; the lock is released when the guard is dropped
// (a temporary guard at the end of its statement, a named one at the end of
// its block). `lock()` is `Err` if a thread panicked while holding it (the
// mutex is "poisoned"): `unwrap` passes that panic on.
//
// Every thread needs the same Mutex. `Arc` (atomically reference-counted)
// shares ownership: `Arc::clone(&counts)` is one more owner, and the value
// lives until the last owner is gone. `Rc` and `RefCell` do the same on one
// thread, and would not compile here: their counts are not atomic, so `Rc`
// is not `Send` (it may not move to another thread) and `RefCell` is not
// `Sync` (threads may not share it), while `thread::spawn` needs a `Send`
// closure. A `Mutex` is `Sync`: sharing it is what it is for.
//
// Rust's types rule out *data races* (two threads touching the same memory
// at once, one of them writing; in Go that compiles, and the race detector
// may catch it at run time). They do not rule out *race conditions*: code
// that locks every access can still be wrong, depending on how the threads
// take turns.
//
// Go puts a `sync.Mutex` next to the map in a struct, and `mu.Lock()` /
// `defer mu.Unlock()` by convention: nothing stops code from touching the
// map without it. Rust's Mutex *owns* the map, so the lock cannot be skipped.
use checker::sync::{Arc, Mutex};
use checker::thread;
use std::collections::BTreeMap;

/// Turns a word into the key it is counted under ("Rust," -> "rust"). It is
/// slow: call it on the text's own thread, so the texts are cleaned at once.
pub type Clean = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// Counts the words of every text (split on whitespace) under their cleaned
/// keys, each text on a thread of its own, all at once. Returns the counts
/// once every thread has finished.
pub fn word_count(texts: Vec<String>, clean: Clean) -> BTreeMap<String, usize> {
    let counts = Arc::new(Mutex::new(BTreeMap::new()));
    let mut handles = Vec::new();
    for text in texts {
        let counts = Arc::clone(&counts);
        let clean = Arc::clone(&clean);
        handles.push(thread::spawn(move || {
            for word in text.trim().split(' ') {
                let key = clean(word);
                *counts.lock().unwrap().entry(key).or_insert(0) += 1;
            }
        }));
    }
    for handle in handles {
        handle.join().unwrap();
    }
    Arc::into_inner(counts).unwrap().into_inner().unwrap()
}
