// Known-bad (expect `wrong`): `run_until_cancelled` polls the job before the
// token. When the limit passes at the moment a job is ready, run_all returns,
// and then the task polls the job first: it takes a step after run_all
// returned.
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
            tokio::spawn(async move { crew.run_until_cancelled(job).await })
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
