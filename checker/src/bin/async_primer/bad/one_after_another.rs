// Known-bad (expect `wrong`): each job is awaited as it arrives, so the
// next one starts only when it is done: the jobs never overlap.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    while let Some(job) = jobs.recv().await {
        report(job.await).await;
    }
}
