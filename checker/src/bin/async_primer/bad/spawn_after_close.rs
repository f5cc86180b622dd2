// Known-bad (expect `wrong`): the jobs wait in a Vec until the channel
// closes, and only then are they spawned: a job that came early starts late.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    let mut waiting = Vec::new();
    while let Some(job) = jobs.recv().await {
        waiting.push(job);
    }
    let tasks: Vec<_> = waiting.into_iter().map(tokio::spawn).collect();
    for task in tasks {
        report(task.await.unwrap()).await;
    }
}
