// Day 26, condvar_if, another style: `wait_while` is the loop, written once in
// std: it waits while the condition holds, and looks again at every wakeup.
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
        let mut items = self.not_empty.wait_while(items, |items| items.is_empty()).unwrap();
        items.pop_front().expect("wait_while returns only when there is an item")
    }
}
