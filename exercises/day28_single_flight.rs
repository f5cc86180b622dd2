// Day 28: a cache that loads each key once
//
// A cache sits in front of something slow (a database, a remote service).
// When a popular key is missing, a hundred threads miss it at the same
// moment, and if each one runs the slow load, the cache has saved nothing
// just when it mattered most. "Single flight": the first thread to miss a
// key loads it; every thread that asks for that key meanwhile waits for
// that one load and gets its value. Threads asking for other keys go on as
// if nothing were loading.
//
// Go splits this in two: a map behind a `sync.Mutex` for the values, and
// `singleflight.Group`'s `Do(key, fn)` (golang.org/x/sync), which runs
// `fn` once for the callers in flight. Rust's std has no `singleflight`; you build it from
// what you know: `Mutex` + `Condvar` (Go's `sync.Cond`, except that
// `wait` takes the guard and hands it back) or a `OnceLock` per entry
// (`get_or_init` makes later callers wait for the first one's value).
//
// Values go stale. The cache never reads the system clock: it asks `now`,
// the clock it was made with (in Go, a `now func() time.Time` field), so
// the checks can set the time. The contract: a value stored when `now()`
// read `t` is fresh while `now()` reads less than `t + ttl`; from `t + ttl`
// on, the next call loads again (once, as for a missing key).
//
// The checks run your code under a model checker, over many interleavings.
use checker::sync::{Arc, Condvar, Mutex, OnceLock};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// What time it is: the checks hand the cache their own clock.
pub type Clock = Box<dyn Fn() -> Instant + Send + Sync>;

pub struct Cache {
    ttl: Duration,
    now: Clock,
    // TODO: what the cache keeps for each key, behind a lock.
}

impl Cache {
    pub fn new(ttl: Duration, now: Clock) -> Cache {
        // TODO
        todo!()
    }

    /// The value for `key`: a fresh one is returned as it is. Otherwise
    /// `load` runs on one caller only, and every caller that asks for
    /// `key` meanwhile gets that load's value. A load of one key never
    /// holds up a call for another key.
    pub fn get_or_load(&self, key: &str, load: impl FnOnce() -> String) -> String {
        // TODO
        todo!()
    }
}
