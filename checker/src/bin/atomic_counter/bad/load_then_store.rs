// Known-bad (expect `race`): a load, then a store: two threads read the
// same count, and one hit is lost.
use checker::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Default)]
pub struct Counter {
    hits: AtomicUsize,
}

impl Counter {
    /// Counts one hit. Many threads call it at once.
    pub fn hit(&self) {
        let n = self.hits.load(Ordering::SeqCst);
        self.hits.store(n + 1, Ordering::SeqCst);
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
        self.data.store(value, Ordering::Relaxed);
        // Release: whoever sees `ready` up with Acquire sees `data` too.
        self.ready.store(true, Ordering::Release);
    }

    /// The published value, or None if the flag is not up yet.
    pub fn read(&self) -> Option<usize> {
        if self.ready.load(Ordering::Acquire) { Some(self.data.load(Ordering::Relaxed)) } else { None }
    }
}
