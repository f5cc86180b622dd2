use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    // Started as they come: each job runs while the next is awaited.
    let mut tasks = Vec::new();
    while let Some(job) = jobs.recv().await {
        tasks.push(tokio::spawn(job));
    }
    for task in tasks {
        match task.await {
            Ok(result) => report(result).await,
            // The job panicked: pass its panic on to the caller.
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }
}
