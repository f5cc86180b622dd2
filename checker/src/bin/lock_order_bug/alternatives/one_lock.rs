// Day 26, lock_order_bug, another style: one Mutex over both lists. With one
// lock there is no order to get wrong (and lends and counts never overlap,
// which is fine for a library this small).
use checker::sync::Mutex;

struct Books {
    shelf: Vec<u32>,
    lent: Vec<u32>,
}

/// A library's books: each one is on the shelf or lent, never both, never neither.
pub struct Library {
    books: Mutex<Books>,
}

impl Library {
    pub fn new(books: Vec<u32>) -> Library {
        Library { books: Mutex::new(Books { shelf: books, lent: Vec::new() }) }
    }

    /// Moves `book` from the shelf to the lent books; false if it is not on the shelf.
    pub fn lend(&self, book: u32) -> bool {
        let mut books = self.books.lock().unwrap();
        let Books { shelf, lent } = &mut *books;
        move_book(shelf, lent, book)
    }

    /// Moves `book` from the lent books back to the shelf; false if it is not lent.
    pub fn give_back(&self, book: u32) -> bool {
        let mut books = self.books.lock().unwrap();
        let Books { shelf, lent } = &mut *books;
        move_book(lent, shelf, book)
    }

    /// How many books are (on the shelf, lent), both counted at one moment.
    pub fn count(&self) -> (usize, usize) {
        let books = self.books.lock().unwrap();
        (books.shelf.len(), books.lent.len())
    }
}

fn move_book(from: &mut Vec<u32>, to: &mut Vec<u32>, book: u32) -> bool {
    match from.iter().position(|&b| b == book) {
        Some(i) => {
            to.push(from.swap_remove(i));
            true
        }
        None => false,
    }
}
