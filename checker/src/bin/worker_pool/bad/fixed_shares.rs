// Known-bad (expect `wrong`): each worker takes its "fair share",
// jobs.len() / WORKERS jobs, from the queue and stops. When the jobs do not
// divide evenly, the last ones stay in the queue and never run.
use checker::thread;
use crossbeam::channel::bounded;

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (tx, rx) = bounded(QUEUE);
    let share = jobs.len() / WORKERS;
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = rx.clone();
            thread::spawn(move || rx.iter().take(share).map(|job| (job, work(job))).collect::<Vec<_>>())
        })
        .collect();
    for job in jobs {
        tx.send(job).unwrap();
    }
    drop(tx);
    workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
}
