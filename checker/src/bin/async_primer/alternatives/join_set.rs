// Day 15 alternative: a JoinSet, each task tagged with its place; results are
// put in their slots as tasks finish, then reported in order.
use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn run_jobs(mut jobs: mpsc::Receiver<Job>, mut report: impl AsyncFnMut(u32)) {
    let mut set = JoinSet::new();
    let mut count = 0;
    while let Some(job) = jobs.recv().await {
        let place = count;
        set.spawn(async move { (place, job.await) });
        count += 1;
    }
    let mut results = vec![0; count];
    while let Some(done) = set.join_next().await {
        let (place, result) = done.expect("a job panicked");
        results[place] = result;
    }
    for result in results {
        report(result).await;
    }
}
