// Day 19: a bank, two locks at a time
//
// Each account has a Mutex of its own, so that transfers between different
// accounts run at the same time (one lock for the whole bank would let one
// transfer in at a time). A transfer touches two accounts: it is right only
// if no other thread can change either of them between looking at the
// balance and moving the money. A guard keeps its account locked until the
// guard is dropped, and a thread may hold two guards at once.
//
// Go writes `type Account struct { mu sync.Mutex; balance int }` and
// `a.mu.Lock(); defer a.mu.Unlock()`; nothing stops code from reading
// `a.balance` without the lock, and `go test -race` may or may not see it.
// Here the Mutex owns the balance: no lock, no balance. What neither
// language checks for you is *which* steps a lock covers, and in which
// order threads take their locks.
//
// The checks share one bank among many threads and run it under a model
// checker: it tries many interleavings, and shows the one that loses money.
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
        // TODO: lock both accounts, look at the balance of `from`, move the
        // money and call the journal, all before either guard is dropped.
        todo!()
    }
}
