// Day 26 (stretch): debugging a wakeup
//
// A queue that many threads put to and take from: `take` blocks until there
// is an item. It uses a `Condvar`: `wait(guard)` unlocks the mutex, sleeps
// until another thread calls `notify_one` or `notify_all`, and locks the
// mutex again before it returns the guard. Unlocking and starting to sleep
// are one step, so a thread that changes the queue under the lock, and then
// notifies, cannot slip in between the waiter's look and its sleep. With one
// taker, this program works; save it untouched and read the verdict with two.
//
// Go's `sync.Cond` is the same tool (`c.L.Lock()`, `c.Wait()`, `c.Signal()`,
// `c.Broadcast()`); the Cond holds its mutex as `c.L`, where Rust hands the
// guard in and gets it back. (A queue like this one is usually a channel, in
// either language; a Condvar is for conditions a channel cannot say.) Go's
// documentation and `std::sync::Condvar`'s make the same warning about what
// a wait's return means: find it, and the bug with it.
//
// TODO: fix `take`, so that it returns an item every time, whatever the
// other threads do while it sleeps.
use checker::sync::{Condvar, Mutex};
use std::collections::VecDeque;

#[derive(Default)]
pub struct Queue {
    items: Mutex<VecDeque<u32>>,
    not_empty: Condvar,
}

impl Queue {
    /// Adds `item` at the back, and wakes one thread waiting in `take`.
    pub fn put(&self, item: u32) {
        self.items.lock().unwrap().push_back(item);
        self.not_empty.notify_one();
    }

    /// Takes the item at the front, waiting for one if the queue is empty.
    pub fn take(&self) -> u32 {
        let mut items = self.items.lock().unwrap();
        if items.is_empty() {
            items = self.not_empty.wait(items).unwrap();
        }
        items.pop_front().expect("woken up, so there is an item")
    }
}
