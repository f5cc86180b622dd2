// Known-bad (expect `wrong`), written blind from the exercise text: sleeps delay, then looks with
// try_join_next; a reply that comes mid-delay is only seen at the next tick, not the moment it
// comes
// Day 25 (stretch): hedged requests
use tokio::task::JoinSet;
use tokio::time::sleep;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A replica's answer.
pub type Reply = String;

/// Asks one replica (when first polled): it answers some day (or never).
pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// Asks replicas in turn, hedging after `delay`.
pub async fn hedged(replicas: Vec<Replica>, delay: Duration) -> Reply {
    let mut rest = replicas.into_iter();
    let mut set = JoinSet::new();
    set.spawn(rest.next().unwrap());
    loop {
        if rest.len() == 0 {
            // nothing left to hedge with: just wait
            loop {
                match set.join_next().await {
                    Some(Ok(reply)) => return reply,
                    Some(Err(_)) => continue,
                    None => panic!("every replica failed"),
                }
            }
        }
        sleep(delay).await;
        if let Some(Ok(reply)) = set.try_join_next() {
            return reply;
        }
        set.spawn(rest.next().unwrap());
    }
}
