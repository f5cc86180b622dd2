// Known-bad (expect `deadlock`): the wait is in a loop, but `put` notifies
// before it pushes: the taker it wakes can look before the item is there, and
// goes back to sleep; the push that follows wakes nobody.
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
        self.not_empty.notify_one();
        self.items.lock().unwrap().push_back(item);
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
