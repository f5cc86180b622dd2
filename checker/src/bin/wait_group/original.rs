// Day 30: rebuild a WaitGroup (the last day of the course)
//
// On day 5 you waited with crossbeam's `WaitGroup`; today you build Go's
// `sync.WaitGroup` yourself, from day 14's `Mutex` and `Condvar`.
//
// - `add(n)` counts n more jobs to wait for (Go's `wg.Add(n)`);
// - `done()` counts one finished (Go's `wg.Done()`). A `done` with nothing
//   left to finish is a bug in the caller: Go panics, "sync: negative
//   WaitGroup counter", and so should yours;
// - `wait()` blocks until the count is back to zero (Go's `wg.Wait()`); any
//   number of threads may wait at once.
//
// Go's contract, which the checks hold you to: an `add` that starts from zero
// must happen before the `wait` it is for; an `add` while the count is above
// zero (a job starting a sub-job) may come at any time, and the waiters then
// wait for it too. Once `wait` has returned, the group may be used again.
//
// Remember what a `Condvar` promises: `wait(guard)` unlocks, sleeps, and locks
// again before it returns, and it may wake with no notify at all (Go's
// `sync.Cond` never does). A notify wakes only threads already asleep on it.
//
// The checks run under a model checker: many interleavings, every run.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

pub struct WaitGroup {
    /// Jobs added and not done yet.
    pub count: Mutex<usize>,
    /// Notified when the count may have reached zero.
    pub zero: Condvar,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        WaitGroup { count: Mutex::new(0), zero: Condvar::new() }
    }

    pub fn add(&self, n: usize) {
        // TODO: count n more.
        todo!()
    }

    pub fn done(&self) {
        // TODO: count one less (panic if none is left), wake the waiters at zero.
        todo!()
    }

    pub fn wait(&self) {
        // TODO: block until the count is zero.
        todo!()
    }
}

/// Runs each job on a thread of its own, and returns once every job is done,
/// with a `WaitGroup` (no `join`, as in Go).
pub fn run_all(jobs: Vec<Box<dyn FnOnce() + Send>>) {
    // TODO: one WaitGroup shared with the job threads (an `Arc`).
    todo!()
}
