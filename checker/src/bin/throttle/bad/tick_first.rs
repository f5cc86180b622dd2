// Known-bad (expect `wrong`): takes a tick *before* waiting for the next
// request. After a quiet spell that tick is stale: it was taken long before
// the request came, and the request after it gets the next tick at once.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval};

pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    let mut ticks = interval(every);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match requests.recv().await {
            Some(request) => serve(request).await,
            None => return,
        }
    }
}
