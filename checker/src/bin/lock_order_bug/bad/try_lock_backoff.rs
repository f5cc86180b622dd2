// Known-bad (expect `timeout`), written blind from the exercise text: give_back keeps its order but
// uses try_lock on the shelf and, when busy, puts lent down and retries in a loop: no deadlock, but
// a spin/livelock that waits on nothing
// Day 26: debugging a deadlock
//
// TODO: fix the bug, so that no interleaving of `lend`, `give_back` and
// `count` can deadlock, and every book is always counted exactly once.
use checker::sync::Mutex;

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
        loop {
            let mut lent = self.lent.lock().unwrap();
            let Some(i) = lent.iter().position(|&b| b == book) else { return false };
            // never wait for the shelf while holding lent: back off and retry
            if let Ok(mut shelf) = self.shelf.try_lock() {
                shelf.push(lent.swap_remove(i));
                return true;
            }
        }
    }

    /// How many books are (on the shelf, lent), both counted at one moment.
    pub fn count(&self) -> (usize, usize) {
        let shelf = self.shelf.lock().unwrap();
        let lent = self.lent.lock().unwrap();
        (shelf.len(), lent.len())
    }
}
