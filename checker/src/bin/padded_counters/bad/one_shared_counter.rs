use checker::sync::atomic::{AtomicU64, Ordering};
use checker::thread;

#[repr(align(128))]
pub struct Counter {
    pub hits: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Counter { hits: AtomicU64::new(0) }
    }
}

pub fn count_hits(data: &[u64], is_hit: fn(u64) -> bool, counters: &[Counter]) -> u64 {
    let share = data.len().div_ceil(counters.len()).max(1);
    // One counter for all: right total, but every thread writes the same line.
    let total = &counters[0];
    thread::scope(|s| {
        for part in data.chunks(share) {
            s.spawn(move || {
                for &x in part {
                    if is_hit(x) {
                        total.hits.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    total.hits.load(Ordering::Relaxed)
}
