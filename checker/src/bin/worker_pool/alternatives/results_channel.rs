// Day 12 alternative: scoped workers send their pairs over a results channel instead of returning them.
use checker::thread;
use crossbeam::channel::{bounded, unbounded};

/// How many worker threads the pool has.
pub const WORKERS: usize = 5;

/// How many jobs the queue holds.
pub const QUEUE: usize = 10;

/// Runs `work(job)` for every job, exactly once, on a pool of `WORKERS`
/// threads that take the jobs from a queue of `QUEUE` jobs. Returns every
/// `(job, work(job))` pair, in any order, once every worker has been joined.
pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (queue, taken) = bounded::<u32>(QUEUE);
    let (pair_tx, pair_rx) = unbounded::<(u32, u64)>();
    thread::scope(|s| {
        for _ in 0..WORKERS {
            let (taken, pairs) = (taken.clone(), pair_tx.clone());
            s.spawn(move || {
                for job in taken {
                    let _ = pairs.send((job, work(job)));
                }
            });
        }
        drop(taken);
        for job in jobs {
            if queue.send(job).is_err() {
                break;
            }
        }
        // Closing the queue ends the workers' loops; the scope joins them.
        drop(queue);
    });
    drop(pair_tx);
    pair_rx.try_iter().collect()
}
