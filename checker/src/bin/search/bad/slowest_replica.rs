use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub type Backend = Vec<Replica>;

// Each backend's replies come over a channel, and the first one is kept;
// but the loop reads until the channel closes, that is until every
// replica has answered.
pub async fn search(backends: Vec<Backend>, limit: Duration) -> Vec<Option<Reply>> {
    let deadline = Instant::now() + limit;
    let mut results = vec![None; backends.len()];
    let mut set = JoinSet::new();
    for (i, replicas) in backends.into_iter().enumerate() {
        set.spawn(async move {
            let mut replies = JoinSet::new();
            for replica in replicas {
                replies.spawn(replica);
            }
            let mut first = None;
            while let Some(Ok(reply)) = replies.join_next().await {
                first.get_or_insert(reply);
            }
            (i, first)
        });
    }
    while let Ok(Some(done)) = timeout_at(deadline, set.join_next()).await {
        if let Ok((i, reply)) = done {
            results[i] = reply;
        }
    }
    results
}
