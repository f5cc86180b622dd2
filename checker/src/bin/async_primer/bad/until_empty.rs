// Known-bad (expect `wrong`): stops taking jobs once the channel is empty
// for a moment, and drops the Receiver: a job that comes later is lost.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    let mut tasks = Vec::new();
    while let Some(job) = jobs.recv().await {
        tasks.push(tokio::spawn(job));
        if jobs.is_empty() {
            break;
        }
    }
    drop(jobs);
    for task in tasks {
        report(task.await.unwrap()).await;
    }
}
