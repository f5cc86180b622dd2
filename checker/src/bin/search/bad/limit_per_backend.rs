use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// Every replica starts at once, but the backends are awaited one after
// another, each with a limit of its own.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let mut sets = Vec::new();
    for replicas in backends {
        let mut set = JoinSet::new();
        for replica in replicas {
            set.spawn(replica);
        }
        sets.push(set);
    }
    let mut results = Vec::new();
    for set in &mut sets {
        let reply = match timeout(limit, set.join_next()).await {
            Ok(Some(Ok(reply))) => Some(reply),
            _ => None,
        };
        results.push(reply);
    }
    results
}
