use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

// Every replica asked at once: the first reply wins, and the delay is
// never used.
pub async fn hedged(replicas: Vec<Replica>, _delay: Duration) -> Reply {
    let mut set = JoinSet::new();
    for replica in replicas {
        set.spawn(replica);
    }
    loop {
        if let Some(Ok(reply)) = set.join_next().await {
            return reply;
        }
    }
}
