// Known-bad (expect `wrong`): retries, but with no budget at all. A backend
// that never answers (an attempt that hangs) keeps fetch waiting forever.
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

#[allow(async_fn_in_trait)]
pub trait Backend {
    async fn get(&self) -> Result<u32, Busy>;
}

#[derive(Debug)]
pub struct Busy;

pub const FIRST_PAUSE: Duration = Duration::from_millis(10);

pub async fn fetch(backend: &impl Backend, budget: Duration) -> Option<u32> {
    let mut pause = FIRST_PAUSE;
    loop {
        if let Ok(answer) = backend.get().await {
            return Some(answer);
        }
        sleep(pause).await;
        pause *= 2;
    }
}
