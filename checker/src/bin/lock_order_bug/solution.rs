// Day 26, lock_order_bug: the reference solution. Every function takes the two
// locks in one order, the shelf first.
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
        // The same order as `lend` and `count`: the shelf first, then the lent
        // books. A thread holding `lent` then never waits for `shelf`.
        let mut shelf = self.shelf.lock().unwrap();
        let mut lent = self.lent.lock().unwrap();
        let Some(i) = lent.iter().position(|&b| b == book) else { return false };
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
