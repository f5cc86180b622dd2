// Known-bad (expect `wrong`): sleeps a full interval after serving each
// request. When serving takes time, the two add up and the pace drifts.
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    while let Some(request) = requests.recv().await {
        serve(request).await;
        sleep(every).await;
    }
}
