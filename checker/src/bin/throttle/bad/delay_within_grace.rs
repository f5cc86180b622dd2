// Known-bad (expect `wrong`): `MissedTickBehavior::Delay` alone. tokio
// counts a tick as missed only when it is taken more than 5 ms late; a
// request that arrives 3 ms after a tick was due takes that tick, and the
// next tick stays on the old schedule: the next request starts 197 ms later,
// with `every` = 200 ms. (This was the course's reference solution.)
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
