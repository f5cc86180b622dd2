// Known-bad (expect `wrong`): the feeder unwraps every send: once every worker has died the send fails, and the
// caller hears of the feeder's SendError, not of the worker's panic (found blind).
// Day 12: worker pools
//
// A thread per job is fine for ten jobs, not for ten thousand: every thread
// costs memory and start-up time, and a hundred threads on two cores finish
// no sooner than five. A worker pool starts a fixed number of workers once;
// each takes jobs from one shared queue, one at a time, until the queue is
// closed and empty.
//
// Go's pool: `jobs := make(chan int, 10)`, five `go worker(jobs)` that each
// loop `for j := range jobs`, then the feeder sends every job and calls
// `close(jobs)`. crossbeam's channel is the same thing in Rust: its
// `Receiver` can be cloned (one per worker; std's mpsc allows only one
// receiver), `for job in rx` takes the next job and ends when the channel is
// closed, and closing it is dropping the last `Sender`. The queue is bounded
// so that the feeder waits for the workers instead of running ahead.
//
// Why a queue, and not a fixed share of the jobs per worker: a worker stuck
// on a slow job takes no more, and the others take the rest.
use checker::thread;
use crossbeam::channel::bounded;

/// How many worker threads the pool has.
pub const WORKERS: usize = 5;

/// How many jobs the queue holds.
pub const QUEUE: usize = 10;

/// Runs `work(job)` for every job, exactly once, on a pool of `WORKERS`
/// threads that take the jobs from a queue of `QUEUE` jobs. The calling
/// thread feeds the queue (it spawns no other thread than the workers).
/// Returns every `(job, work(job))` pair, in any order, once every worker has
/// been joined. If a worker panics, the panic reaches the caller: `join()`
/// returns it as an `Err`; unwrap it. That holds even if every worker dies
/// while jobs are still to be sent.
pub fn run_pool(jobs: Vec<u32>, work: fn(u32) -> u64) -> Vec<(u32, u64)> {
    let (tx, rx) = bounded::<u32>(QUEUE);

    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = rx.clone();
            thread::spawn(move || {
                let mut pairs = Vec::new();
                for job in rx {
                    pairs.push((job, work(job)));
                }
                pairs
            })
        })
        .collect();
    drop(rx);

    for job in jobs {
        tx.send(job).unwrap();
    }
    drop(tx);

    workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
}
