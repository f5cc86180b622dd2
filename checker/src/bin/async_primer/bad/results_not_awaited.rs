// Known-bad (expect `leak`): each task sends its result on a channel, and
// run_jobs takes only the results already there (`try_recv` never waits):
// it returns while the tasks still run, and their results are lost.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    let (done_tx, mut done_rx) = mpsc::channel(64);
    let mut count = 0;
    while let Some(job) = jobs.recv().await {
        let (done_tx, place) = (done_tx.clone(), count);
        count += 1;
        tokio::spawn(async move {
            let _ = done_tx.send((place, job.await)).await;
        });
    }
    let mut results = vec![None; count];
    while let Ok((place, result)) = done_rx.try_recv() {
        results[place] = Some(result);
    }
    for result in results.into_iter().flatten() {
        report(result).await;
    }
}
