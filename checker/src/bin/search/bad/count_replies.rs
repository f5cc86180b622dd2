use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// As many replies as there are backends, each put in its backend's slot:
// two replies from one backend count twice, and the second overwrites.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let deadline = Instant::now() + limit;
    let mut results = vec![None; backends.len()];
    let mut set = JoinSet::new();
    for (i, replicas) in backends.into_iter().enumerate() {
        for replica in replicas {
            set.spawn(async move { (i, replica.await) });
        }
    }
    for _ in 0..results.len() {
        let Ok(Some(Ok((i, reply)))) = timeout_at(deadline, set.join_next()).await else { break };
        results[i] = Some(reply);
    }
    results
}
