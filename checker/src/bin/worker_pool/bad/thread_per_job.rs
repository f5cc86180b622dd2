// Known-bad (expect `wrong`): Go's `go process(j)` for every job: each job
// gets a thread of its own, 100 threads for 100 jobs. Every job runs once,
// but this is no pool.
use checker::thread;
use crossbeam::channel::bounded;

pub const WORKERS: usize = 5;

pub const QUEUE: usize = 10;

pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let handles: Vec<_> = jobs.into_iter().map(|job| thread::spawn(move || (job, work(job)))).collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}
