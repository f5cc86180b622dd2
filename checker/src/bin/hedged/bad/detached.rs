use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

// Replies over a channel from detached tasks: the right reply at the
// right time, but nothing stops the replicas still working.
pub async fn hedged(replicas: Vec<Replica>, delay: Duration) -> Reply {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for replica in replicas {
        let tx = tx.clone();
        tokio::spawn(async move {
            let _ = tx.send(replica.await);
        });
        if let Ok(Some(reply)) = timeout(delay, rx.recv()).await {
            return reply;
        }
    }
    drop(tx);
    rx.recv().await.expect("a replica answers")
}
