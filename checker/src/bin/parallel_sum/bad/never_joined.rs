use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    let share = data.len().div_ceil(threads).max(1);
    let (tx, rx) = crossbeam::channel::unbounded();
    let mut n = 0;
    for part in data.chunks(share) {
        let (tx, part) = (tx.clone(), part.to_vec());
        thread::spawn(move || tx.send(part.iter().map(|&x| work(x)).sum::<u64>()).unwrap());
        n += 1;
    }
    // Every partial sum arrives, but nobody joins the threads.
    rx.iter().take(n).sum()
}
