// Known-bad (expect `deadlock`): the queue is never closed. The workers'
// `for job in rx` waits for more jobs forever, and run_pool waits forever to
// join them (Go: `range jobs` without `close(jobs)`).
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
        tx.send(job).unwrap();
    }
    workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
}
