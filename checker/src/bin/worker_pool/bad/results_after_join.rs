// Known-bad (expect `deadlock`): Go's `wg.Wait()` before reading the
// results. The results channel holds 10; once it is full the workers wait
// to send, the queue fills up, and run_pool waits to send the next job; it
// would only read the results after joining the workers.
use checker::thread;
use crossbeam::channel::bounded;

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (tx, rx) = bounded(QUEUE);
    let (results_tx, results) = bounded(QUEUE);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = rx.clone();
            let results_tx = results_tx.clone();
            thread::spawn(move || {
                for job in rx {
                    results_tx.send((job, work(job))).unwrap();
                }
            })
        })
        .collect();
    drop(results_tx);
    for job in jobs {
        tx.send(job).unwrap();
    }
    drop(tx);
    for w in workers {
        w.join().unwrap();
    }
    results.iter().collect()
}
