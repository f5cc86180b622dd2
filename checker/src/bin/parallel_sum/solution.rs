use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    // Round up, so the last share takes the remainder; at least 1, as
    // `chunks(0)` panics (an empty slice has no chunks either way).
    let share = data.len().div_ceil(threads).max(1);
    thread::scope(|s| {
        let handles: Vec<_> =
            data.chunks(share).map(|part| s.spawn(move || part.iter().map(|&x| work(x)).sum::<u64>())).collect();
        // Every thread started before the first join: they all work at once.
        let mut total = 0;
        for h in handles {
            let partial: u64 = h.join().expect("a worker panicked");
            total += partial;
        }
        total
    })
}
