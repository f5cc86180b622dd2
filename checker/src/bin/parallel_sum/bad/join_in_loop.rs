use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    let share = data.len().div_ceil(threads).max(1);
    let mut total = 0;
    thread::scope(|s| {
        for part in data.chunks(share) {
            // Joined before the next one starts: one share at a time.
            total += s.spawn(move || part.iter().map(|&x| work(x)).sum::<u64>()).join().unwrap();
        }
    });
    total
}
