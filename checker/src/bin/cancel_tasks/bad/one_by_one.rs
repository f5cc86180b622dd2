// Known-bad (expect `wrong`): awaits the jobs one after another, on run_all's
// own task. Each `.await` waits for its job to finish before the next one even
// starts: nothing runs at the same time.
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_all(token: &CancellationToken, jobs: Vec<Job>, limit: Duration) -> Option<Vec<u32>> {
    let all = async {
        let mut results = Vec::new();
        for job in jobs {
            results.push(job.await);
        }
        results
    };
    tokio::select! {
        _ = token.cancelled() => None,
        r = timeout(limit, all) => r.ok(),
    }
}
