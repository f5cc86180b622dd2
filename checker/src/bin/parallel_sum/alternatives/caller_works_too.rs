// Another style: the calling thread works on the last share itself, after
// starting a thread for each of the others (threads - 1 spawned, threads
// working), and each share is cut by index.
use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    if data.is_empty() {
        return 0;
    }
    let share = data.len().div_ceil(threads);
    let parts: Vec<&[u64]> = data.chunks(share).collect();
    let (last, others) = parts.split_last().expect("data is not empty");
    thread::scope(|s| {
        let handles: Vec<_> = others.iter().map(|part| s.spawn(|| part.iter().map(|&x| work(x)).sum::<u64>())).collect();
        let mine: u64 = last.iter().map(|&x| work(x)).sum();
        mine + handles.into_iter().map(|h| h.join().unwrap()).sum::<u64>()
    })
}
