// Day 19, bank, another style: lock by min and max, swap the guards, and
// write the journal first (the order inside the locks does not matter).
use checker::sync::{Arc, Mutex};

/// Writes a transfer `(from, to, amount)` down. It is slow, like a write to disk.
pub type Journal = Arc<dyn Fn(usize, usize, i64) + Send + Sync>;

pub struct Bank {
    accounts: Vec<Mutex<i64>>,
    journal: Journal,
}

impl Bank {
    pub fn new(balances: Vec<i64>, journal: Journal) -> Bank {
        Bank { accounts: balances.into_iter().map(Mutex::new).collect(), journal }
    }

    /// The balance of `account` now.
    pub fn balance(&self, account: usize) -> i64 {
        *self.accounts[account].lock().unwrap()
    }

    /// Moves `amount` from account `from` to account `to` (two different
    /// accounts), and writes it in the journal while both accounts are
    /// locked, so the journal and the balances always agree. Returns false,
    /// and changes nothing, when `from` holds less than `amount`. Many threads
    /// call it at once on one bank.
    pub fn transfer(&self, from: usize, to: usize, amount: i64) -> bool {
        // Lock in one order for every transfer (by index), then swap the
        // guards so that `source` is `from`'s, whichever came first.
        let mut source = self.accounts[from.min(to)].lock().unwrap();
        let mut target = self.accounts[from.max(to)].lock().unwrap();
        if from > to {
            std::mem::swap(&mut source, &mut target);
        }
        match source.checked_sub(amount) {
            Some(left) if left >= 0 => {
                (self.journal)(from, to, amount);
                *source = left;
                *target += amount;
                true
            }
            _ => false,
        }
    }
}
