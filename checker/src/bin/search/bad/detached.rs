use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// Replicas on detached tasks, replies over a channel: search returns on
// time with the right slots, but the losing replicas run on.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let deadline = Instant::now() + limit;
    let mut results = vec![None; backends.len()];
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for (i, replicas) in backends.into_iter().enumerate() {
        for replica in replicas {
            let tx = tx.clone();
            tokio::spawn(async move {
                let _ = tx.send((i, replica.await));
            });
        }
    }
    drop(tx);
    let mut waiting = results.len();
    while waiting > 0 {
        let Ok(Some((i, reply))) = timeout_at(deadline, rx.recv()).await else { break };
        if results[i].is_none() {
            results[i] = Some(reply);
            waiting -= 1;
        }
    }
    results
}
