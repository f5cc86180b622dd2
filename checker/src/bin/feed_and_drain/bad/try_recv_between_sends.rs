// Known-bad: one thread; after each send it peeks at the results with
// try_recv, so "the pipe never fills". But a send still blocks when the
// worker is slow and its queue is full: nothing then takes results out.
use checker::sync::mpsc::{self, SyncSender};
use checker::thread;

pub const CAPACITY: usize = 2;

pub fn run_jobs(jobs: impl Iterator<Item = u32> + Send + 'static, mut deliver: impl FnMut(u64)) {
    let (results_tx, results) = mpsc::sync_channel(CAPACITY);
    let even = worker(results_tx.clone());
    let odd = worker(results_tx);
    for job in jobs {
        if job % 2 == 0 { even.send(job).unwrap(); } else { odd.send(job).unwrap(); }
        if let Ok(r) = results.try_recv() {
            deliver(r);
        }
    }
    drop(even);
    drop(odd);
    for r in results {
        deliver(r);
    }
}

fn worker(results: SyncSender<u64>) -> SyncSender<u32> {
    let (queue, jobs) = mpsc::sync_channel::<u32>(CAPACITY);
    thread::spawn(move || {
        for job in jobs {
            let _ = results.send(u64::from(job) * u64::from(job));
        }
    });
    queue
}

