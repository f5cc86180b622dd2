// Known-bad (expect `wrong`): the tasks share the caller's token (a clone is
// the same token), and run_all cancels it on the way out: everything else the
// caller runs under that token is cancelled too.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_all(token: &CancellationToken, jobs: Vec<Job>, limit: Duration) -> Option<Vec<u32>> {
    let crew = token.clone();
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
            results.push(task.await.ok()??);
        }
        Some(results)
    };
    timeout(limit, all).await.ok().flatten()
}
