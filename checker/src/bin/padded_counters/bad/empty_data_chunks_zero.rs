// share = len.div_ceil(n) with no floor of 1: empty data gives chunks(0), which panics.
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
    let share = data.len().div_ceil(counters.len());
    thread::scope(|s| {
        let shares = data.chunks(share);
        for (i, part) in shares.enumerate() {
            let counter = &counters[i];
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
