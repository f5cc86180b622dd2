use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::timeout;

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

pub async fn hedged(replicas: Vec<Replica>, delay: Duration) -> Reply {
    let mut left = replicas.into_iter();
    // Dropping the set, when hedged returns, aborts every replica in it.
    let mut set = JoinSet::new();
    set.spawn(left.next().expect("at least one replica"));
    loop {
        let next = if left.len() > 0 {
            match timeout(delay, set.join_next()).await {
                Ok(next) => next,
                // No reply within the delay: ask one more replica.
                Err(_) => {
                    set.spawn(left.next().expect("one is left"));
                    continue;
                }
            }
        } else {
            set.join_next().await
        };
        match next {
            Some(Ok(reply)) => return reply,
            Some(Err(e)) => std::panic::resume_unwind(e.into_panic()),
            None => unreachable!("the set holds every replica asked, until one answers"),
        }
    }
}
