// Day 11 alternative: scoped workers borrow `work`; indexed results are sorted by index at the end.
use checker::thread;
use crossbeam::channel::unbounded;

/// How many worker threads `process_all` uses.
pub const WORKERS: usize = 5;

/// Computes `work(x)` for every `x` in `inputs`, each exactly once, on
/// exactly `WORKERS` threads that it spawns, and returns the results in the
/// order of `inputs`.
pub fn process_all(inputs: &[u64], work: fn(u64) -> u64) -> Vec<u64> {
    let (job_tx, job_rx) = unbounded::<(usize, u64)>();
    let (result_tx, result_rx) = unbounded::<(usize, u64)>();
    let mut results: Vec<(usize, u64)> = thread::scope(|s| {
        for _ in 0..WORKERS {
            let (jobs, results) = (job_rx.clone(), result_tx.clone());
            s.spawn(move || {
                for (i, x) in jobs {
                    if results.send((i, work(x))).is_err() {
                        return;
                    }
                }
            });
        }
        drop((job_rx, result_tx));
        for job in inputs.iter().copied().enumerate() {
            job_tx.send(job).expect("every worker is gone");
        }
        drop(job_tx);
        result_rx.iter().collect()
    });
    results.sort_unstable_by_key(|&(i, _)| i);
    results.into_iter().map(|(_, y)| y).collect()
}
