// Known-bad (expect `wrong`): a handle's `Err` is skipped, so a job that
// panicked vanishes and run_jobs returns as if every job had been done.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    let mut tasks = Vec::new();
    while let Some(job) = jobs.recv().await {
        tasks.push(tokio::spawn(job));
    }
    for task in tasks {
        if let Ok(result) = task.await {
            report(result).await;
        }
    }
}
