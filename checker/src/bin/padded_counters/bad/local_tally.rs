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
    thread::scope(|s| {
        for (part, counter) in data.chunks(share).zip(counters) {
            s.spawn(move || {
                // Counted in a local, stored once at the end: the monitor sees nothing meanwhile.
                let n = part.iter().filter(|&&x| is_hit(x)).count() as u64;
                counter.hits.store(n, Ordering::Relaxed);
            });
        }
    });
    counters.iter().map(|c| c.hits.load(Ordering::Relaxed)).sum()
}
