use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    if data.is_empty() {
        return 0;
    }
    let share = data.len().div_ceil(threads);
    let (first, rest) = data.split_at(share.min(data.len()));
    // The caller's own share first: the other threads start only after it.
    let mine: u64 = first.iter().map(|&x| work(x)).sum();
    thread::scope(|s| {
        let handles: Vec<_> =
            rest.chunks(share).map(|part| s.spawn(move || part.iter().map(|&x| work(x)).sum::<u64>())).collect();
        mine + handles.into_iter().map(|h| h.join().unwrap()).sum::<u64>()
    })
}
