// A correct alternative in Go's style, on one thread: crossbeam's bounded
// channels, and a `select!` over sending the next job and receiving a
// result (Go's `select { case queue <- job: ... case r := <-results: ... }`).
use checker::channel::{Sender, bounded, select};
use checker::thread;

/// How many messages each channel holds. The bounds stay.
pub const CAPACITY: usize = 2;

/// Runs every job of `jobs`: even ones on one worker, odd ones on the
/// other. Passes each result to `deliver` as it comes out of `results`.
/// Returns once every result has been delivered; if taking a job from
/// `jobs` panics, `run_jobs` panics too.
pub fn run_jobs(mut jobs: impl Iterator<Item = u32> + Send + 'static, mut deliver: impl FnMut(u64)) {
    let (results_tx, results) = bounded(CAPACITY);
    let even = worker(results_tx.clone());
    let odd = worker(results_tx);
    let mut next = jobs.next();
    while let Some(job) = next {
        let queue = if job % 2 == 0 { &even } else { &odd };
        select! {
            send(queue, job) -> sent => {
                if sent.is_err() {
                    return;
                }
                next = jobs.next();
            }
            // `results` stays open while this thread holds both queues.
            recv(results) -> result => deliver(result.expect("the workers are running")),
        }
    }
    drop((even, odd));
    for result in results {
        deliver(result);
    }
}

/// Starts a worker and returns its queue: it squares each job it takes
/// from the queue and sends the result on. It ends when its queue closes.
fn worker(results: Sender<u64>) -> Sender<u32> {
    let (queue, jobs) = bounded::<u32>(CAPACITY);
    thread::spawn(move || {
        for job in jobs {
            let _ = results.send(u64::from(job) * u64::from(job));
        }
    });
    queue
}
