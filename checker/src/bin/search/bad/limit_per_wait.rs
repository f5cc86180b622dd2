use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// One set of replicas, but each wait for the next reply gets the whole
// limit again.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let mut results = vec![None; backends.len()];
    let mut set = JoinSet::new();
    for (i, replicas) in backends.into_iter().enumerate() {
        for replica in replicas {
            set.spawn(async move { (i, replica.await) });
        }
    }
    let mut waiting = results.len();
    while waiting > 0 {
        let Ok(Some(done)) = timeout(limit, set.join_next()).await else { break };
        if let Ok((i, reply)) = done
            && results[i].is_none()
        {
            results[i] = Some(reply);
            waiting -= 1;
        }
    }
    results
}
