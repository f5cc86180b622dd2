// Day 4 (stretch): feeding and draining bounded channels
//
// Two workers, each with a queue of its own, send their results into one
// results channel (a "fan-in"). Your function puts the jobs in and takes
// the results out. Every channel here is bounded: a full one makes its
// sender wait. So each stage is held back by the next one: a full results
// channel stops the workers, and a worker that cannot hand on its result
// takes no job from its queue. That is backpressure, all the way back to
// whoever feeds the queues. (`jobs` is `Send + 'static`: it may move to
// another thread.)
//
// In Go these are three `make(chan T, 2)`, drained with `for r := range
// results`. Go's `select` can wait on a send and a receive at once; std's
// mpsc has no `select` (crossbeam's comes on day 8). Go closes a channel
// with an explicit `close`, and with two workers sending, someone must
// wait for both before closing `results`; Rust closes it when the last
// sender is dropped, and each worker owns one. If every goroutine waits,
// Go's runtime stops with "all goroutines are asleep - deadlock!"; Rust
// just hangs.
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
    // TODO: send each job to the `even` or the `odd` worker, and hand every
    // result from `results` to `deliver`, until `results` closes.
    todo!()
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
