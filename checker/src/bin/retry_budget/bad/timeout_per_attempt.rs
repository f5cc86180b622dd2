// Known-bad (expect `wrong`): the timeout wraps each attempt, so it starts over
// on every turn of the loop. An attempt that hangs is cut off, but attempts
// that each fail within the budget go on for ever: the job has no deadline.
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
        match timeout(budget, backend.get()).await {
            Ok(Ok(answer)) => return Some(answer),
            Ok(Err(Busy)) => {}
            Err(_) => return None,
        }
        sleep(pause).await;
        pause *= 2;
    }
}
