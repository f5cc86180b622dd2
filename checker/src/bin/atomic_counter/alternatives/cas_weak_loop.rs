// Day 19 (stretch): atomics, and what a memory ordering promises
//
// An atomic (`AtomicUsize`, `AtomicBool`) is a value threads share without a
// lock, each operation one indivisible step: a `load` then a `store` are
// two steps; a read-modify-write such as `fetch_add` or `swap` is one.
//
// Each operation also takes an `Ordering`, which says what it promises
// about the *other* memory around it:
// - `Relaxed`: nothing beyond this atomic itself. Another thread may see
//   its change before or after the writes made around it.
// - `Release` (on a store) and `Acquire` (on a load) make a pair: a thread
//   whose Acquire load reads the value a Release store wrote also sees
//   every write the storing thread made before that store.
// - `SeqCst`: Acquire/Release, plus one order of all SeqCst operations.
//
// Go's `sync/atomic` (`atomic.Int64.Add`, `atomic.Bool.Store`) is always
// sequentially consistent: Go has no Relaxed. Rust makes you choose. The
// checks run your code under loom, a model checker that tries every
// interleaving (up to a bound) and every value an ordering lets a load see.
use checker::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Default)]
pub struct Counter {
    hits: AtomicUsize,
}

impl Counter {
    /// Counts one hit. Many threads call it at once.
    pub fn hit(&self) {
        let mut cur = self.hits.load(Ordering::Relaxed);
        while let Err(actual) =
            self.hits.compare_exchange_weak(cur, cur + 1, Ordering::Relaxed, Ordering::Relaxed)
        {
            cur = actual;
        }
    }

    /// The hits so far (read once the hitting threads are joined).
    pub fn get(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }
}

/// One thread publishes a value once; other threads read it when it is ready.
#[derive(Default)]
pub struct Mailbox {
    data: AtomicUsize,
    ready: AtomicBool,
}

impl Mailbox {
    /// Puts `value` in the mailbox and raises the flag.
    pub fn publish(&self, value: usize) {
        self.data.store(value, Ordering::SeqCst);
        self.ready.store(true, Ordering::SeqCst);
    }

    /// The published value, or None if the flag is not up yet.
    pub fn read(&self) -> Option<usize> {
        self.ready.load(Ordering::SeqCst).then(|| self.data.load(Ordering::SeqCst))
    }
}
