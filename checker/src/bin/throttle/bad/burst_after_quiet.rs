// Known-bad (expect `wrong`): a ticker with the default missed-tick behavior
// (`Burst`). After a quiet spell it hands out every missed tick at once, and
// the requests waiting then go out together.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::interval;

pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    let mut ticks = interval(every);
    while let Some(request) = requests.recv().await {
        ticks.tick().await;
        serve(request).await;
    }
}
