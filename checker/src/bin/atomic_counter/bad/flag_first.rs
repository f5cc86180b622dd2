// Known-bad (expect `race`): raises the flag before the value is stored:
// no ordering helps a reader who comes in between.
use checker::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[derive(Default)]
pub struct Counter {
    hits: AtomicUsize,
}

impl Counter {
    /// Counts one hit. Many threads call it at once.
    pub fn hit(&self) {
        // A count needs no other memory in order: Relaxed is enough, and
        // joining the threads makes every hit visible to `get`.
        self.hits.fetch_add(1, Ordering::Relaxed);
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
        self.ready.store(true, Ordering::SeqCst);
        self.data.store(value, Ordering::SeqCst);
    }

    /// The published value, or None if the flag is not up yet.
    pub fn read(&self) -> Option<usize> {
        if self.ready.load(Ordering::SeqCst) { Some(self.data.load(Ordering::SeqCst)) } else { None }
    }
}
