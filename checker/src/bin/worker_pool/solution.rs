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
        tx.send(job).expect("every worker is gone");
    }
    // Closing the queue: each worker's `for` ends once the queue is empty.
    drop(tx);
    workers.into_iter().flat_map(|w| w.join().expect("a worker panicked")).collect()
}
