use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

// The first replica; after the delay, all the others at once.
pub async fn hedged(replicas: Vec<Replica>, delay: Duration) -> Reply {
    let mut left = replicas.into_iter();
    let mut set = JoinSet::new();
    set.spawn(left.next().expect("at least one replica"));
    if let Ok(Some(Ok(reply))) = timeout(delay, set.join_next()).await {
        return reply;
    }
    for replica in left {
        set.spawn(replica);
    }
    loop {
        if let Some(Ok(reply)) = set.join_next().await {
            return reply;
        }
    }
}
