use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    let share = data.len().div_ceil(threads).max(1);
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .filter(|i| i * share < data.len())
            .map(|i| {
                // An inclusive end: each share also takes the next one's first item.
                let part = &data[i * share..=((i + 1) * share).min(data.len() - 1)];
                s.spawn(move || part.iter().map(|&x| work(x)).sum::<u64>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
