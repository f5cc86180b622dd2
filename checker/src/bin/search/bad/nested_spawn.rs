use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// One task per backend, which spawns its replicas and keeps the first
// reply. The backend tasks are in a JoinSet, so they are aborted; but
// aborting a task does not abort the tasks it spawned.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let deadline = Instant::now() + limit;
    let mut results = vec![None; backends.len()];
    let mut set = JoinSet::new();
    for (i, replicas) in backends.into_iter().enumerate() {
        set.spawn(async move {
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            for replica in replicas {
                let tx = tx.clone();
                tokio::spawn(async move {
                    let _ = tx.send(replica.await);
                });
            }
            (i, rx.recv().await)
        });
    }
    while let Ok(Some(done)) = timeout_at(deadline, set.join_next()).await {
        if let Ok((i, reply)) = done {
            results[i] = reply;
        }
    }
    results
}
