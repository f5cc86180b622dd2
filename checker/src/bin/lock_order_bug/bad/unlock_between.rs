// Known-bad (expect `race`): `give_back` lets go of the lent books before it
// takes the shelf. No deadlock, but in between the book is in neither list, and
// a `count` then comes up one short.
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
        let book = {
            let mut lent = self.lent.lock().unwrap();
            let Some(i) = lent.iter().position(|&b| b == book) else { return false };
            lent.swap_remove(i)
        };
        // One lock at a time: no deadlock, but for a moment the book is nowhere.
        self.shelf.lock().unwrap().push(book);
        true
    }

    /// How many books are (on the shelf, lent), both counted at one moment.
    pub fn count(&self) -> (usize, usize) {
        let shelf = self.shelf.lock().unwrap();
        let lent = self.lent.lock().unwrap();
        (shelf.len(), lent.len())
    }
}
