// Known-bad (expect `race`): checks the balance under one lock, then moves
// the money under others: two transfers can both pass the check.
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
        if *self.accounts[from].lock().unwrap() < amount {
            return false;
        }
        let (first, second) = if from < to { (from, to) } else { (to, from) };
        let mut a = self.accounts[first].lock().unwrap();
        let mut b = self.accounts[second].lock().unwrap();
        let (source, target) = if from < to { (&mut *a, &mut *b) } else { (&mut *b, &mut *a) };
        *source -= amount;
        *target += amount;
        (self.journal)(from, to, amount);
        true
    }
}
