// Known-bad (expect `leak`): each task races its job against a brand-new
// token of its own, and run_all cancels its child token at the end. But no
// task watches that child token: cancelling it stops nothing.
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
            let mine = CancellationToken::new();
            tokio::spawn(async move {
                tokio::select! {
                    _ = mine.cancelled() => None,
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
    tokio::select! {
        _ = crew.cancelled() => None,
        r = timeout(limit, all) => r.ok().flatten(),
    }
}
