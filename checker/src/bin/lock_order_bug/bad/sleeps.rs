// Known-bad (expect `deadlock`): a sleep before taking the locks makes the
// deadlock rare on a real machine (the other thread is usually done by then),
// not impossible: a thread can be held up for longer than any sleep.
use checker::sync::Mutex;
use checker::thread;
use std::time::Duration;

/// A library's books: each one is on the shelf or lent, never both, never neither.
pub struct Library {
    shelf: Mutex<Vec<u32>>,
    lent: Mutex<Vec<u32>>,
}

impl Library {
    pub fn new(books: Vec<u32>) -> Library {
        Library { shelf: Mutex::new(books), lent: Mutex::new(Vec::new()) }
    }

    /// Moves `book` from the shelf to the lent books; false if it is not on the shelf.
    pub fn lend(&self, book: u32) -> bool {
        let mut shelf = self.shelf.lock().unwrap();
        let Some(i) = shelf.iter().position(|&b| b == book) else { return false };
        let mut lent = self.lent.lock().unwrap();
        lent.push(shelf.swap_remove(i));
        true
    }

    /// Moves `book` from the lent books back to the shelf; false if it is not lent.
    pub fn give_back(&self, book: u32) -> bool {
        // Let a `lend` in progress finish first.
        thread::sleep(Duration::from_millis(10));
        let mut lent = self.lent.lock().unwrap();
        let Some(i) = lent.iter().position(|&b| b == book) else { return false };
        let mut shelf = self.shelf.lock().unwrap();
        shelf.push(lent.swap_remove(i));
        true
    }

    /// How many books are (on the shelf, lent), both counted at one moment.
    pub fn count(&self) -> (usize, usize) {
        let shelf = self.shelf.lock().unwrap();
        let lent = self.lent.lock().unwrap();
        (shelf.len(), lent.len())
    }
}
