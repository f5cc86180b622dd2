// Known-bad (expect `panic`): `recv().await` is unwrapped, but `None` is how
// a closed channel says "no more": it is the normal end, not an error.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    let mut tasks = Vec::new();
    loop {
        let job = jobs.recv().await.unwrap();
        tasks.push(tokio::spawn(job));
        // Report what is done so far, in order.
        while tasks.first().is_some_and(|t| t.is_finished()) {
            report(tasks.remove(0).await.unwrap()).await;
        }
    }
}
