// Known-bad (expect `race`): `lend` follows `give_back`'s order, and `count`
// takes one lock at a time, so nothing deadlocks; but a book moved between
// its two looks is counted twice, or not at all.
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
        let mut lent = self.lent.lock().unwrap();
        let mut shelf = self.shelf.lock().unwrap();
        let Some(i) = shelf.iter().position(|&b| b == book) else { return false };
        lent.push(shelf.swap_remove(i));
        true
    }

    /// Moves `book` from the lent books back to the shelf; false if it is not lent.
    pub fn give_back(&self, book: u32) -> bool {
        let mut lent = self.lent.lock().unwrap();
        let Some(i) = lent.iter().position(|&b| b == book) else { return false };
        let mut shelf = self.shelf.lock().unwrap();
        shelf.push(lent.swap_remove(i));
        true
    }

    /// How many books are (on the shelf, lent), both counted at one moment.
    pub fn count(&self) -> (usize, usize) {
        // One lock at a time, so `count` can deadlock with nobody.
        let on_shelf = self.shelf.lock().unwrap().len();
        let lent = self.lent.lock().unwrap().len();
        (on_shelf, lent)
    }
}
