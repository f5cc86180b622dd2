// Known-bad (expect `deadlock`): std's one receiver shared behind a Mutex.
// The guard made in the `while let` scrutinee lives until the end of the
// loop body, so a worker holds the lock while it runs its job: the workers
// take turns and run one job at a time. A slow job stops the whole pool.
use checker::sync::mpsc;
use checker::sync::{Arc, Mutex};
use checker::thread;

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (tx, rx) = mpsc::sync_channel(QUEUE);
    let rx = Arc::new(Mutex::new(rx));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = Arc::clone(&rx);
            thread::spawn(move || {
                let mut done = Vec::new();
                while let Ok(job) = rx.lock().unwrap().recv() {
                    done.push((job, work(job)));
                }
                done
            })
        })
        .collect();
    for job in jobs {
        tx.send(job).unwrap();
    }
    drop(tx);
    workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
}
