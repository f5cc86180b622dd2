use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

// Each replica gets the delay, and is dropped when it is up: a fallback,
// not a hedge. The last one gets all the time it needs.
pub async fn hedged(replicas: Vec<Replica>, delay: Duration) -> Reply {
    let n = replicas.len();
    for (i, replica) in replicas.into_iter().enumerate() {
        if i + 1 == n {
            return replica.await;
        }
        if let Ok(reply) = timeout(delay, replica).await {
            return reply;
        }
    }
    unreachable!("replicas is never empty")
}
