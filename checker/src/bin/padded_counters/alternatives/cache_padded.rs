// Another style: crossbeam's CachePadded around the atomic (it derefs to it),
// and the shares cut by index, each thread joined by hand.
use checker::sync::atomic::{AtomicU64, Ordering};
use checker::thread;
use crossbeam::utils::CachePadded;

pub struct Counter {
    pub hits: CachePadded<AtomicU64>,
}

impl Counter {
    pub fn new() -> Self {
        Counter { hits: CachePadded::new(AtomicU64::new(0)) }
    }
}

pub fn count_hits(data: &[u64], is_hit: fn(u64) -> bool, counters: &[Counter]) -> u64 {
    let share = data.len().div_ceil(counters.len());
    thread::scope(|s| {
        let mut handles = Vec::new();
        for (i, counter) in counters.iter().enumerate() {
            let part = &data[(i * share).min(data.len())..((i + 1) * share).min(data.len())];
            handles.push(s.spawn(move || {
                for &x in part {
                    if is_hit(x) {
                        counter.hits.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }));
        }
        for h in handles {
            h.join().unwrap();
        }
    });
    counters.iter().map(|c| c.hits.load(Ordering::SeqCst)).sum()
}
