// Known-bad (expect `wrong`): a timeout for each task it waits for, instead of
// one for all of them. Each timeout starts counting only when run_all starts
// waiting for that task, so together they run past the limit.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_all(token: &CancellationToken, jobs: Vec<Job>, limit: Duration) -> Option<Vec<u32>> {
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
    let mut results = Vec::new();
    for task in tasks {
        match timeout(limit, task).await {
            Ok(Ok(Some(v))) => results.push(v),
            _ => return None,
        }
    }
    Some(results)
}
