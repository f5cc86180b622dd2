// Known-bad (expect `wrong`): keeps the pairs of the workers that finished
// and drops the Err of the one that panicked: run_pool returns as if every
// job had been done, and the caller never hears of the panic.
use checker::thread;
use crossbeam::channel::bounded;

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (tx, rx) = bounded(QUEUE);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = rx.clone();
            thread::spawn(move || rx.iter().map(|job| (job, work(job))).collect::<Vec<_>>())
        })
        .collect();
    for job in jobs {
        let _ = tx.send(job);
    }
    drop(tx);
    workers.into_iter().filter_map(|w| w.join().ok()).flatten().collect()
}
