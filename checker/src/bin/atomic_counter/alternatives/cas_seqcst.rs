// Day 19 (stretch), atomic_counter, another style: a compare-and-swap loop
// for the counter, and SeqCst everywhere (Go's atomics: stronger than needed,
// never wrong).
use checker::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Default)]
pub struct Counter {
    hits: AtomicUsize,
}

impl Counter {
    /// Counts one hit. Many threads call it at once.
    pub fn hit(&self) {
        let mut seen = self.hits.load(Ordering::SeqCst);
        while let Err(now) = self.hits.compare_exchange(seen, seen + 1, Ordering::SeqCst, Ordering::SeqCst) {
            seen = now;
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
        match self.ready.load(Ordering::SeqCst) {
            true => Some(self.data.load(Ordering::SeqCst)),
            false => None,
        }
    }
}
