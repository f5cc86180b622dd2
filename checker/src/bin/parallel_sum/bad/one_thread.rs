use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, _threads: usize) -> u64 {
    // Concurrent with the caller, but not parallel: one thread does it all.
    thread::scope(|s| s.spawn(|| data.iter().map(|&x| work(x)).sum::<u64>()).join().unwrap())
}
