// Known-bad (expect `wrong`): serves every request as soon as it arrives.
// Nothing limits the rate: everything that is waiting goes out in one burst.
use std::time::Duration;
use tokio::sync::mpsc;

pub async fn throttle(mut requests: mpsc::Receiver<u32>, every: Duration, mut serve: impl AsyncFnMut(u32)) {
    while let Some(request) = requests.recv().await {
        serve(request).await;
    }
}
