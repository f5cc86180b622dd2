// Known-bad (expect `wrong`): a job's panic comes out of its JoinHandle as an
// Err, and run_all reports it as None, as if the caller had cancelled: the
// caller never hears that the job failed.
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
                    // The token first: a job that is ready at the moment of
                    // the cancel must not get that step.
                    biased;
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
                _ => return None, // cancelled (or the job panicked)
            }
        }
        Some(results)
    };
    timeout(limit, all).await.ok().flatten()
}
