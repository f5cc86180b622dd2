// Day 11: fan-out, fan-in
//
// Fan-out: several workers take jobs from one shared channel. A crossbeam
// `Receiver` can be cloned, and every clone takes from the same queue: each
// job goes to exactly one worker, whichever is free first.
// Fan-in: every worker sends its results into one channel, and one loop on
// the calling thread collects them.
//
//   Go:    for w := 0; w < 5; w++ { go func() { for j := range jobs { results <- work(j) } }() }
//   Rust:  for _ in 0..5 { let (jobs, results) = (jobs.clone(), result_tx.clone());
//                          thread::spawn(move || for j in jobs { results.send(work(j)) ... }); }
//
// Results arrive in the order the jobs *finish*, not the order they were
// sent: a slow job's result comes after those of faster jobs sent later. To
// give the results back in input order, send each job with its index and
// each result with the same index, `(i, input)` -> `(i, output)`, and put it
// in slot `i`.
//
// The collecting loop `for r in results_rx` ends when every result Sender is
// gone. Go closes the results channel by hand, after a `wg.Wait()`; here it
// closes by itself once the last Sender is dropped: know who holds one.
use checker::thread;
use crossbeam::channel::unbounded;

/// How many worker threads `process_all` uses.
pub const WORKERS: usize = 5;

/// Computes `work(x)` for every `x` in `inputs`, each exactly once, on
/// exactly `WORKERS` threads that it spawns, and returns the results in the
/// order of `inputs`. The calling thread hands out the jobs and collects the
/// results; the workers are joined before it returns. If a worker panics,
/// the panic reaches the caller: `join()` returns it as an `Err`; unwrap it.
pub fn process_all(inputs: &[u64], work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: fan out the indexed jobs to WORKERS threads over one channel,
    // fan their indexed results back in over another, and put each in its slot.
    todo!()
}
