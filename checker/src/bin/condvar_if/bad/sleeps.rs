// Known-bad (expect `race`): after waking, a sleep, "so that the put is done"
// before it looks. The put was done before the wakeup; what the sleep gives
// time to is another taker, and it still does not look again.
use checker::sync::{Condvar, Mutex};
use checker::thread;
use std::collections::VecDeque;
use std::time::Duration;

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
            drop(items);
            thread::sleep(Duration::from_millis(1));
            items = self.items.lock().unwrap();
        }
        items.pop_front().expect("woken up, so there is an item")
    }
}
