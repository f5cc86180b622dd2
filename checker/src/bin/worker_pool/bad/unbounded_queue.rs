// Known-bad (expect `wrong`): the queue is unbounded ("bigger is faster"), so the feeder sends every job and runs ahead of the workers instead of waiting for them.
use checker::thread;
use crossbeam::channel::bounded;

pub const WORKERS: usize = 5;
pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (tx, rx) = crossbeam::channel::unbounded::<u32>();
    let handles: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = rx.clone();
            thread::spawn(move || rx.iter().map(|j| (j, work(j))).collect::<Vec<_>>())
        })
        .collect();
    for job in jobs {
        tx.send(job).unwrap();
    }
    drop(tx);
    let _ = bounded::<u32>(QUEUE);
    handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
}
