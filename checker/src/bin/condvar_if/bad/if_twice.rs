// Known-bad (expect `race`), written blind from the exercise text: checks again after the wakeup,
// but only once more (an if inside the if): a second steal or spurious wakeup still pops an empty
// queue
// Day 26 (stretch): debugging a wakeup
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
            // someone may have taken it before we got the lock back: wait again
            if items.is_empty() {
                items = self.not_empty.wait(items).unwrap();
            }
        }
        items.pop_front().expect("woken up, so there is an item")
    }
}
