use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, _threads: usize) -> u64 {
    // One thread per item: far more threads than cores.
    thread::scope(|s| {
        let handles: Vec<_> = data.iter().map(|&x| s.spawn(move || work(x))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
