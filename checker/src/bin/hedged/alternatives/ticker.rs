use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{MissedTickBehavior, interval};

pub type Reply = String;

pub type Replica = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// Aborts every task it holds when dropped: on every way out of hedged.
struct Asked(Vec<JoinHandle<()>>);

impl Drop for Asked {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Go's shape: replies on a channel, and a ticker that asks the next
/// replica on each tick (the first tick comes at once). A reply that comes
/// at the instant of a tick wins: `biased` looks at the replies first.
pub async fn hedged(replicas: Vec<Replica>, delay: Duration) -> Reply {
    let (tx, mut rx) = mpsc::channel(replicas.len());
    let mut left = replicas.into_iter();
    let mut asked = Asked(Vec::new());
    let mut ticks = interval(delay);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            biased;
            Some(reply) = rx.recv() => return reply,
            _ = ticks.tick(), if left.len() > 0 => {
                let replica = left.next().expect("one is left");
                let tx = tx.clone();
                asked.0.push(tokio::spawn(async move {
                    let _ = tx.send(replica.await).await;
                }));
            }
        }
    }
}
