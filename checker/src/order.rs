//! Work that finishes in an order the check picks. The gates let workers go
//! in the order they are waited for, usually the order they were started, so
//! code that collects results in the order threads *finish* would pass. A
//! check hands out work through [`LastFirst`] instead: the first item waits
//! until every other item has finished, on every run.

use std::sync::{Condvar, Mutex, PoisonError};

/// Makes item 0 of `n` finish last.
pub struct LastFirst {
    finished: Mutex<usize>,
    changed: Condvar,
}

impl LastFirst {
    pub const fn new() -> LastFirst {
        LastFirst { finished: Mutex::new(0), changed: Condvar::new() }
    }

    /// Before each run of the code under test.
    pub fn reset(&self) {
        *self.finished.lock().unwrap_or_else(PoisonError::into_inner) = 0;
    }

    /// Item `i` of `n` is done: item 0 returns only once the other `n - 1`
    /// have, and every other thread the code under test started has ended or
    /// waits (so whatever they did with their results is done). Code that
    /// runs them one after another never gets there: the checks for that
    /// come first.
    pub fn finish(&self, i: usize, n: usize) {
        let mut done = self.finished.lock().unwrap_or_else(PoisonError::into_inner);
        while i == 0 && *done < n - 1 {
            done = self.changed.wait(done).unwrap_or_else(PoisonError::into_inner);
        }
        *done += 1;
        self.changed.notify_all();
        drop(done);
        if i == 0 {
            let me = std::thread::current().id();
            crate::observe::settle_spawned(|t| t.id != me);
        }
    }
}

impl Default for LastFirst {
    fn default() -> Self {
        LastFirst::new()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    /// Started in order 0, 1, 2, they finish 1, 2, 0 (or 2, 1, 0): 0 last.
    ///
    /// Item 0 then waits for the whole process to be quiescent (the course's
    /// clock), which a unit-test process with other tests' threads running or
    /// sleeping never is. The course proves it instead, 100 times in a row:
    /// hello_threads' and wait_for_all's `finish_order` variants. Run alone:
    /// `cargo test -p checker --lib order -- --ignored --test-threads 1`.
    #[test]
    #[ignore = "needs a process of its own: proven by dev check's finish_order variants"]
    fn the_first_item_finishes_last() {
        let order = Arc::new(super::LastFirst::new());
        let finished = Arc::new(Mutex::new(Vec::new()));
        let threads: Vec<_> = (0..3)
            .map(|i| {
                let (order, finished) = (Arc::clone(&order), Arc::clone(&finished));
                std::thread::spawn(move || {
                    order.finish(i, 3);
                    finished.lock().unwrap().push(i);
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(finished.lock().unwrap().last(), Some(&0));
    }
}
