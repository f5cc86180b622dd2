// Day 5: waiting for threads
//
// A function that starts threads must usually not return before their work
// is done: its caller expects the results to be there. Three ways to wait:
//
// - `handle.join()` on each `JoinHandle`, as on day 1.
// - `thread::scope(|s| { ... s.spawn(...) ... })`: every thread spawned on
//   `s` is joined when the scope ends. Since none can outlive it, scoped
//   threads may *borrow* local variables: no `'static`, no owned copies.
// - a `WaitGroup`: give each worker a clone; the worker drops its clone when
//   its work is done, and `wg.wait()` returns once every clone is gone. It
//   waits for the work, not for the threads (like Go's `sync.WaitGroup`).
//
// `Job` below carries the bounds `thread::spawn` puts on its closure, and
// the compiler enforces them (Go has no such check):
// - `Send`: it may move to another thread. Most types are. `Rc` is not: it
//   counts its clones without atomics, and two threads changing the count
//   at once could corrupt it (`Arc` counts atomically). A `RefCell` may move
//   but not be shared (it is not `Sync`), so an `Arc<RefCell<T>>` cannot
//   cross to another thread either (a `Mutex` can).
// - `'static`: it borrows nothing that could go away while the thread runs.
//   Scoped threads are the exception, which is why they may borrow.
use checker::sync::WaitGroup;
use checker::thread;

/// A piece of work to run on a thread.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

/// Computes `measure(text)` for every text, all at the same time, each on a
/// thread of its own, and returns the results in the order of `texts`.
pub fn measure_all(texts: &[&str], measure: fn(&str) -> usize) -> Vec<usize> {
    // TODO: make the result Vec first, then open a `thread::scope`. Spawn one
    // scoped thread per text; each borrows its text and writes its own slot
    // (`results.iter_mut().zip(texts)` hands out one slot per text).
    todo!()
}

/// Starts every job on a thread of its own, all at the same time, and returns
/// only once every job has finished.
pub fn run_all(jobs: Vec<Job>) {
    // TODO: use a WaitGroup. Each job's thread gets its own clone and drops
    // it *after* the job has run; then wait for the group.
    todo!()
}
