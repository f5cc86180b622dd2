// Known-bad (expect `deadlock`): the wait is in a loop, but `put` wakes a taker
// only when the queue was empty before, to save notifies. Two takers asleep,
// two puts in a row: one wakeup, and the other taker sleeps on beside an item.
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
        let mut items = self.items.lock().unwrap();
        items.push_back(item);
        if items.len() == 1 {
            self.not_empty.notify_one();
        }
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
