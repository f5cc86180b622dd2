// Known-bad (expect `deadlock`): the caller keeps its own Receiver of the
// queue after cloning one for each worker. While it lives, the queue is open
// for the feeder even when no worker is left: if every worker dies (a job
// panics in each), the feeder waits forever on a full queue that nobody will
// empty, and the workers' panics never reach the caller.
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
    drop(tx);
    workers.into_iter().flat_map(|w| w.join().expect("a worker panicked")).collect()
}
