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
    // TODO: one map in an `Arc<Mutex<..>>`, and one thread per text, each with
    // its own clone of the Arc (and of `clean`). Each thread cleans its words
    // and counts them in the map. Then join every thread, and take the map
    // out: `Arc::into_inner`, then `Mutex::into_inner` (or lock and clone).
    todo!()
}
