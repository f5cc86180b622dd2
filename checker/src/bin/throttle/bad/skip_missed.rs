// Known-bad (expect `wrong`): `MissedTickBehavior::Skip` keeps the ticker on
// its old schedule. After a quiet spell the first request goes out late, off
// the schedule, and the next one on the next scheduled tick: sooner than
// `every` after it. (Go's time.Tick does the same.)
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval};

pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    let mut ticks = interval(every);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Skip);
    while let Some(request) = requests.recv().await {
        ticks.tick().await;
        serve(request).await;
    }
}
