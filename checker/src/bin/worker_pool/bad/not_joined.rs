// Known-bad (expect `leak`): Go style: the workers send their results on a
// channel and run_pool returns once it has received one per job, without
// joining the workers.
use checker::thread;
use crossbeam::channel::{bounded, unbounded};

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (tx, rx) = bounded(QUEUE);
    let (results_tx, results) = unbounded();
    for _ in 0..WORKERS {
        let rx = rx.clone();
        let results_tx = results_tx.clone();
        thread::spawn(move || {
            for job in rx {
                results_tx.send((job, work(job))).unwrap();
            }
        });
    }
    let n = jobs.len();
    for job in jobs {
        tx.send(job).unwrap();
    }
    drop(tx);
    results.iter().take(n).collect()
}
