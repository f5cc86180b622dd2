// Another style, right: Go's padding by hand (`_ [120]byte` after the counter).
// size_of is 128 and align_of only 8, so a Vec<Counter>'s buffer may start
// mid-line; still adjacent counters' `hits` are exactly 128 bytes apart, so
// they sit in different aligned 128-byte pairs of lines (if one `hits` is in
// line L, the next is in line L + 2), and no two counters share a pair.
use checker::sync::atomic::{AtomicU64, Ordering};
use checker::thread;

pub struct Counter {
    pub hits: AtomicU64,
    _pad: [u8; 120],
}

impl Counter {
    pub fn new() -> Self {
        Counter { hits: AtomicU64::new(0), _pad: [0; 120] }
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
