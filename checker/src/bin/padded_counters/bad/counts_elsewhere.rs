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
    // The padded counters are only written at the end; the threads count in
    // a plain Vec of atomics, side by side on one line.
    let counts: Vec<AtomicU64> = counters.iter().map(|_| AtomicU64::new(0)).collect();
    let share = data.len().div_ceil(counters.len()).max(1);
    thread::scope(|s| {
        for (part, count) in data.chunks(share).zip(&counts) {
            s.spawn(move || {
                for &x in part {
                    if is_hit(x) {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    for (c, n) in counters.iter().zip(&counts) {
        c.hits.store(n.load(Ordering::Relaxed), Ordering::Relaxed);
    }
    counters.iter().map(|c| c.hits.load(Ordering::Relaxed)).sum()
}
