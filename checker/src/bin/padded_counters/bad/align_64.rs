use checker::sync::atomic::{AtomicU64, Ordering};
use checker::thread;

// One 64-byte line each, but the prefetcher pulls lines in pairs.
#[repr(align(64))]
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
    thread::scope(|s| {
        for (part, counter) in data.chunks(share).zip(counters) {
            s.spawn(move || {
                for &x in part {
                    if is_hit(x) {
                        counter.hits.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    counters.iter().map(|c| c.hits.load(Ordering::Relaxed)).sum()
}
