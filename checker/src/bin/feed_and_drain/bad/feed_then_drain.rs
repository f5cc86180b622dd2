// Known-bad (expect `deadlock`): the first thing anyone writes: feed every
// job, close the queues, then drain. Once the results channel, both workers'
// hands and both queues are full, the next send waits for ever, and the
// only thread that could make room is the one waiting.
use checker::sync::mpsc::{self, SyncSender};
use checker::thread;

/// How many messages each channel holds. The bounds stay.
pub const CAPACITY: usize = 2;

/// Runs every job of `jobs`: even ones on one worker, odd ones on the
/// other. Passes each result to `deliver` as it comes out of `results`.
/// Returns once every result has been delivered; if taking a job from
/// `jobs` panics, `run_jobs` panics too.
pub fn run_jobs(jobs: impl Iterator<Item = u32> + Send + 'static, mut deliver: impl FnMut(u64)) {
    let (results_tx, results) = mpsc::sync_channel(CAPACITY);
    let even = worker(results_tx.clone());
    let odd = worker(results_tx);
    for job in jobs {
        if job % 2 == 0 {
            even.send(job).unwrap();
        } else {
            odd.send(job).unwrap();
        }
    }
    drop((even, odd));
    for result in results {
        deliver(result);
    }
}

/// Starts a worker and returns its queue: it squares each job it takes
/// from the queue and sends the result on. It ends when its queue closes.
fn worker(results: SyncSender<u64>) -> SyncSender<u32> {
    let (queue, jobs) = mpsc::sync_channel::<u32>(CAPACITY);
    thread::spawn(move || {
        for job in jobs {
            let _ = results.send(u64::from(job) * u64::from(job));
        }
    });
    queue
}
