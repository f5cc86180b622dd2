// Known-bad (expect `wrong`): each job gets a task, but its handle is
// awaited at once, before the next job is taken: one task at a time.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    while let Some(job) = jobs.recv().await {
        let result = tokio::spawn(job).await.unwrap();
        report(result).await;
    }
}
