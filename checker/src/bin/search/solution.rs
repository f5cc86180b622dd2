use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    // One deadline for the whole search, fixed before anything starts.
    let deadline = Instant::now() + limit;
    let mut results = vec![None; backends.len()];
    // Dropping the set, on the way out, aborts every replica still in it.
    let mut set = JoinSet::new();
    for (i, replicas) in backends.into_iter().enumerate() {
        for replica in replicas {
            set.spawn(async move { (i, replica.await) });
        }
    }
    let mut waiting = results.len();
    while waiting > 0 {
        // Ok(None): no replica left to wait for; Err: the deadline passed.
        let Ok(Some(done)) = timeout_at(deadline, set.join_next()).await else { break };
        if let Ok((i, reply)) = done
            && results[i].is_none()
        {
            results[i] = Some(reply);
            waiting -= 1;
        }
    }
    results
}
