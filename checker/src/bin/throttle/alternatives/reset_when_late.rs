// Day 15 alternative: a ticker that keeps its schedule while requests come on
// time, and starts a new one from a tick taken late.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, interval};

/// Serves the requests that arrive on `requests`, in order, one at a time
/// (`serve(request).await`). No two requests start less than `every` apart,
/// and each starts as soon as that allows. Returns once the channel is closed
/// (every sender dropped) and the last request has been served.
pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    let mut ticks = interval(every);
    while let Some(request) = requests.recv().await {
        let due = ticks.tick().await;
        // Late by any amount (tokio only counts more than 5 ms as missed):
        // the next tick is a full `every` after this start.
        if Instant::now() > due {
            ticks.reset();
        }
        serve(request).await;
    }
}
