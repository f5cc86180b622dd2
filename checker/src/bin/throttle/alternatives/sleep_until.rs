// Day 15 alternative: no ticker; each request waits until the instant the last one started plus `every`.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

/// Serves the requests that arrive on `requests`, in order, one at a time
/// (`serve(request).await`). No two requests start less than `every` apart,
/// and each starts as soon as that allows. Returns once the channel is closed
/// (every sender dropped) and the last request has been served.
pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    // The earliest instant the next request may start.
    let mut next_start = Instant::now();
    while let Some(request) = requests.recv().await {
        sleep_until(next_start).await;
        // Counted from when this one really starts, so a quiet spell never
        // lets a burst through.
        next_start = Instant::now() + every;
        serve(request).await;
    }
}
