// Day 27 (stretch): false sharing
//
// Cores do not cache single bytes: they cache lines of 64 bytes. When two
// threads keep writing two different counters that sit in one line, each
// write takes the whole line away from the other core, and the line bounces
// between them: every answer is still right, but each write waits for the
// line to come back. That is false sharing: nothing is shared but the line.
// The fix is layout: give each thread's counter a line of its own. On x86_64,
// 128 bytes, not 64: the spatial prefetcher fetches lines in pairs
// (crossbeam's `CachePadded` aligns to 128 there, for that reason).
//
//   Go:    type counter struct { n atomic.Int64; _ [120]byte }   // padding by hand
//          counters := make([]counter, workers)
//   Rust:  #[repr(align(128))] struct Counter { .. }               // the compiler pads
//          or a field of type crossbeam::utils::CachePadded<AtomicU64>
//
// In Rust the layout belongs to the type: `align_of` and `size_of` say where
// each element of a `Vec<Counter>` starts. Nothing about it shows in a test
// that only checks the answers: measure, or read the type. (A local tally,
// stored once at the end, is the other cure; here a monitor reads each
// count while the work runs, so the counters themselves must be apart.)
use checker::sync::atomic::{AtomicU64, Ordering};
use checker::thread;

/// One thread's hit counter. A monitor reads it while the work runs.
// TODO: keep each Counter of a Vec<Counter> away from its neighbours' lines.
pub struct Counter {
    pub hits: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Counter { hits: AtomicU64::new(0) }
    }
}

/// Counts the items of `data` for which `is_hit` is true, on a scoped thread
/// per counter, thread `i` on the `i`-th share of `data` (`data.len() /
/// counters.len()` items, rounded up; the last share may be shorter). Each
/// thread adds every hit to its own counter at once, as it finds it, so the
/// monitor sees the progress. Returns the total once every thread is done.
pub fn count_hits(data: &[u64], is_hit: fn(u64) -> bool, counters: &[Counter]) -> u64 {
    // TODO: one thread per counter, each counting its share into its counter.
    todo!()
}
