use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::interval;

pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    let mut ticks = interval(every);
    while let Some(request) = requests.recv().await {
        ticks.tick().await;
        // Count the next tick from this start, not from the ticker's
        // schedule: a tick taken late (even by less than the 5 ms tokio
        // forgives) would otherwise let the next request start sooner than
        // `every` after this one. So missed ticks never pile up either.
        ticks.reset();
        serve(request).await;
    }
}
