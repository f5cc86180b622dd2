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
    // Only the workers may keep the queue open for the feeder: if they all
    // die, `send` fails instead of waiting forever on a full queue.
    drop(rx);
    for job in jobs {
        if tx.send(job).is_err() {
            // Every worker is gone: joining them says why.
            break;
        }
    }
    // Closing the queue: each worker's `for` ends once the queue is empty.
    drop(tx);
    workers.into_iter().flat_map(|w| w.join().expect("a worker panicked")).collect()
}
