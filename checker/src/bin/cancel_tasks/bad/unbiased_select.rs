// Known-bad (expect `wrong`): the task's select! is not `biased;`. When the
// cancel comes at the moment a job is ready, select! picks a branch at
// random: about every other task polls its job first, and the job takes a
// step after run_all returned. The check runs 64 such tasks: this variant
// passes only if all 64 coin flips favour the token (odds 2^-64); tokio's
// select! RNG cannot be seeded without `tokio_unstable`.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_all(token: &CancellationToken, jobs: Vec<Job>, limit: Duration) -> Option<Vec<u32>> {
    // Cancelled when the caller cancels `token`, and (by the guard) whenever
    // run_all returns, or unwinds.
    let crew = token.child_token();
    let _cancel_on_return = crew.clone().drop_guard();
    let tasks: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let crew = crew.clone();
            tokio::spawn(async move {
                tokio::select! {
                    _ = crew.cancelled() => None,
                    v = job => Some(v),
                }
            })
        })
        .collect();
    let all = async {
        let mut results = Vec::new();
        for task in tasks {
            match task.await {
                Ok(Some(v)) => results.push(v),
                Ok(None) => return None, // cancelled
                // The job panicked: its panic goes on to run_all's caller.
                Err(e) => std::panic::resume_unwind(e.into_panic()),
            }
        }
        Some(results)
    };
    timeout(limit, all).await.ok().flatten()
}
