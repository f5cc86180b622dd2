// Known-bad (expect `leak`): cancels the tasks by hand on the normal ways out, but a
// job's panic leaves run_all through resume_unwind before that line, and the other
// tasks run on. A drop guard cancels on every way out.
// Day 17 (stretch): cancelling tasks
//
// The same idea with tokio tasks, where waiting is `.await`. Go would write
// `ctx, cancel := context.WithTimeout(parent, limit)`, start the work under
// `ctx`, and have each goroutine `select` on `<-ctx.Done()`.
//
// A future is stopped by dropping it, and it stops where it last waited: at
// an `.await`. The code between two `.await`s always runs to the next one.
// (So dropping a future is safe only if stopping at any of its `.await`s
// loses nothing: tokio's docs call that "cancel safety".)
//
// `tokio::select! { a = fut_a => .., b = fut_b => .. }` races futures: the
// first to finish wins, and the others are dropped. Each time, it polls the
// branches starting from a random one, so when two are ready at once the
// winner is random, unless its first line is `biased;`: then it polls them
// from top to bottom. tokio_util's `token.run_until_cancelled(job)` is a race
// too, and it polls the job first. `tokio::time::timeout(limit, fut)` is a
// race between `fut` and a timer.
//
// A *task* is not a future you own. Dropping its `JoinHandle` does not stop
// it: it runs on, detached, like a goroutine nobody waits for. A task stops
// when it is told, through a token it watches, or from outside, which Go
// cannot do to a goroutine: `handle.abort()`, or dropping the `JoinSet` that
// spawned it. An aborted task is dropped instead of being polled again: it
// too stops at an `.await`.
//
// A task's panic does not end the program (an unrecovered goroutine panic
// ends Go's): awaiting its `JoinHandle` gives an `Err(JoinError)` instead.
//
// The checks pause tokio's clock: they see the exact instant `run_all`
// returns, and whether any job takes one more step after that.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

/// A job: it works in steps (each an `.await`) and gives a number, some day.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

/// Runs every job on a task of its own, all at once, and returns their
/// results in order, as soon as the last one is done. Returns `None` if they
/// are not all done within `limit` (counted from the call), or as soon as the
/// caller cancels `token`. Either way, no job takes another step once
/// `run_all` has returned. `token` is the caller's: run_all never cancels it.
/// If a job panics, run_all panics with it: the panic reaches the caller.
pub async fn run_all(token: &CancellationToken, jobs: Vec<Job>, limit: Duration) -> Option<Vec<u32>> {
    let child = token.child_token();
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let child = child.clone();
            tokio::spawn(async move {
                tokio::select! {
                    biased;
                    _ = child.cancelled() => None,
                    value = job => Some(value),
                }
            })
        })
        .collect();
    let all = async {
        let mut results = Vec::new();
        for handle in handles {
            match handle.await {
                Ok(Some(value)) => results.push(value),
                Ok(None) => return None,
                Err(err) => std::panic::resume_unwind(err.into_panic()),
            }
        }
        Some(results)
    };
    let outcome = timeout(limit, all).await;
    // whatever happened, stop the tasks
    child.cancel();
    outcome.ok().flatten()
}
