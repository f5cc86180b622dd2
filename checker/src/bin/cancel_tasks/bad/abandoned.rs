// Known-bad (expect `leak`): runs the jobs as tasks and waits under one
// timeout, but never cancels anything. At the limit it stops *waiting*; the
// JoinHandles are dropped, and a dropped JoinHandle does not stop its task:
// the jobs run on, detached.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_all(token: &CancellationToken, jobs: Vec<Job>, limit: Duration) -> Option<Vec<u32>> {
    let tasks: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let all = async {
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.ok()?);
        }
        Some(results)
    };
    tokio::select! {
        _ = token.cancelled() => None,
        r = timeout(limit, all) => r.ok().flatten(),
    }
}
