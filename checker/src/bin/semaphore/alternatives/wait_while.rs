// Day 14 alternative: `wait_while` for the wait, `notify_all` on release, tasks spawned from an iterator.
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
        let guard = self.taken.lock().unwrap_or_else(|e| e.into_inner());
        let mut taken =
            self.given_back.wait_while(guard, |taken| *taken >= self.permits).unwrap_or_else(|e| e.into_inner());
        *taken += 1;
        Permit { sem: self }
    }
}

impl Drop for Permit<'_> {
    /// Gives the permit back, and wakes a thread waiting for one.
    fn drop(&mut self) {
        {
            let mut taken = self.sem.taken.lock().unwrap_or_else(|e| e.into_inner());
            *taken -= 1;
        }
        self.sem.given_back.notify_all();
    }
}

/// A task for `run_limited`.
pub type Task = Box<dyn FnOnce() + Send + 'static>;

/// Runs every task on a thread of its own, at most `LIMIT` of them at the
/// same time, and returns once all of them have finished.
pub fn run_limited(tasks: Vec<Task>) {
    let sem = Arc::new(Semaphore::new(LIMIT));
    let handles: Vec<_> = tasks
        .into_iter()
        .map(|task| {
            let sem = Arc::clone(&sem);
            thread::spawn(move || {
                let _permit = sem.acquire();
                task();
            })
        })
        .collect();
    for handle in handles {
        let _ = handle.join();
    }
}
