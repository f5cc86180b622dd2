// Known-bad (expect `wrong`): a thread's sleep "to let the tasks finish".
// It blocks the runtime's thread, and with it every task. (std's sleep is
// refused before the build; the course's thread sleep is the same mistake.)
use checker::thread;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    let mut tasks = Vec::new();
    while let Some(job) = jobs.recv().await {
        tasks.push(tokio::spawn(job));
    }
    thread::sleep(Duration::from_millis(500));
    for task in tasks {
        report(task.await.unwrap()).await;
    }
}
