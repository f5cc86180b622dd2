// Day 26: debugging a deadlock
//
// This program compiles, and one thread at a time it works. Save the file as
// it is and read the verdict: two threads at once hang, forever. A deadlock
// report lists each thread, the lock it waits for, at which line, and the
// steps that led there. Read it as a detective: which lock does each thread
// hold, and which does it wait for?
//
// Rust's types stop data races, not deadlocks: the borrow checker is happy
// with this file. Go is no different: `go vet` and `-race` say nothing about
// it, and the runtime's "all goroutines are asleep - deadlock!" comes only
// when every goroutine is blocked, never when a server's other goroutines
// still run. A `std::sync::Mutex` says nothing at all: the threads just wait.
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
