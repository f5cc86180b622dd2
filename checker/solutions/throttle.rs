use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval};

pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    let mut ticks = interval(every);
    // After a quiet spell, one tick now and the next a full `every` later.
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    while let Some(request) = requests.recv().await {
        ticks.tick().await;
        serve(request).await;
    }
}
