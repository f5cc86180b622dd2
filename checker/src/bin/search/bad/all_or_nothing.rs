use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// The limit is a timeout around the whole collection: when it fires, the
// replies gathered so far go with it.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let n = backends.len();
    let mut set = JoinSet::new();
    for (i, replicas) in backends.into_iter().enumerate() {
        for replica in replicas {
            set.spawn(async move { (i, replica.await) });
        }
    }
    let collect = async {
        let mut results = vec![None; n];
        let mut waiting = n;
        while waiting > 0 {
            let Some(done) = set.join_next().await else { break };
            if let Ok((i, reply)) = done
                && results[i].is_none()
            {
                results[i] = Some(reply);
                waiting -= 1;
            }
        }
        results
    };
    timeout(limit, collect).await.unwrap_or_else(|_| vec![None; n])
}
