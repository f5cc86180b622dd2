// Another style: plain spawned threads (no scope), each owning a copy of its
// share, the shares cut by index arithmetic (i * len / n), and the caller
// joining every handle.
use checker::thread;

pub fn parallel_sum(data: &[u64], work: fn(u64) -> u64) -> u64 {
    let threads = match thread::available_parallelism() {
        Ok(n) => n.get(),
        Err(_) => 1,
    };
    sum_on_threads(data, work, threads)
}

pub fn sum_on_threads(data: &[u64], work: fn(u64) -> u64, threads: usize) -> u64 {
    let n = threads.min(data.len());
    let mut handles = Vec::new();
    for i in 0..n {
        let (start, end) = (i * data.len() / n, (i + 1) * data.len() / n);
        let part = data[start..end].to_vec();
        handles.push(thread::spawn(move || {
            let mut sum = 0;
            for x in part {
                sum += work(x);
            }
            sum
        }));
    }
    let mut total = 0;
    for h in handles {
        total += h.join().unwrap();
    }
    total
}
