use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

/// Each backend's first reply, within `limit` of now. Its replicas are in
/// a set this future owns: when it returns, or is dropped, they stop.
async fn first_reply(replicas: Backend, limit: Duration) -> Option<Reply> {
    let mut set: JoinSet<Reply> = replicas.into_iter().collect();
    match timeout(limit, set.join_next()).await {
        Ok(Some(Ok(reply))) => Some(reply),
        _ => None,
    }
}

/// One task per backend, all started at once, so each backend's limit
/// counts from the same instant: the search's. A backend's task ends by
/// then, and aborting it drops the set of replicas it owns.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let mut results = vec![None; backends.len()];
    let mut tasks = JoinSet::new();
    for (i, replicas) in backends.into_iter().enumerate() {
        tasks.spawn(async move { (i, first_reply(replicas, limit).await) });
    }
    for (i, reply) in tasks.join_all().await {
        results[i] = reply;
    }
    results
}
