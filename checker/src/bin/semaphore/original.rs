// Day 14: semaphores
//
// Some work must not run too many at once: three downloads at a time, five
// connections to a database. A semaphore holds that many permits. A thread
// takes one before the work, waiting while none is free, and gives it back
// after.
//
// Go's semaphore is a buffered channel: with `sem := make(chan struct{}, 3)`,
// `sem <- struct{}{}` takes a permit (it waits while 3 are in) and
// `defer func() { <-sem }()` gives it back. Here you write the counter that
// channel hides, with two tools:
//
// - a `Mutex<usize>` of permits taken (you met `Arc<Mutex<T>>` just before
//   this exercise). `lock()` hands you a guard, the count is reachable only
//   through it, and the lock is held until the guard is dropped. A thread
//   that panics while holding a guard *poisons* the Mutex: every later
//   `lock()` returns `Err`, since the data may be half-changed. `unwrap()`
//   on it passes that panic on instead of hiding it. (Go's `sync.Mutex`
//   holds no data and is never poisoned.)
// - a `Condvar`, Go's `sync.Cond`: `wait(guard)` unlocks, sleeps until
//   another thread calls `notify_one` or `notify_all`, and locks again
//   before it hands the guard back. It may also wake with no notify at all
//   (a *spurious wakeup*, which Go's `Wait` never does), and another thread
//   may have been quicker: when it returns, nothing is promised about the
//   count. (`wait_while` wraps the waiting and the looking again.)
//
// The permit is a value whose `Drop` gives it back, as a `MutexGuard`
// unlocks: that is Go's `defer`, and no early return or panic skips it.
//
// The checks run your code under a model checker: it tries many
// interleavings of the threads, and shows the one that breaks the limit.
use checker::sync::{Arc, Condvar, Mutex};
use checker::thread;

/// How many tasks `run_limited` lets run at once.
pub const LIMIT: usize = 3;

pub struct Semaphore {
    /// How many permits there are.
    permits: usize,
    /// How many of them are taken right now.
    taken: Mutex<usize>,
    /// Notified when a permit is given back.
    given_back: Condvar,
}

/// A permit taken from `sem`. Dropping it gives it back.
pub struct Permit<'a> {
    sem: &'a Semaphore,
}

impl Semaphore {
    pub fn new(permits: usize) -> Semaphore {
        Semaphore { permits, taken: Mutex::new(0), given_back: Condvar::new() }
    }

    /// Takes a permit, waiting while every permit is taken.
    pub fn acquire(&self) -> Permit<'_> {
        // TODO: lock `taken`; while every permit is taken, wait on
        // `given_back` (a `while` loop, or `Condvar::wait_while`); then count
        // yours and return a `Permit`.
        todo!()
    }
}

impl Drop for Permit<'_> {
    /// Gives the permit back, and wakes a thread waiting for one.
    fn drop(&mut self) {
        // TODO: count one permit less, then notify.
        todo!()
    }
}

/// A task for `run_limited`.
pub type Task = Box<dyn FnOnce() + Send + 'static>;

/// Runs every task on a thread of its own, at most `LIMIT` of them at the
/// same time, and returns once all of them have finished.
pub fn run_limited(tasks: Vec<Task>) {
    // TODO: one Semaphore of LIMIT permits shared by the threads (an Arc);
    // each thread holds a permit while its task runs. Then join them all.
    todo!()
}
