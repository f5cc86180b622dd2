// Day 26, condvar_if: the reference solution. A wakeup says "look again", not
// "there is an item": another taker may have got the lock first, so the wait
// is in a loop that checks the queue each time it wakes.
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
        while items.is_empty() {
            items = self.not_empty.wait(items).unwrap();
        }
        items.pop_front().expect("the loop ends only when there is an item")
    }
}
