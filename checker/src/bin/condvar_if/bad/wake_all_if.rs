// Known-bad (expect `race`): `notify_all` instead of `notify_one`, "so the
// right taker is sure to wake"; but with `if`, every waiter woken takes an
// item, and there may be only one.
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
        self.not_empty.notify_all();
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
