use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    // As many threads as items, not as the machine can run at once.
    sum_on_threads(data, work, data.len().max(1))
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    let share = data.len().div_ceil(threads).max(1);
    thread::scope(|s| {
        let handles: Vec<_> =
            data.chunks(share).map(|part| s.spawn(move || part.iter().map(|&x| work(x)).sum::<u64>())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
