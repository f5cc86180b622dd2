// Day 17 stretch alternative: a JoinSet (dropping it aborts every task) raced against the caller's token.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

/// A job: it works in steps (each an `.await`) and gives a number, some day.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

/// Runs every job on a task of its own, all at once, and returns their
/// results in order, as soon as the last one is done. Returns `None` if they
/// are not all done within `limit` (counted from the call), or as soon as the
/// caller cancels `token`. Either way, no job takes another step once
/// `run_all` has returned. `token` is the caller's: run_all never cancels it.
pub async fn run_all(token: &CancellationToken, jobs: Vec<Job>, limit: Duration) -> Option<Vec<u32>> {
    let mut tasks = JoinSet::new();
    let n = jobs.len();
    for (i, job) in jobs.into_iter().enumerate() {
        tasks.spawn(async move { (i, job.await) });
    }
    let all = async {
        let mut out = vec![0; n];
        while let Some(done) = tasks.join_next().await {
            // A job's panic goes on to run_all's caller.
            let (i, v) = done.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
            out[i] = v;
        }
        Some(out)
    };
    let result = tokio::select! {
        biased;
        _ = token.cancelled() => None,
        r = timeout(limit, all) => r.ok().flatten(),
    };
    // Aborts every task still running: an aborted task is never polled again.
    tasks.abort_all();
    result
}
