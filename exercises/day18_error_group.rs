// Day 18: an error group
//
// Go's `errgroup` runs goroutines that each return an `error`:
// `g, ctx := errgroup.WithContext(ctx)`, one `g.Go(func() error {..})` per
// job, then `err := g.Wait()`. The first error, in time, cancels `ctx`, and
// `Wait` returns that error. Here a job is a future that ends in a
// `Result`: `Ok(value)` or `Err(why)`. A `Result` is a value you must look
// at: `let _ =` and `.ok()` are how an error gets thrown away unseen.
//
// Where Rust differs. Go's `Wait` returns only when every goroutine has
// returned, so each must watch `ctx.Done()` to stop early. A tokio task can
// be stopped from outside (day 17: `abort()`, or dropping the `JoinSet`
// that spawned it), so `run_group` answers at the instant a job fails and
// stops the others itself. And a panicking goroutine ends the whole Go
// program, whereas a panicking task ends only its own task: its
// `JoinHandle` (or `JoinSet::join_next`) gives an `Err(JoinError)`, whose
// `into_panic()` is the panic. Here that is the job's failure, an error
// like any other.
//
// The checks pause tokio's clock: they see the exact instant `run_group`
// returns, and whether any job takes one more step after that.
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use tokio::task::JoinSet;

/// A job: it works in steps (each an `.await`), then succeeds with a
/// number or fails with the reason why.
pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

/// Runs every job on a task of its own, all at once. If every job succeeds,
/// returns their values in the order of `jobs`, as soon as the last is done.
/// As soon as one job fails, returns its error, and no other job takes
/// another step. A job that panics has failed, with `panic_error(panic)`.
pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    // TODO: start every job on a task. Take their results as they come in:
    // the first error goes back to the caller at once; the values, in
    // order, once all are in. Nothing you started may run on after you
    // return.
    todo!()
}

/// A panicked job's error: "panicked: " and the panic's message.
pub fn panic_error(panic: Box<dyn Any + Send>) -> String {
    let message = match panic.downcast::<String>() {
        Ok(text) => *text,
        Err(panic) => panic.downcast_ref::<&str>().map_or("(no message)", |s| s).to_string(),
    };
    format!("panicked: {message}")
}
